import type { StoreApi } from 'zustand/vanilla';
import type { HearthClient } from '../transport/HearthClient.js';
import type { ApiSlice } from './apiSlice.js';
import type { ChatSlice } from './chatSlice.js';
import type { DocumentsSlice } from './documentsSlice.js';
import type { DownloadsSlice } from './downloadsSlice.js';
import type { EngineSlice } from './engineSlice.js';
import type { LibrarySlice } from './librarySlice.js';
import type { ModelsSlice } from './modelsSlice.js';
import type { NetworkSlice } from './networkSlice.js';
import type { RoutingSlice } from './routingSlice.js';
import type { SettingsSlice } from './settingsSlice.js';
import type { UiSlice } from './uiSlice.js';

export type HearthState = ChatSlice & ModelsSlice & EngineSlice & SettingsSlice & UiSlice & LibrarySlice & DownloadsSlice & NetworkSlice & RoutingSlice & DocumentsSlice & ApiSlice;
export type HearthStore = StoreApi<HearthState>;

export type SetState = StoreApi<HearthState>['setState'];
export type GetState = () => HearthState;

/** zustand's slice pattern, with the transport passed in rather than imported. */
export type SliceCreator<T> = (set: SetState, get: GetState, client: HearthClient) => T;

/**
 * Runs a transport call for an action: on failure the server's message becomes
 * an error toast and the action gets null back, so components need no try/catch.
 */
export async function attempt<T>(get: GetState, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    get().reportError(error);
    return null;
  }
}
