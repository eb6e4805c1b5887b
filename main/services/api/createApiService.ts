import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ApiLogEntry, ApiSettings, ApiStatus, ModelRecord } from '../../contract/index.js';
import type { EngineClient } from '../engine/createEngineClient.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import type { RoutingService } from '../routing/createRoutingService.js';
import type { Store } from '../store/createStore.js';
import { isLoopback } from './apiGuards.js';
import { createApiKeys, type ApiKeys } from './createApiKeys.js';
import { createApiLog } from './createApiLog.js';
import { createApiQueue, type ApiQueue } from './createApiQueue.js';
import { createApiServer, type ApiServer } from './createApiServer.js';
import { storeApiChat } from './storeApiChat.js';

export interface ApiServiceDeps {
  db: Database;
  store: Pick<Store, 'getSettings' | 'transaction' | 'createChat' | 'addMessage'>;
  engine: Pick<EngineClient, 'complete' | 'embed'>;
  models: { list(): ModelRecord[]; get(modelId: string): ModelRecord };
  routing?: Pick<RoutingService, 'routeAsync'>;
  bus: EventBus;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'log'>;
  isEmbeddingModel(record: ModelRecord): boolean;
  /** Whether the chat service is still writing a reply in this chat (ChatService.isStreaming). */
  isChatStreaming?: (chatId: string) => boolean;
  /** Structured output and tool calls (the engine's complete op); both on by default. */
  features?: { tools: boolean; responseFormat: boolean };
  /** Requests waiting for the model past this many get 429 (default 16). */
  maxWaiting?: number;
  maxBodyBytes?: number;
}

export interface ApiService {
  status(): ApiStatus;
  /** Starts, restarts or stops the server to match Settings.api (the app, on start-up and on every settings change). */
  applySettings(): Promise<ApiStatus>;
  /** Runs the server whatever Settings.api.enabled says (`hearth api serve`); host and port default to the settings'. */
  serve(options?: { host?: string; port?: number }): Promise<ApiStatus>;
  stop(): Promise<void>;
  keys: ApiKeys;
  log(options?: { limit?: number }): ApiLogEntry[];
  readonly queue: ApiQueue;
  dispose(): Promise<void>;
}

export const DEFAULT_MAX_WAITING = 16;
const LOG_NOTICE_MS = 250;

/** The local OpenAI-compatible API: its server's life, keys, request log, and its queue in front of the engine. */
export function createApiService(deps: ApiServiceDeps): ApiService {
  const settings = (): ApiSettings => deps.store.getSettings().api;
  const stored = createApiKeys({ db: deps.db });
  const keys: ApiKeys = {
    ...stored,
    create(name) {
      const created = stored.create(name);
      deps.bus.emit('api.changed', { reason: 'keys' });
      return created;
    },
    revoke(idOrName) {
      const revoked = stored.revoke(idOrName);
      if (revoked) deps.bus.emit('api.changed', { reason: 'keys' });
      return revoked;
    },
  };
  const requestLog = createApiLog({ db: deps.db });
  /**
   * App chat replies queued or generating, by message id (from the chat service's own events): API requests wait
   * while there are any. A reply whose chat the chat service no longer streams is dropped, so a lost chat.done
   * cannot hold the API back.
   */
  const chatReplies = new Map<string, string>();
  const chatBusy = () => {
    for (const [messageId, chatId] of chatReplies) if (deps.isChatStreaming && !deps.isChatStreaming(chatId)) chatReplies.delete(messageId);
    return chatReplies.size > 0;
  };
  const queue = createApiQueue({ parallel: () => settings().parallel, maxWaiting: deps.maxWaiting ?? DEFAULT_MAX_WAITING, chatBusy });
  const unsubscribe = deps.bus.subscribe((event, payload) => {
    if (event === 'chat.reply') {
      const p = payload as { messageId: string; chatId: string };
      chatReplies.set(p.messageId, p.chatId);
    } else if (event === 'chat.done' && chatReplies.delete((payload as { messageId: string }).messageId)) queue.poke();
  });
  let server: ApiServer | null = null;
  let running: { url: string; host: string; port: number } | null = null;
  let error: string | null = null;
  /** Start and stop calls run one after another. */
  let chain: Promise<unknown> = Promise.resolve();

  // Under load every request would tell every window to reload the log: at most one notice per interval instead.
  let logNotice: NodeJS.Timeout | null = null;
  const announceLog = () => {
    logNotice ??= setTimeout(() => {
      logNotice = null;
      deps.bus.emit('api.changed', { reason: 'log' });
    }, LOG_NOTICE_MS);
    logNotice.unref();
  };
  const status = (): ApiStatus => ({ running: running !== null, url: running?.url ?? null, error, exposed: running !== null && !isLoopback(running.host) });
  const changed = () => deps.bus.emit('api.changed', { reason: 'status' });

  function makeServer(): ApiServer {
    return createApiServer({
      engine: deps.engine,
      models: deps.models,
      routing: deps.routing,
      isEmbeddingModel: deps.isEmbeddingModel,
      queue,
      settings,
      features: deps.features ?? { tools: true, responseFormat: true },
      keys,
      maxBodyBytes: deps.maxBodyBytes,
      record: (entry) => {
        requestLog.record(entry);
        announceLog();
      },
      log: (level, message) => deps.logger.log(level, message),
      storeConversation: (c) => {
        if (!settings().storeAsChats) return;
        const chatId = storeApiChat(deps.store, c);
        deps.bus.emit('chats.changed', { chatId, reason: 'messages' });
      },
    });
  }

  async function stopNow(): Promise<void> {
    const s = server;
    server = null;
    running = null;
    if (s) await s.stop();
  }

  async function startNow(host: string, port: number): Promise<void> {
    if (running && running.host === host && running.port === port) return;
    await stopNow();
    const s = makeServer();
    try {
      const started = await s.start({ host, port });
      server = s;
      running = { url: started.url, host, port: started.port };
      error = null;
      deps.logger.info(`local API listening on ${started.url}${isLoopback(host) ? '' : ' (reachable from other machines)'}`);
    } catch (caught) {
      const code = (caught as NodeJS.ErrnoException).code;
      error =
        code === 'EADDRINUSE'
          ? `Port ${port} is in use by another program. Choose another port for the local API.`
          : code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this computer. Use 127.0.0.1, or an address one of its network interfaces has.`
            : `The local API could not start on ${host}:${port}: ${(caught as Error).message}`;
      deps.logger.warn(error);
    }
  }

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => {});
    return next;
  };

  return {
    status,
    keys,
    queue,
    log: (options) => requestLog.list(options),
    applySettings: () =>
      serial(async () => {
        const s = settings();
        if (s.enabled) await startNow(s.bindAddress, s.port);
        else {
          await stopNow();
          error = null;
        }
        changed();
        return status();
      }),
    serve: (options = {}) =>
      serial(async () => {
        const s = settings();
        await startNow(options.host ?? s.bindAddress, options.port ?? s.port);
        changed();
        return status();
      }),
    stop: () => serial(async () => (await stopNow(), changed())),
    async dispose() {
      unsubscribe();
      if (logNotice) clearTimeout(logNotice);
      await serial(stopNow);
    },
  };
}
