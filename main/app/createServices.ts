import path from 'node:path';
import type { Handlers } from '../rpc/handlers.js';
import { createLibrary } from '../services/library/createLibrary.js';
import type { DownloadsDeps } from '../services/library/downloads/createDownloads.js';
import type { CacheService } from '../services/library/cache/createCacheService.js';
import type { CatalogService } from '../services/library/catalog/createCatalogService.js';
import type { Downloads } from '../services/library/downloads/createDownloads.js';
import type { ModelRegistry } from '../services/library/registry/createModelRegistry.js';
import type { ForeignRoots } from '../services/library/cache/scanForeignModels.js';
import { createApiService, type ApiService } from '../services/api/createApiService.js';
import { createIsEmbeddingModel } from '../services/api/isEmbeddingModel.js';
import { EMBEDDING_CATALOG_IDS } from '../services/routing/createEmbeddingScorer.js';
import { createChatService, type ChatService } from '../services/chat/createChatService.js';
import { createDocuments, type Documents } from '../services/documents/createDocuments.js';
import { documentsEmbed } from '../services/documents/documentsEmbed.js';
import { documentsRerank } from '../services/documents/documentsRerank.js';
import { findEmbeddingModel } from '../services/routing/findEmbeddingModel.js';
import { createSettingsService, type SettingsService } from '../services/settings/createSettingsService.js';
import { DEFAULT_HF_ENDPOINT } from '../services/library/sources/parseHfUri.js';
import { createEngineClient, type EngineClient } from '../services/engine/createEngineClient.js';
import { forkWorker } from '../services/engine/forkWorker.js';
import type { SpawnWorker } from '../services/engine/workerHandle.js';
import { createEventBus, type EventBus } from '../services/events/eventBus.js';
import { createLogger, type Logger } from '../services/log/createLogger.js';
import { createNetworkGuard } from '../services/network/createNetworkGuard.js';
import { createNetworkLog } from '../services/network/createNetworkLog.js';
import { createNetworkPolicy, type NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import type { ProfileService } from '../services/routing/createProfileService.js';
import { createRouting } from '../services/routing/createRouting.js';
import type { Router } from '../services/routing/createRouter.js';
import type { RoutingService } from '../services/routing/createRoutingService.js';
import { createStore, type Store } from '../services/store/createStore.js';
import { openDatabase } from '../services/store/openDatabase.js';
import { createHandlers } from './createHandlers.js';
import { dataPaths, prepareDataDir } from './dataDir.js';
import { applyEncryptionRequest, type DatabaseKey } from '../services/privacy/encryptionRequest.js';
import { createPrivacyService, type PrivacyService } from '../services/privacy/createPrivacyService.js';
import { acquireInstanceLock } from './instanceLock.js';

export interface ServicesConfig {
  dataDir: string;
  shell: 'electron' | 'browser';
  /** Electron passes a utilityProcess adapter; Node forks a child. */
  spawnWorker?: SpawnWorker;
  logger?: Logger;
  pickFile?: () => Promise<string | null>;
  /** Environment for the engine process (tests set HEARTH_ENGINE_GPU=off). */
  engineEnv?: Record<string, string>;
  persistIntervalMs?: number;
  /** better-sqlite3 built for Electron's ABI, when running unpackaged (see scripts/start.mjs). */
  sqliteNativeBinding?: string;
  /** The key of an encrypted database (Electron: the keychain's; CLI and browser mode: HEARTH_PASSPHRASE or a prompt). */
  databaseKey?: DatabaseKey | null;
  /**
   * Install the socket guard of offline mode in this process (default true).
   * Off only for tools that host no Hearth services of their own.
   */
  networkGuard?: boolean;
  /** Queue downloads an earlier run left unfinished (the app and browser mode; not one-shot CLI commands). */
  resumeDownloads?: boolean;
  /** models/catalog.json by default. */
  catalogFile?: string;
  /** Default env HEARTH_HF_ENDPOINT, else https://huggingface.co. */
  hfEndpoint?: string;
  /** Other apps' model folders for models.scan (tests). */
  foreignRoots?: ForeignRoots;
  /** Downloads' tunables (tests: retries, free space). */
  downloadOptions?: Partial<Pick<DownloadsDeps, 'concurrency' | 'freeSpace' | 'retry' | 'timeoutMs' | 'progressIntervalMs'>>;
  /** Catalog ids the enabled domain profiles prefer, for "keep everything offline-ready". */
  wantedCatalogIds?: () => string[];
}

export interface Services {
  store: Store;
  engine: EngineClient;
  models: ModelRegistry;
  chat: ChatService;
  settings: SettingsService;
  documents: Documents;
  catalog: CatalogService;
  downloads: Downloads;
  cache: CacheService;
  bus: EventBus;
  logger: Logger;
  profiles: ProfileService;
  /** Offline mode and the network log: call `network.check({url, purpose})` before any connection. */
  network: NetworkPolicyService;
  router: Router;
  routing: RoutingService;
  handlers: Handlers;
  privacy: PrivacyService;
  /** The local OpenAI-compatible API (off until Settings.api.enabled, or `hearth api serve`). */
  api: ApiService;
  dataDir: string;
  dispose(): Promise<void>;
}

/**
 * The composition root: every service built from injected dependencies, in
 * one place, for the Electron shell, browser mode and the CLI alike.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  const paths = dataPaths(config.dataDir);
  const logger = config.logger ?? createLogger({ file: `${paths.logs}/hearth.log`, echo: process.env.HEARTH_DEBUG === '1' });
  prepareDataDir(config.dataDir, (note) => logger.info(note));
  applyEncryptionRequest({ dataDir: config.dataDir, databaseFile: paths.database, key: config.databaseKey, log: (level, m) => logger.log(level, m), nativeBinding: config.sqliteNativeBinding, acquireLock: () => acquireInstanceLock(config.dataDir) });
  const db = openDatabase(paths.database, { nativeBinding: config.sqliteNativeBinding, key: config.databaseKey?.secret });
  const store = createStore({ db });
  const lock = acquireInstanceLock(config.dataDir);
  if (lock.held) {
    const recovered = store.recoverInterrupted();
    if (recovered > 0) logger.warn(`${recovered} reply(ies) were cut off by the last shutdown and are marked interrupted`);
  }
  const bus = createEventBus((error) => logger.warn(`event listener failed: ${String(error)}`));
  // Offline mode is enforced here, once per process, for every shell: Electron's main process, browser mode and the CLI.
  const network = createNetworkPolicy({ store, log: createNetworkLog({ db }), bus, logger });
  const guard = createNetworkGuard({ policy: network, logger });
  if (config.networkGuard !== false) guard.install();
  // Loads and unloads (idle ones too) are pushed by the engine; models.changed tells the library views.
  let loadedIds = new Set<string>();
  const announceLoaded = (ids: string[]) => {
    const next = new Set(ids);
    for (const id of next) if (!loadedIds.has(id)) bus.emit('models.changed', { reason: 'loaded', modelId: id });
    for (const id of loadedIds) if (!next.has(id)) bus.emit('models.changed', { reason: 'unloaded', modelId: id });
    loadedIds = next;
  };
  const engine = createEngineClient({
    spawnWorker: config.spawnWorker ?? forkWorker,
    settings: store.getSettings().engine,
    log: (level, message) => logger.log(level, message),
    onStatus: (state, message, status) => {
      bus.emit('engine.status', { state, message, status });
      announceLoaded(status?.loaded.map((l) => l.modelId) ?? []);
    },
    env: config.engineEnv,
  });
  // The API's parallel requests each get a sequence of the model's context (before the engine starts, this only records it).
  void engine.configure({ ...store.getSettings().engine, parallelSequences: store.getSettings().api.parallel });
  const library = createLibrary({
    db,
    store,
    engine,
    network,
    bus,
    logger,
    modelsDir: paths.models,
    hfEndpoint: config.hfEndpoint ?? process.env.HEARTH_HF_ENDPOINT ?? DEFAULT_HF_ENDPOINT,
    catalogFile: config.catalogFile,
    foreignRoots: config.foreignRoots,
    downloadOptions: config.downloadOptions,
  });
  const { models, catalog, downloads, cache } = library;
  const { profiles, router, routing } = createRouting({
    db,
    store,
    models,
    bus,
    logger,
    engine,
    cacheDir: path.join(config.dataDir, 'cache'),
    catalogInstalled: library.installedIds,
  });
  // Build the router soon after start-up rather than on the first message (about 0.1 s of training).
  const warming = setTimeout(() => {
    try {
      router.warm();
    } catch (error) {
      logger.warn(`router not built at start-up: ${(error as Error).message}`);
    }
  }, 200);
  warming.unref();
  // Documents: lexical search always; hybrid with vectors from the engine while an embedding model is installed;
  // the head reordered by a reranker while one is installed and reranking is on.
  const embed = documentsEmbed({ models, engine, catalogInstalled: library.installedIds });
  const { rerank, searchMode } = documentsRerank({
    models,
    engine,
    setting: () => store.getSettings().documents.rerank,
    catalogInstalled: library.installedIds,
    embeddingModelId: () => findEmbeddingModel(models.list(), library.installedIds)?.id ?? null,
  });
  const documents = createDocuments({ db, emit: (event, payload) => bus.emit(event, payload), embed, rerank, searchMode, log: (m) => logger.warn(m) });
  const chat = createChatService({ store, engine, models, bus, logger, routing, profiles, documents, persistIntervalMs: config.persistIntervalMs });
  const settings = createSettingsService({ store, engine, bus });
  // The app and browser mode re-check every collection and then watch its folders; one-shot CLI commands do not.
  if (config.resumeDownloads && lock.held) void documents.start().catch((e: unknown) => logger.warn(`documents start: ${(e as Error).message}`));
  // "Keep everything offline-ready": per enabled profile and tier, its first choice unless one of its choices is installed already.
  const wantedCatalogIds = config.wantedCatalogIds ?? (() => library.missingFrom(profiles.enabled().flatMap((p) => [p.models.fast, p.models.standard])));
  if (config.resumeDownloads && lock.held) downloads.resumePending();
  const privacy = createPrivacyService({ db, dataDir: config.dataDir, paths: { database: paths.database, logs: paths.logs, cache: path.join(config.dataDir, 'cache') }, bus, logger, stopReplies: () => chat.stopAll(), downloads, models, databaseKey: config.databaseKey });
  const isEmbeddingModel = createIsEmbeddingModel({
    models,
    embeddingCatalogIds: () => [...new Set([...EMBEDDING_CATALOG_IDS, ...catalog.entries().filter((e) => e.kind === 'embedding').map((e) => e.id)])],
    catalogInstalled: library.installedIds,
  });
  const api = createApiService({ db, store, engine, models, routing, bus, logger, isEmbeddingModel, isChatStreaming: (chatId) => chat.isStreaming(chatId) });
  // The long-running shells (the app, browser mode) serve the API when the user enabled it, and follow the setting;
  // one-shot CLI commands never do (`hearth api serve` starts it on purpose).
  const unsubscribeApi = config.resumeDownloads === true && lock.held ? followApiSettings(store, bus, api) : () => {};
  const handlers = createHandlers({ store, engine, models, chat, bus, profiles, routing, network, library: { catalog, downloads, cache, wantedCatalogIds }, privacy, dataDir: config.dataDir, settings, documents, api, shell: config.shell, pickFile: config.pickFile });
  let disposing: Promise<void> | null = null;
  return {
    store,
    engine,
    models,
    chat,
    settings,
    documents,
    catalog,
    downloads,
    cache,
    bus,
    logger,
    profiles,
    network,
    router,
    routing,
    handlers,
    privacy,
    api,
    dataDir: config.dataDir,
    dispose() {
      // Order: stop replies (they store their last text), stop the engine, then close the database.
      disposing ??= (async () => {
        clearTimeout(warming);
        unsubscribeApi();
        await api.dispose();
        await chat.dispose();
        await library.dispose();
        await documents.dispose();
        await engine.dispose();
        guard.uninstall();
        network.dispose();
        store.close();
        lock.release();
      })();
      return disposing;
    },
  };
}

/** Starts the API server if enabled, and restarts or stops it when enabled, port or bind address change. */
function followApiSettings(store: Store, bus: EventBus, api: ApiService): () => void {
  const where = () => {
    const { enabled, port, bindAddress } = store.getSettings().api;
    return JSON.stringify({ enabled, port, bindAddress });
  };
  let current = where();
  if (store.getSettings().api.enabled) void api.applySettings();
  return bus.subscribe((event) => {
    if (event !== 'settings.changed' || where() === current) return;
    current = where();
    void api.applySettings();
  });
}
