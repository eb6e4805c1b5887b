import type { CatalogItem, FoundModel, ResultOf } from '../../../main/contract/index.js';
import { attempt, type SliceCreator } from './types.js';

export type CacheInfo = ResultOf<'models.cacheInfo'>;
export type VerifyResult = ResultOf<'models.verify'>;
export type Verification = { status: 'running' } | { status: 'done'; result: VerifyResult };

export interface LibrarySlice {
  catalog: CatalogItem[];
  catalogLoaded: boolean;
  /** Why the catalog could not be read; shown in its section rather than as a toast. */
  catalogError: string | null;
  /** catalog.list {checkRemote}: reading each entry's header from the server. */
  checkingFit: boolean;
  /** null until the first scan. */
  found: FoundModel[] | null;
  scanning: boolean;
  scanError: string | null;
  cacheInfo: CacheInfo | null;
  verifications: Record<string, Verification>;
  /** Set once the Library page has loaded its data; later reconnects load it again. */
  libraryLoaded: boolean;
  loadLibrary(): Promise<void>;
  loadCatalog(options?: { checkRemote?: boolean }): Promise<void>;
  scanModels(): Promise<void>;
  /** Links a found model in place (models.add mode link), then scans again to mark it. */
  useFoundModel(path: string): Promise<boolean>;
  loadCacheInfo(): Promise<void>;
  verifyModel(modelId: string): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get, client) => ({
  catalog: [],
  catalogLoaded: false,
  catalogError: null,
  checkingFit: false,
  found: null,
  scanning: false,
  scanError: null,
  cacheInfo: null,
  verifications: {},
  libraryLoaded: false,

  async loadLibrary() {
    set({ libraryLoaded: true });
    await Promise.all([get().loadCatalog(), get().loadDownloads(), get().loadCacheInfo(), get().loadNetworkLog(), get().found === null ? get().scanModels() : Promise.resolve()]);
  },

  async loadCatalog(options = {}) {
    const checkRemote = options.checkRemote === true;
    if (checkRemote) set({ checkingFit: true });
    try {
      const catalog = await client.call('catalog.list', checkRemote ? { checkRemote } : {});
      set({ catalog, catalogLoaded: true, catalogError: null });
    } catch (error) {
      // A failed online check keeps the list already shown; the reason goes to a toast.
      if (checkRemote) get().reportError(error);
      else set({ catalogError: messageOf(error), catalogLoaded: true });
    } finally {
      if (checkRemote) set({ checkingFit: false });
    }
  },

  async scanModels() {
    set({ scanning: true });
    try {
      const found = await client.call('models.scan', {});
      set({ found, scanError: null });
    } catch (error) {
      set({ scanError: messageOf(error) });
    } finally {
      set({ scanning: false });
    }
  },

  async useFoundModel(path) {
    const record = await get().importModel(path, 'link');
    if (!record) return false;
    await get().scanModels();
    return true;
  },

  // Background totals: a failure leaves the line out rather than raising a toast.
  async loadCacheInfo() {
    try {
      set({ cacheInfo: await client.call('models.cacheInfo', {}) });
    } catch {
      set({ cacheInfo: null });
    }
  },

  async verifyModel(modelId) {
    set((s) => ({ verifications: { ...s.verifications, [modelId]: { status: 'running' } } }));
    const result = await attempt(get, () => client.call('models.verify', { modelId }));
    set((s) => {
      const { [modelId]: _old, ...rest } = s.verifications;
      return { verifications: result ? { ...rest, [modelId]: { status: 'done', result } } : rest };
    });
  },
});
