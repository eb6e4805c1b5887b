import type { EncryptionStatus, ParamsOf, ResultOf, Settings } from '../../../main/contract/index.js';
import { t } from '../i18n/i18n.js';
import { formatNumber } from '../lib/format.js';
import { attempt, type SliceCreator } from './types.js';

export interface SettingsSlice {
  settings: Settings | null;
  appInfo: ResultOf<'app.info'> | null;
  loadSettings(): Promise<void>;
  loadAppInfo(): Promise<void>;
  updateSettings(patch: ParamsOf<'settings.update'>): Promise<boolean>;
  deleteAllData(includeModels: boolean): Promise<ResultOf<'data.deleteAll'> | null>;
  /** Encryption at rest: whether the database is encrypted, and a switch waiting for the next start. */
  encryption: EncryptionStatus | null;
  loadEncryption(): Promise<void>;
  setEncryption(enabled: boolean): Promise<boolean>;
  /** Loads everything from main: at start and after a reconnect, when events may have been missed. */
  syncAll(): Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, client) => ({
  settings: null,
  appInfo: null,
  encryption: null,

  async loadEncryption() {
    const encryption = await attempt(get, () => client.call('encryption.status', {}));
    if (encryption) set({ encryption });
  },

  async setEncryption(enabled) {
    const encryption = await attempt(get, () => client.call('encryption.set', { enabled }));
    if (encryption) set({ encryption });
    return encryption !== null;
  },

  async loadSettings() {
    const settings = await attempt(get, () => client.call('settings.get', {}));
    if (settings) set({ settings });
  },

  async loadAppInfo() {
    const appInfo = await attempt(get, () => client.call('app.info', {}));
    if (appInfo) set({ appInfo });
  },

  async updateSettings(patch) {
    const settings = await attempt(get, () => client.call('settings.update', patch));
    if (settings) set({ settings });
    return settings !== null;
  },

  async deleteAllData(includeModels) {
    const r = await attempt(get, () => client.call('data.deleteAll', { includeModels, confirm: 'DELETE' }));
    if (!r) return null;
    get().forgetChats();
    const chats = t('toasts.chats', { count: r.chats, n: formatNumber(r.chats) });
    const models = t('toasts.models', { count: r.models, n: formatNumber(r.models) });
    get().pushToast('info', includeModels ? t('toasts.deletedWithModels', { chats, models }) : t('toasts.deleted', { chats }));
    await get().syncAll();
    return r;
  },

  async syncAll() {
    const { activeChatId } = get();
    await Promise.all([
      get().loadSettings(),
      get().loadAppInfo(),
      get().loadModels(),
      get().loadChats(),
      get().refreshEngine(),
      get().loadProfiles(),
      activeChatId ? get().loadChat(activeChatId) : Promise.resolve(),
      // The library's data is loaded by its page; after a reconnect, again if it was.
      get().libraryLoaded ? get().loadLibrary() : Promise.resolve(),
    ]);
  },
});
