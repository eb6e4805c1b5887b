import { createStore } from 'zustand/vanilla';
import type { HearthClient } from '../transport/HearthClient.js';
import { createApiSlice } from './apiSlice.js';
import { createChatSlice } from './chatSlice.js';
import { createDocumentsSlice } from './documentsSlice.js';
import { createDownloadsSlice } from './downloadsSlice.js';
import { createEngineSlice } from './engineSlice.js';
import { createLibrarySlice } from './librarySlice.js';
import { createModelsSlice } from './modelsSlice.js';
import { createNetworkSlice } from './networkSlice.js';
import { createRoutingSlice } from './routingSlice.js';
import { createSettingsSlice } from './settingsSlice.js';
import type { HearthState, HearthStore } from './types.js';
import { createUiSlice } from './uiSlice.js';

/** One store from typed slices; the client is injected so tests pass a fake one. */
export function createHearthStore(client: HearthClient): HearthStore {
  return createStore<HearthState>()((set, get) => ({
    ...createUiSlice(set, get, client),
    ...createChatSlice(set, get, client),
    ...createModelsSlice(set, get, client),
    ...createEngineSlice(set, get, client),
    ...createSettingsSlice(set, get, client),
    ...createLibrarySlice(set, get, client),
    ...createDownloadsSlice(set, get, client),
    ...createNetworkSlice(set, get, client),
    ...createRoutingSlice(set, get, client),
    ...createDocumentsSlice(set, get, client),
    ...createApiSlice(set, get, client),
  }));
}

/**
 * Routes main's events into the store and follows the connection: after a
 * reconnect everything is loaded again, since events may have been missed.
 * The reply's life comes from the server (chat.reply, chat.delta, chat.done,
 * each with its messageId) and the engine's status is pushed (engine.status):
 * nothing is polled after a reply.
 */
export function bindClient(store: HearthStore, client: HearthClient): () => void {
  const s = () => store.getState();
  s().setConnection(client.connection());
  const offs = [
    // Deltas are applied as they arrive: the engine already sends at most one per reply every 50 ms
    // (createDeltaCoalescer, the one batching layer), so a burst costs one render, not one per token.
    client.on('chat.delta', (p) => {
      s().applyDeltas([p]);
      if (p.seq === 0) s().applyReplyEnded(p.messageId);
    }),
    client.on('chat.reply', (p) => {
      s().applyReply(p);
      s().applyReplyPhase(p);
    }),
    client.on('chat.done', (p) => {
      s().applyDone(p);
      s().applyReplyEnded(p.messageId);
    }),
    client.on('chats.changed', (p) => s().applyChatsChanged(p)),
    client.on('models.loadProgress', (p) => s().applyLoadProgress(p)),
    client.on('models.changed', () => {
      void s().loadModels();
      // Installing or removing an embedding model or reranker changes how documents are searched.
      if (s().docSearchMode) void s().loadDocSearchMode();
    }),
    client.on('engine.status', (p) => s().applyEngineEvent(p)),
    client.on('settings.changed', () => void s().loadSettings()),
    client.on('downloads.progress', (p) => s().applyDownloadProgress(p)),
    client.on('network.attempt', (p) => s().applyNetworkAttempt(p)),
    client.on('profiles.changed', () => s().applyProfilesChanged()),
    client.on('documents.progress', (p) => s().applyDocProgress(p)),
    client.on('documents.changed', (p) => s().applyDocsChanged(p.collectionId, p.reason)),
    client.on('api.changed', (p) => s().applyApiChanged(p.reason)),
    client.onConnection((info) => {
      const before = s().connection.state;
      s().setConnection(info);
      if (info.state === 'open' && before === 'reconnecting') void s().syncAll();
    }),
    // A gap in the event sequence means something was missed: read everything again.
    client.onGap?.(() => void s().syncAll()) ?? (() => {}),
  ];
  return () => offs.forEach((off) => off());
}
