import type { Download, ErrorPayload } from '../../../main/contract/index.js';
import { isHearthError } from '../../../main/contract/index.js';
import { t } from '../i18n/i18n.js';
import { formatNumber } from '../lib/format.js';
import { attempt, type SliceCreator } from './types.js';

export interface DownloadsSlice {
  /** Newest first; one entry per download id, replaced by each progress event. */
  downloads: Download[];
  downloadsError: string | null;
  /**
   * Why downloads.start itself was refused (offline mode, a bad URL), keyed by
   * what was asked for (`downloadKey`), so the button that asked can show it.
   */
  startErrors: Record<string, ErrorPayload>;
  /** Keys of start requests on their way to main. */
  starting: Record<string, true>;
  preparingOffline: boolean;
  loadDownloads(): Promise<void>;
  /** acceptLicence: the person accepted the entry's licence notice (CatalogCard's "Accept and download"). */
  startDownload(source: string, quantization?: string, acceptLicence?: boolean): Promise<Download | null>;
  /** A failed download again: start re-uses what is on disk when the remote file is unchanged. */
  retryDownload(download: Download): Promise<Download | null>;
  pauseDownload(downloadId: string): Promise<void>;
  resumeDownload(downloadId: string): Promise<void>;
  cancelDownload(downloadId: string): Promise<void>;
  prepareOffline(): Promise<Download[] | null>;
  clearStartError(key: string): void;
  applyDownloadProgress(download: Download): void;
}

/** Identifies a request: the catalog entry and quantization, or the URI/URL. */
export function downloadKey(source: string, quantization?: string | null): string {
  return quantization ? `${source}#${quantization}` : source;
}

/** What a download row was started from, in the key form start errors use. */
export function keyOfDownload(d: Download): string {
  return d.catalogId ? downloadKey(d.catalogId, d.quantization) : d.source;
}

export const ACTIVE_STATES: ReadonlySet<Download['state']> = new Set(['queued', 'downloading', 'paused', 'verifying']);

function upsert(list: Download[], d: Download): Download[] {
  const index = list.findIndex((x) => x.id === d.id);
  if (index < 0) return [d, ...list];
  // Events can overtake a reply (or each other): never go back in time.
  if (list[index]!.updatedAt > d.updatedAt) return list;
  const next = list.slice();
  next[index] = d;
  return next;
}

export const createDownloadsSlice: SliceCreator<DownloadsSlice> = (set, get, client) => {
  const track = (d: Download | null) => {
    if (d) get().applyDownloadProgress(d);
  };
  const setStarting = (key: string, on: boolean) =>
    set((s) => {
      const { [key]: _old, ...rest } = s.starting;
      return { starting: on ? { ...rest, [key]: true } : rest };
    });

  return {
    downloads: [],
    downloadsError: null,
    startErrors: {},
    starting: {},
    preparingOffline: false,

    async loadDownloads() {
      try {
        const list = await client.call('downloads.list', {});
        set({ downloads: [...list].sort((a, b) => b.createdAt - a.createdAt), downloadsError: null });
      } catch (error) {
        set({ downloadsError: error instanceof Error ? error.message : String(error) });
      }
    },

    async startDownload(source, quantization, acceptLicence) {
      const key = downloadKey(source, quantization);
      get().clearStartError(key);
      setStarting(key, true);
      try {
        const d = await client.call('downloads.start', { source, ...(quantization ? { quantization } : {}), ...(acceptLicence ? { acceptLicence } : {}) });
        track(d);
        return d;
      } catch (error) {
        // Shown beside the button that asked (and not as a toast): it says what to do there.
        const payload: ErrorPayload = isHearthError(error) ? error.toPayload() : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
        set((s) => ({ startErrors: { ...s.startErrors, [key]: payload } }));
        return null;
      } finally {
        setStarting(key, false);
      }
    },

    retryDownload(download) {
      // A download of a restricted entry was only ever started with its licence accepted (the service checks): a retry keeps that.
      const restricted = download.catalogId !== null && get().catalog.some((c) => c.id === download.catalogId && c.licenceNotice);
      return get().startDownload(download.catalogId ?? download.source, download.catalogId ? (download.quantization ?? undefined) : undefined, restricted || undefined);
    },

    async pauseDownload(downloadId) {
      track(await attempt(get, () => client.call('downloads.pause', { downloadId })));
    },
    async resumeDownload(downloadId) {
      track(await attempt(get, () => client.call('downloads.resume', { downloadId })));
    },
    async cancelDownload(downloadId) {
      track(await attempt(get, () => client.call('downloads.cancel', { downloadId })));
    },

    async prepareOffline() {
      set({ preparingOffline: true });
      const queued = await attempt(get, () => client.call('downloads.prepareOffline', {}));
      set({ preparingOffline: false });
      if (!queued) return null;
      for (const d of queued) track(d);
      get().pushToast(
        'info',
        queued.length === 0 ? t('toasts.offlineReady') : t('toasts.preparingOffline', { count: queued.length, n: formatNumber(queued.length) }),
      );
      return queued;
    },

    clearStartError(key) {
      set((s) => {
        if (!(key in s.startErrors)) return s;
        const { [key]: _old, ...rest } = s.startErrors;
        return { startErrors: rest };
      });
    },

    applyDownloadProgress(d) {
      const before = get().downloads.find((x) => x.id === d.id);
      set((s) => ({ downloads: upsert(s.downloads, d) }));
      if (d.state === 'completed' && before?.state !== 'completed') {
        // A new model is in the cache: the installed list, the catalog's marks and the totals change.
        void get().loadModels();
        void get().loadCatalog();
        void get().loadCacheInfo();
      }
    },
  };
};
