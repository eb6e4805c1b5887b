import { createStore } from 'zustand/vanilla';
import type { HearthClient } from '../transport/HearthClient.js';
import { createChatSlice } from './chatSlice.js';
import { createEngineSlice } from './engineSlice.js';
import { createModelsSlice } from './modelsSlice.js';
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
  }));
}

/**
 * Routes main's events into the store and follows the connection: after a
 * reconnect everything is loaded again, since events may have been missed.
 */
export function bindClient(store: HearthStore, client: HearthClient): () => void {
  const s = () => store.getState();
  s().setConnection(client.connection());
  const offs = [
    client.on('chat.delta', (p) => s().applyDelta(p)),
    client.on('chat.done', (p) => s().applyDone(p)),
    client.on('chats.changed', (p) => s().applyChatsChanged(p)),
    client.on('models.loadProgress', (p) => s().applyLoadProgress(p)),
    client.on('models.changed', () => {
      void s().loadModels();
      void s().refreshEngine();
    }),
    client.on('engine.status', (p) => s().applyEngineEvent(p)),
    client.on('settings.changed', () => void s().loadSettings()),
    client.onConnection((info) => {
      const before = s().connection.state;
      s().setConnection(info);
      if (info.state === 'open' && before === 'reconnecting') void s().syncAll();
    }),
  ];
  return () => offs.forEach((off) => off());
}
