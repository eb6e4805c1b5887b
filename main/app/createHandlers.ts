import { HearthError } from '../contract/index.js';
import type { Handlers } from '../rpc/handlers.js';
import { createApiHandlers } from './apiHandlers.js';
import type { ApiService } from '../services/api/createApiService.js';
import { appVersion } from './appVersion.js';
import { createDocumentsHandlers } from './documentsHandlers.js';
import { createLibraryHandlers, type LibraryDeps } from './libraryHandlers.js';
import { createNetworkHandlers } from './networkHandlers.js';
import { createPrivacyHandlers } from './privacyHandlers.js';
import type { PrivacyService } from '../services/privacy/createPrivacyService.js';
import { createRoutingHandlers } from './routingHandlers.js';
import type { ChatService } from '../services/chat/createChatService.js';
import type { Documents } from '../services/documents/createDocuments.js';
import type { EngineClient } from '../services/engine/createEngineClient.js';
import type { EventBus } from '../services/events/eventBus.js';
import type { ModelRegistry } from '../services/library/registry/createModelRegistry.js';
import type { ProfileService } from '../services/routing/createProfileService.js';
import type { NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import type { RoutingService } from '../services/routing/createRoutingService.js';
import type { SettingsService } from '../services/settings/createSettingsService.js';
import type { Store } from '../services/store/createStore.js';

export interface HandlerDeps {
  store: Store;
  engine: EngineClient;
  models: ModelRegistry;
  chat: ChatService;
  bus: EventBus;
  profiles: ProfileService;
  network: NetworkPolicyService;
  library: LibraryDeps;
  routing: RoutingService;
  dataDir: string;
  settings: SettingsService;
  privacy: PrivacyService;
  documents: Documents;
  api: ApiService;
  shell: 'electron' | 'browser';
  /** Electron opens the OS file dialog; browser mode has none. */
  pickFile?: () => Promise<string | null>;
}


/** The contract's methods, each mapped onto the services. Params arrive validated. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, engine, models, chat, bus } = deps;
  return {
    ...createLibraryHandlers(deps.library),
    ...createDocumentsHandlers(deps.documents),
    ...createRoutingHandlers({ profiles: deps.profiles, routing: deps.routing, store }),
    ...createPrivacyHandlers(deps.privacy),
    ...createNetworkHandlers({ network: deps.network }),
    ...createApiHandlers(deps.api),
    'app.info': () => ({ version: appVersion(), dataDir: deps.dataDir, platform: process.platform, shell: deps.shell }),

    'chats.list': ({ limit }) => store.listChats({ limit }),
    'chats.get': ({ chatId }) => ({ chat: store.getChat(chatId), messages: store.listMessages(chatId) }),
    'chats.create': ({ title, modelId, systemPrompt }) => chat.createChat({ title, modelId: modelId ?? null, systemPrompt: systemPrompt ?? null }),
    'chats.update': ({ chatId, ...patch }) => chat.updateChat(chatId, patch),
    'chats.delete': async ({ chatId }) => ({ deleted: await chat.deleteChat(chatId) }),
    'chats.search': ({ text, limit }) => store.search(text, { limit }),
    'chats.export': ({ chatId, format, includeThinking }) => store.exportChat(chatId, format, { includeThinking }),

    'chat.turn': (params) => chat.turn(params),
    'chat.stop': ({ messageId }) => ({ stopped: chat.stop(messageId) }),

    'models.list': async () => Promise.all(models.list().map((m) => models.details(m.id))),
    'models.info': ({ modelId }) => models.details(modelId),
    'models.add': ({ path, mode }) => models.add(path, { mode }),
    'models.remove': async ({ modelId, deleteFile }) => ({ removed: await models.remove(modelId, { deleteFile }) }),
    'models.load': async ({ modelId }) => {
      const record = models.get(modelId);
      const result = await engine.load({ modelId, modelPath: record.path }, { onProgress: (progress) => bus.emit('models.loadProgress', { modelId, progress }) });
      return { modelId, contextSize: result.contextSize };
    },
    'models.unload': async ({ modelId }) => ({ unloaded: await engine.unload(modelId) }),
    'models.pickFile': async () => {
      if (!deps.pickFile) throw new HearthError('INVALID_PARAMS', 'There is no file dialog in browser mode: type the path of the .gguf file instead.');
      return { path: await deps.pickFile() };
    },

    'engine.status': () => engine.status({ start: true }),

    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
  };
}
