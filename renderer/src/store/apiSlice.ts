import type { ApiKey, ApiLogEntry, ApiStatus } from '../../../main/contract/index.js';
import { attempt, type SliceCreator } from './types.js';

/** How many request-log rows the panel shows; the rest stay in main's log. */
export const API_LOG_LIMIT = 200;

export interface ApiSlice {
  apiStatus: ApiStatus | null;
  apiKeys: ApiKey[];
  /** Newest first. */
  apiLog: ApiLogEntry[];
  /** Loads status, keys and log (the panel on open, and on api.changed). */
  loadApi(): Promise<void>;
  applyApiChanged(reason: 'status' | 'keys' | 'log'): void;
  /** Returns the new key (shown once) or null when it failed (the error is a toast). */
  createApiKey(name: string): Promise<string | null>;
  revokeApiKey(id: string): Promise<boolean>;
}

export const createApiSlice: SliceCreator<ApiSlice> = (set, get, client) => {
  const loadStatus = async () => {
    const apiStatus = await attempt(get, () => client.call('api.status', {}));
    if (apiStatus) set({ apiStatus });
  };
  const loadKeys = async () => {
    const apiKeys = await attempt(get, () => client.call('api.keys.list', {}));
    if (apiKeys) set({ apiKeys });
  };
  const loadLog = async () => {
    const apiLog = await attempt(get, () => client.call('api.log', { limit: API_LOG_LIMIT }));
    if (apiLog) set({ apiLog });
  };
  return {
    apiStatus: null,
    apiKeys: [],
    apiLog: [],
    async loadApi() {
      await Promise.all([loadStatus(), loadKeys(), loadLog()]);
    },
    applyApiChanged(reason) {
      // Only a panel that was opened follows the API: before that nothing is loaded.
      if (get().apiStatus === null) return;
      void (reason === 'status' ? loadStatus() : reason === 'keys' ? loadKeys() : loadLog());
    },
    async createApiKey(name) {
      const created = await attempt(get, () => client.call('api.keys.create', { name }));
      if (!created) return null;
      await loadKeys();
      return created.key;
    },
    async revokeApiKey(id) {
      const r = await attempt(get, () => client.call('api.keys.revoke', { idOrName: id }));
      await loadKeys();
      return r?.revoked ?? false;
    },
  };
};
