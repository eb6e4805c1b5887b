import type Database from 'better-sqlite3-multiple-ciphers';
import type { EngineClient } from '../engine/createEngineClient.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import type { NetworkPolicy } from '../network/NetworkPolicy.js';
import type { Store } from '../store/createStore.js';
import { createCacheService, type CacheService } from './cache/createCacheService.js';
import type { ForeignRoots } from './cache/scanForeignModels.js';
import { createCatalogService, type CatalogService } from './catalog/createCatalogService.js';
import { loadCatalog } from './catalog/loadCatalog.js';
import { createDownloadStore } from './downloads/createDownloadStore.js';
import { createDownloads, statfsFree, type Downloads, type DownloadsDeps } from './downloads/createDownloads.js';
import { preferredMissing, prepareOffline } from './prepareOffline.js';
import { createModelRegistry, type ModelRegistry } from './registry/createModelRegistry.js';

export interface LibraryDeps {
  db: Database.Database;
  store: Store;
  engine: EngineClient;
  network: NetworkPolicy;
  bus: EventBus;
  logger: Logger;
  /** The cache folder: imported and downloaded models live here. */
  modelsDir: string;
  hfEndpoint: string;
  /** models/catalog.json by default. */
  catalogFile?: string;
  /** Other apps' model folders for models.scan (tests). */
  foreignRoots?: ForeignRoots;
  /** Downloads' tunables (tests: retries, free space). */
  downloadOptions?: Partial<Pick<DownloadsDeps, 'concurrency' | 'freeSpace' | 'retry' | 'timeoutMs' | 'progressIntervalMs'>>;
}

/**
 * The model library, one door: the registry of installed models, the curated
 * catalog, verified downloads and the cache (other apps' models, verify,
 * disk use). The pieces are built here in dependency order, so none reaches
 * another through a closure over a variable declared later.
 */
export interface Library {
  models: ModelRegistry;
  catalog: CatalogService;
  downloads: Downloads;
  cache: CacheService;
  /** Catalog ids installed under any of their files, for routing's preferred models. */
  installedIds(catalogId: string): string[];
  /** Of preference lists (best first), the first choice of each list with nothing installed yet. */
  missingFrom(lists: string[][]): string[];
  /** "Keep everything offline-ready": queues these catalog models unless installed or queued already. */
  prepareOffline(catalogIds: string[]): ReturnType<typeof prepareOffline>;
  dispose(): Promise<void>;
}

export function createLibrary(deps: LibraryDeps): Library {
  const { store, engine, bus } = deps;
  const readCatalog = () => loadCatalog(deps.catalogFile);
  const models = withChangeEvents(createModelRegistry({ store, modelsDir: deps.modelsDir, engine, catalog: readCatalog }), bus);
  const freeSpace = deps.downloadOptions?.freeSpace ?? statfsFree;
  const catalog = createCatalogService({
    catalog: readCatalog,
    models,
    estimate: (modelPath) => engine.estimate(modelPath),
    memory: async () => {
      const status = await engine.status();
      return { ramFreeBytes: status.ramFreeBytes, vramFreeBytes: status.vramFreeBytes };
    },
    network: deps.network,
    hfEndpoint: deps.hfEndpoint,
  });
  const downloads = createDownloads({
    store: createDownloadStore(deps.db),
    modelsDir: deps.modelsDir,
    models,
    catalog: readCatalog,
    network: deps.network,
    hfEndpoint: deps.hfEndpoint,
    // A finished download adds its model through the registry, which announces it.
    emit: (d) => bus.emit('downloads.progress', d),
    log: (level, message) => deps.logger.log(level, message),
    ...deps.downloadOptions,
  });
  const cache = createCacheService({ models, store, modelsDir: deps.modelsDir, roots: deps.foreignRoots, freeSpace });

  function installedIds(catalogId: string): string[] {
    const entry = catalog.entries().find((e) => e.id === catalogId);
    return entry ? catalog.installed(entry).map((i) => i.modelId) : [];
  }

  // Models recorded by an older Hearth get their role (chat, embedding, reranker) read from their files once.
  const rolesChecked = new AbortController();
  const checkingRoles = models
    .checkRoles(rolesChecked.signal)
    .then((read) => {
      if (read > 0) bus.emit('models.changed', { reason: 'checked', modelId: null });
    })
    .catch((error: unknown) => deps.logger.log('warn', `could not read what the installed models are for: ${(error as Error).message}`));

  return {
    models,
    catalog,
    downloads,
    cache,
    installedIds,
    missingFrom(lists) {
      const modelIds = new Set(models.list().map((m) => m.id));
      return preferredMissing(lists, (id) => modelIds.has(id) || installedIds(id).length > 0);
    },
    prepareOffline: (catalogIds) => prepareOffline(catalogIds, catalog, downloads),
    async dispose() {
      rolesChecked.abort();
      await checkingRoles;
      await downloads.dispose();
    },
  };
}

/** Adding and removing a model tells every window, whoever asked (a handler, the CLI, a finished download). */
function withChangeEvents(registry: ModelRegistry, bus: EventBus): ModelRegistry {
  return {
    ...registry,
    async add(file, options) {
      const record = await registry.add(file, options);
      bus.emit('models.changed', { reason: 'added', modelId: record.id });
      return record;
    },
    async remove(modelId, options) {
      const removed = await registry.remove(modelId, options);
      if (removed) bus.emit('models.changed', { reason: 'removed', modelId });
      return removed;
    },
    markBroken(modelId, reason) {
      const marked = registry.markBroken(modelId, reason);
      bus.emit('models.changed', { reason: 'broken', modelId });
      return marked;
    },
  };
}
