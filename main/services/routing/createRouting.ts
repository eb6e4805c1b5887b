import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ModelRecord } from '../../contract/index.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import type { Store } from '../store/createStore.js';
import { createCacheEntries } from '../store/createCacheEntries.js';
import { builtInProfiles } from './builtInProfiles.js';
import { createProfileService, type ProfileService } from './createProfileService.js';
import { createRouter, type Router } from './createRouter.js';
import { createEmbeddingScorer, type EmbeddingScorerHandle } from './createEmbeddingScorer.js';
import { createRoutingService, type RoutingService } from './createRoutingService.js';
import { shippedExamples, shippedLexicon } from './shippedRoutingData.js';

export interface RoutingDeps {
  db: Database;
  store: Store;
  models: { list(): ModelRecord[] };
  bus: EventBus;
  logger: Logger;
  catalogInstalled?: (catalogId: string) => readonly string[];
  /** The engine's embedding op: with it, an installed embedding model refines routing. */
  engine?: { embed(ref: { modelId: string; modelPath: string }, texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]> };
  /** Where the example phrases' vectors are kept between runs. */
  cacheDir?: string;
}

export interface Routing {
  profiles: ProfileService;
  router: Router;
  routing: RoutingService;
  embeddings: EmbeddingScorerHandle | null;
}

/** Domain routing's services, wired: profiles (shipped + the user's), the router rebuilt when they change, decisions for the chat. */
export function createRouting(deps: RoutingDeps): Routing {
  let router: Router | null = null;
  let embeddings: EmbeddingScorerHandle | null = null;
  const profiles = createProfileService({
    db: deps.db,
    builtIns: builtInProfiles(),
    examples: shippedExamples(),
    onChange: (profileId) => {
      router?.invalidate();
      embeddings?.invalidate();
      deps.bus.emit('profiles.changed', { profileId });
    },
    warn: (message) => deps.logger.warn(message),
  });
  router = createRouter({
    profiles,
    lexicon: shippedLexicon(),
    onBuilt: ({ labels, vocabulary, ms }) => deps.logger.info(`router built: ${labels} profiles, ${vocabulary} features, ${ms.toFixed(0)} ms`),
  });
  const engine = deps.engine;
  if (engine) {
    embeddings = createEmbeddingScorer({
      embed: (ref, texts, options) => engine.embed(ref, texts, options),
      models: deps.models,
      profiles,
      catalogInstalled: deps.catalogInstalled,
      cacheDir: deps.cacheDir,
      cacheStore: createCacheEntries(deps.db),
      log: (level, message) => deps.logger.log(level, message),
    });
  }
  const routing = createRoutingService({
    store: deps.store,
    db: deps.db,
    profiles,
    router,
    models: deps.models,
    catalogInstalled: deps.catalogInstalled,
    embeddings: embeddings ?? undefined,
  });
  return { profiles, router, routing, embeddings };
}
