import { DEFAULT_SETTINGS, HearthError } from '../contract/index.js';
import type { Handlers } from '../rpc/handlers.js';
import { appVersion } from './appVersion.js';
import { createLibraryHandlers, type LibraryDeps } from './libraryHandlers.js';
import { createNetworkHandlers } from './networkHandlers.js';
import { createRoutingHandlers } from './routingHandlers.js';
import type { ChatService } from '../services/chat/createChatService.js';
import type { Engine } from '../services/engine/createEngine.js';
import type { EventBus } from '../services/events/eventBus.js';
import type { ModelRegistry } from '../services/library/registry/createModelRegistry.js';
import type { ProfileService } from '../services/routing/createProfileService.js';
import type { NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import type { RoutingService } from '../services/routing/createRoutingService.js';
import type { Store } from '../services/store/createStore.js';

export interface HandlerDeps {
  store: Store;
  engine: Engine;
  models: ModelRegistry;
  chat: ChatService;
  bus: EventBus;
  profiles: ProfileService;
  network: NetworkPolicyService;
  library: LibraryDeps;
  routing: RoutingService;
  dataDir: string;
  shell: 'electron' | 'browser';
  /** Electron opens the OS file dialog; browser mode has none. */
  pickFile?: () => Promise<string | null>;
}


/** The contract's methods, each mapped onto the services. Params arrive validated. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, engine, models, chat, bus } = deps;
  return {
    ...createLibraryHandlers(deps.library),
    ...createRoutingHandlers({ profiles: deps.profiles, routing: deps.routing, chat, store }),
    ...createNetworkHandlers({ network: deps.network }),
    'app.info': () => ({ version: appVersion(), dataDir: deps.dataDir, platform: process.platform, shell: deps.shell }),

    'chats.list': ({ limit }) => store.listChats({ limit }),
    'chats.get': ({ chatId }) => ({ chat: store.getChat(chatId), messages: store.listMessages(chatId) }),
    'chats.create': ({ title, modelId, systemPrompt }) => {
      if (modelId) models.get(modelId);
      return store.createChat({ title: title?.trim() || 'New chat', modelId: modelId ?? null, systemPrompt: systemPrompt ?? null });
    },
    'chats.update': ({ chatId, ...patch }) => {
      if (patch.modelId) models.get(patch.modelId);
      if (patch.routingMode && patch.routingMode !== 'auto') deps.profiles.get(patch.routingMode);
      const updated = store.updateChat(chatId, patch);
      bus.emit('chats.changed', { chatId, reason: patch.title ? 'title' : 'settings' });
      return updated;
    },
    'chats.delete': async ({ chatId }) => {
      await chat.stopChat(chatId);
      const deleted = store.deleteChat(chatId);
      if (deleted) bus.emit('chats.changed', { chatId, reason: 'deleted' });
      return { deleted };
    },
    'chats.search': ({ text, limit }) => store.search(text, { limit }),
    'chats.export': ({ chatId, format }) => store.exportChat(chatId, format),

    'chat.send': (params) => chat.sendAsync(params),
    'chat.stop': ({ messageId }) => ({ stopped: chat.stop(messageId) }),
    'chat.regenerate': ({ chatId, modelId }) => chat.regenerate(chatId, { modelId }),
    'chat.edit': ({ messageId, text }) => chat.edit(messageId, text),

    'models.list': async () => Promise.all(models.list().map((m) => models.details(m.id))),
    'models.info': ({ modelId }) => models.details(modelId),
    'models.add': async ({ path, mode }) => {
      const record = await models.add(path, { mode });
      bus.emit('models.changed', { reason: 'added', modelId: record.id });
      return record;
    },
    'models.remove': async ({ modelId, deleteFile }) => {
      const removed = await models.remove(modelId, { deleteFile });
      bus.emit('models.changed', { reason: 'removed', modelId });
      return { removed };
    },
    'models.load': async ({ modelId }) => {
      const record = models.get(modelId);
      const result = await engine.load(
        { modelId, modelPath: record.path },
        { onProgress: (progress) => bus.emit('models.loadProgress', { modelId, progress }) },
      );
      bus.emit('models.changed', { reason: 'loaded', modelId });
      return { modelId, contextSize: result.contextSize };
    },
    'models.unload': async ({ modelId }) => {
      const unloaded = await engine.unload(modelId);
      if (unloaded) bus.emit('models.changed', { reason: 'unloaded', modelId });
      return { unloaded };
    },
    'models.pickFile': async () => {
      if (!deps.pickFile) throw new HearthError('INVALID_PARAMS', 'There is no file dialog in browser mode: type the path of the .gguf file instead.');
      return { path: await deps.pickFile() };
    },

    'engine.status': () => engine.status({ start: true }),

    'settings.get': () => store.getSettings(),
    'settings.update': async (patch) => {
      const next = store.updateSettings(patch);
      if (patch.engine) await engine.configure(next.engine);
      bus.emit('settings.changed', {});
      return next;
    },
    'data.deleteAll': async ({ includeModels }) => {
      for (const summary of store.listChats()) await chat.stopChat(summary.id);
      const chats = store.deleteAllChats();
      store.updateSettings(DEFAULT_SETTINGS);
      let removed = 0;
      if (includeModels) {
        for (const m of models.list()) if (await models.remove(m.id, { deleteFile: true })) removed++;
      }
      bus.emit('settings.changed', {});
      bus.emit('models.changed', { reason: 'removed', modelId: null });
      return { chats, models: removed };
    },
  };
}
