import type { Handlers } from '../rpc/handlers.js';
import { createChatService, type ChatService } from '../services/chat/createChatService.js';
import { createEngine, type Engine } from '../services/engine/createEngine.js';
import { forkWorker } from '../services/engine/forkWorker.js';
import type { SpawnWorker } from '../services/engine/workerHandle.js';
import { createEventBus, type EventBus } from '../services/events/eventBus.js';
import { createLogger, type Logger } from '../services/log/createLogger.js';
import { createModelRegistry, type ModelRegistry } from '../services/models/createModelRegistry.js';
import { builtInProfiles } from '../services/routing/builtInProfiles.js';
import { createProfileService, type ProfileService } from '../services/routing/createProfileService.js';
import { createNetworkGuard } from '../services/network/createNetworkGuard.js';
import { createNetworkLog } from '../services/network/createNetworkLog.js';
import { createNetworkPolicy, type NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import { createStore, type Store } from '../services/store/createStore.js';
import { openDatabase } from '../services/store/openDatabase.js';
import { createHandlers } from './createHandlers.js';
import { dataPaths } from './dataDir.js';
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
  /**
   * Install the socket guard of offline mode in this process (default true).
   * Off only for tools that host no Hearth services of their own.
   */
  networkGuard?: boolean;
}

export interface Services {
  store: Store;
  engine: Engine;
  models: ModelRegistry;
  chat: ChatService;
  bus: EventBus;
  logger: Logger;
  profiles: ProfileService;
  /** Offline mode and the network log: call `network.check({url, purpose})` before any connection. */
  network: NetworkPolicyService;
  handlers: Handlers;
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
  const db = openDatabase(paths.database, { nativeBinding: config.sqliteNativeBinding });
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
  const engine = createEngine({
    spawnWorker: config.spawnWorker ?? forkWorker,
    settings: store.getSettings().engine,
    log: (level, message) => logger.log(level, message),
    onStateChange: (state, message) => bus.emit('engine.status', { state, message }),
    env: config.engineEnv,
  });
  const models = createModelRegistry({ store, modelsDir: paths.models, engine });
  const profiles = createProfileService({
    db,
    builtIns: builtInProfiles(),
    examples: {},
    onChange: (profileId) => bus.emit('profiles.changed', { profileId }),
    warn: (message) => logger.warn(message),
  });
  const chat = createChatService({ store, engine, models, bus, logger, persistIntervalMs: config.persistIntervalMs });
  const handlers = createHandlers({ store, engine, models, chat, bus, profiles, network, dataDir: config.dataDir, shell: config.shell, pickFile: config.pickFile });
  let disposing: Promise<void> | null = null;
  return {
    store,
    engine,
    models,
    chat,
    bus,
    logger,
    profiles,
    network,
    handlers,
    dataDir: config.dataDir,
    dispose() {
      // Order: stop replies (they store their last text), stop the engine, then close the database.
      disposing ??= (async () => {
        await chat.dispose();
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
