import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { fixturePath } from '../../../test/fixtures.js';
import { createEngineClient, type EngineClient } from './createEngineClient.js';
import { forkWorker } from './forkWorker.js';
import type { CompleteArgs } from './completeOps.js';

// Practically never samples end-of-sequence: every completion runs its full maxTokens.
const small = { modelId: 'small', modelPath: fixturePath('small') };
const engineSettings = { ...DEFAULT_SETTINGS.engine, threads: 1 };
const args = (seed: number): CompleteArgs => ({ ...small, messages: [{ role: 'user', content: 'Tell me a story.' }], sampling: { seed, maxTokens: 96 } });
const chatArgs = {
  ...small,
  system: null,
  history: [],
  olderOmitted: 0,
  message: { id: 'u1', role: 'user' as const, content: 'Hello there' },
  sampling: { seed: 4, maxTokens: 32 },
};

interface Timed {
  firstAt: number;
  endedAt: number;
  tokens: number;
  text: string;
}

async function timed(engine: EngineClient, seed: number): Promise<Timed> {
  let firstAt = 0;
  const result = await engine.complete(args(seed), { onEvent: (e) => e.type === 'delta' && !firstAt && (firstAt = performance.now()) });
  return { firstAt, endedAt: performance.now(), tokens: result.stats.completionTokens, text: result.text };
}

/** Each completion streamed its first text before the other one ended. */
const overlapped = ([a, b]: Timed[]) => a!.firstAt < b!.endedAt && b!.firstAt < a!.endedAt;

describe('parallel sequences for API completions', () => {
  let engine: EngineClient;
  beforeAll(() => {
    engine = createEngineClient({ spawnWorker: forkWorker, settings: { ...engineSettings, parallelSequences: 2 }, env: { HEARTH_ENGINE_GPU: 'off' } });
  });
  afterAll(async () => {
    await engine.dispose();
  });

  it('with 2 sequences two completions generate at once, and a chat beside them keeps its own sequence', async () => {
    const chatAlone = await engine.generate(chatArgs, { onEvent: () => {} });
    const [runs, chat] = await Promise.all([Promise.all([timed(engine, 1), timed(engine, 2)]), engine.generate(chatArgs, { onEvent: () => {} })]);
    expect(runs.map((r) => r.tokens)).toEqual([96, 96]);
    expect(overlapped(runs)).toBe(true);
    expect(chat.stats.completionTokens).toBe(32);
    // The chat's sequence was not touched by the completions: a reply after them reuses its cache and matches.
    const chatAfter = await engine.generate(chatArgs, { onEvent: () => {} });
    expect(chatAfter.text).toBe(chatAlone.text);
    expect((await engine.status()).loaded.map((l) => l.modelId)).toEqual(['small']);
  });

  it('back to 1 (the default) they take turns on the chat sequence; an aborted waiter leaves the queue', async () => {
    await engine.configure({ ...engineSettings, parallelSequences: 1 });
    const runs = await Promise.all([timed(engine, 1), timed(engine, 2)]);
    expect(runs.map((r) => r.tokens)).toEqual([96, 96]);
    expect(overlapped(runs)).toBe(false);

    await engine.configure({ ...engineSettings, parallelSequences: 2 });
    const controller = new AbortController();
    const busy = [timed(engine, 5), timed(engine, 6)];
    const third = engine.complete(args(7), { signal: controller.signal });
    controller.abort();
    const outcome = await third.then((r) => r.finishReason, (e: { code?: string }) => e.code);
    expect(['aborted', 'ABORTED']).toContain(outcome);
    expect((await Promise.all(busy)).map((r) => r.tokens)).toEqual([96, 96]);
    expect((await timed(engine, 8)).tokens).toBe(96);
  });
});
