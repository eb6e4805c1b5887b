import { createStore } from 'zustand/vanilla';
import type { PayloadOf } from '../../../main/contract/index.js';
import type { HearthClient } from '../transport/HearthClient.js';
import { createChatSlice } from './chatSlice.js';
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
  }));
}

export type ScheduleFrame = (callback: () => void) => void;

/**
 * How often streamed text reaches the screen. Measured in the e2e suite (500
 * tokens into a 1,000-message chat on 2 cores, software compositing): one
 * update per frame gave 3-13 tasks over 50 ms per run, one per 50 ms about
 * one in four runs; 20 updates a second still reads as smooth streaming.
 */
const STREAM_UPDATE_MS = 50;

/** After the interval, on the next animation frame while the window is visible (hidden windows get no frames). */
const nextFrame: ScheduleFrame = (callback) => {
  setTimeout(() => {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') requestAnimationFrame(callback);
    else callback();
  }, STREAM_UPDATE_MS);
};

/**
 * Routes main's events into the store and follows the connection: after a
 * reconnect everything is loaded again, since events may have been missed.
 * Deltas are applied in batches (see STREAM_UPDATE_MS): a burst of them costs
 * one render and one Markdown parse, not one each.
 */
export function bindClient(store: HearthStore, client: HearthClient, options: { scheduleFrame?: ScheduleFrame } = {}): () => void {
  const s = () => store.getState();
  const schedule = options.scheduleFrame ?? nextFrame;
  const pending: PayloadOf<'chat.delta'>[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length > 0) s().applyDeltas(pending.splice(0));
  };
  s().setConnection(client.connection());
  const offs = [
    client.on('chat.delta', (p) => {
      if (p.seq === 0) s().applyReplyStarted(p.messageId);
      pending.push(p);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    }),
    client.on('chat.done', (p) => {
      flush(); // every delta lands before the reply is marked done
      s().applyDone(p);
      s().applyReplyStarted(p.messageId);
    }),
    client.on('chats.changed', (p) => s().applyChatsChanged(p)),
    client.on('models.loadProgress', (p) => {
      s().applyLoadProgress(p);
      s().applyModelLoadProgress(p);
    }),
    client.on('models.changed', (p) => {
      if (p.reason === 'loaded') s().applyModelLoaded(p.modelId);
      void s().loadModels();
      void s().refreshEngine();
    }),
    client.on('engine.status', (p) => s().applyEngineEvent(p)),
    client.on('settings.changed', () => void s().loadSettings()),
    client.on('downloads.progress', (p) => s().applyDownloadProgress(p)),
    client.on('network.attempt', (p) => s().applyNetworkAttempt(p)),
    client.on('profiles.changed', () => s().applyProfilesChanged()),
    client.onConnection((info) => {
      const before = s().connection.state;
      s().setConnection(info);
      if (info.state === 'open' && before === 'reconnecting') void s().syncAll();
    }),
  ];
  return () => offs.forEach((off) => off());
}
