import type { NetworkAttempt } from '../../../main/contract/index.js';
import type { SliceCreator } from './types.js';

/** How many attempts the page keeps; older ones stay in main's log. */
export const NETWORK_LOG_LIMIT = 500;

export interface NetworkSlice {
  /** Newest first. */
  networkLog: NetworkAttempt[];
  networkLogError: string | null;
  switchingOffline: boolean;
  loadNetworkLog(): Promise<void>;
  setOffline(offline: boolean): Promise<boolean>;
  applyNetworkAttempt(attempt: NetworkAttempt): void;
}

export const createNetworkSlice: SliceCreator<NetworkSlice> = (set, get, client) => ({
  networkLog: [],
  networkLogError: null,
  switchingOffline: false,

  async loadNetworkLog() {
    try {
      const log = await client.call('network.log', { limit: NETWORK_LOG_LIMIT });
      set({ networkLog: [...log].sort((a, b) => b.at - a.at || b.id - a.id), networkLogError: null });
    } catch (error) {
      set({ networkLogError: error instanceof Error ? error.message : String(error) });
    }
  },

  async setOffline(offline) {
    set({ switchingOffline: true });
    const ok = await get().updateSettings({ offline });
    set({ switchingOffline: false });
    return ok;
  },

  applyNetworkAttempt(attempt) {
    set((s) => (s.networkLog.some((a) => a.id === attempt.id) ? s : { networkLog: [attempt, ...s.networkLog].slice(0, NETWORK_LOG_LIMIT) }));
  },
});
