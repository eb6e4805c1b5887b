import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createStore, type Store } from '../store/createStore.js';
import { openDatabase } from '../store/openDatabase.js';
import { tempDir } from '../store/tempStore.js';
import { builtInProfiles } from './builtInProfiles.js';
import { createProfileService } from './createProfileService.js';
import { createRouter } from './createRouter.js';
import { createRoutingService, type EmbeddingScorer } from './createRoutingService.js';
import { shippedExamples, shippedLexicon } from './shippedRoutingData.js';

describe('routing service: embeddings blended in, never in the way', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let store: Store;
  const service = (embeddings: EmbeddingScorer, embeddingTimeoutMs?: number) => {
    const profiles = createProfileService({ db, builtIns: builtInProfiles(), examples: shippedExamples() });
    const router = createRouter({ profiles, lexicon: shippedLexicon() });
    // Built before any timing: the app warms it at start-up, and these tests time the embedding wait, not training.
    router.warm();
    return createRoutingService({ store, db, profiles, router, models: { list: () => [] }, embeddings, embeddingTimeoutMs });
  };
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.file);
    store = createStore({ db });
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('blends the embedding scores and says so', async () => {
    const business = { score: async (_t: string, labels: readonly string[]) => Object.fromEntries(labels.map((l) => [l, l === 'business' ? 1 : 0])) };
    // Words the lexical model has never seen: the meaning decides.
    const { decision } = await service(business).routeAsync({ text: 'zorbly quixotic flummox' });
    expect(decision.method).toBe('lexical+embedding');
    expect(decision.domain).toBe('business');
    // A clear lexical decision is refined, not overturned, by a disagreeing embedding.
    const clear = await service(business).routeAsync({ text: 'what should I cook for dinner this weekend' });
    expect(clear.decision.domain).toBe('general');
    expect(clear.decision.scores.business).toBeGreaterThan(0.3);
    expect(decision.reasons.join(' ')).toMatch(/embedding model/);
  });

  it('routes on words alone when the embedding is slow, fails or is unavailable', async () => {
    const slow = { score: () => new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000)) };
    const withSlow = service(slow, 50);
    const started = Date.now();
    const late = await withSlow.routeAsync({ text: 'write a haiku about rain' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(late.decision).toMatchObject({ domain: 'creative', method: 'lexical' });
    const failing = { score: async () => Promise.reject(new Error('engine crashed')) };
    expect((await service(failing).routeAsync({ text: 'write a haiku about rain' })).decision.method).toBe('lexical');
    const none = { score: async () => null };
    expect((await service(none).routeAsync({ text: 'write a haiku about rain' })).decision.method).toBe('lexical');
  });

  it("records the message's language in the decision, also when pinned", async () => {
    const none = { score: async () => null };
    expect((await service(none).routeAsync({ text: 'mi hija tiene fiebre desde anoche, qué le doy' })).decision).toMatchObject({ domain: 'healthcare', language: 'es' });
    expect((await service(none).routeAsync({ text: 'write a haiku about rain' })).decision.language).toBe('en');
    const chat = store.createChat({ routingMode: 'coding' });
    expect(service(none).route({ chat, text: 'schreib mir ein Gedicht über den Winter' }).decision).toMatchObject({ mode: 'pinned', language: 'de' });
  });

  it('does not ask for embeddings when the chat is pinned', async () => {
    let asked = 0;
    const counting = { score: async () => (asked++, null) };
    const chat = store.createChat({ routingMode: 'coding' });
    const { decision } = await service(counting).routeAsync({ chat, text: 'write a haiku about rain' });
    expect(decision).toMatchObject({ domain: 'coding', mode: 'pinned' });
    expect(asked).toBe(0);
  });
});
