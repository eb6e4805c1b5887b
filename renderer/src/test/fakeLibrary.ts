import type { CatalogItem, Download, FoundModel, NetworkAttempt, ResultOf, Settings } from '../../../main/contract/index.js';
import { HearthError } from '../../../main/contract/index.js';
import type { FakeClient } from '../transport/fakeClient.js';
import { CATALOG, makeDownload } from './libraryFixtures.js';

/**
 * The library's methods over in-memory state, the way main answers them:
 * downloads move only when a test calls `progress`/`fail`, each change is
 * pushed as downloads.progress, offline mode refuses downloads.start with
 * OFFLINE, and network attempts arrive through `attempt`.
 */
export interface FakeLibrary {
  settings: Settings;
  catalog: CatalogItem[];
  downloads: Map<string, Download>;
  found: FoundModel[];
  log: NetworkAttempt[];
  cache: ResultOf<'models.cacheInfo'>;
  verify: Map<string, ResultOf<'models.verify'>>;
  /** Catalog ids that downloads.prepareOffline starts. */
  offlineReady: string[];
  progress(downloadId: string, patch: Partial<Download>): Download;
  fail(downloadId: string, code: string, message: string): Download;
  attempt(a: NetworkAttempt): void;
}

export function installFakeLibrary(client: FakeClient, settings: Settings): FakeLibrary {
  let n = 0;
  let clock = 1_750_000_000_000;
  const lib: FakeLibrary = {
    settings: { ...settings },
    catalog: CATALOG.map((c) => ({ ...c })),
    downloads: new Map(),
    found: [],
    log: [],
    cache: { dir: '/data/hearth/models', totalBytes: 2_500_000_000, count: 2, freeBytes: 120_000_000_000 },
    verify: new Map(),
    offlineReady: [],
    progress(downloadId, patch) {
      const d = { ...get(downloadId), ...patch, updatedAt: ++clock };
      lib.downloads.set(d.id, d);
      client.emit('downloads.progress', d);
      return d;
    },
    fail(downloadId, code, message) {
      return lib.progress(downloadId, { state: 'failed', bytesPerSecond: 0, etaSeconds: null, error: { code, message } });
    },
    attempt(a) {
      lib.log.unshift(a);
      client.emit('network.attempt', a);
    },
  };
  function get(downloadId: string): Download {
    const d = lib.downloads.get(downloadId);
    if (!d) throw new HearthError('NOT_FOUND', `Download ${downloadId} does not exist.`);
    return d;
  }
  function start(source: string, quantization?: string): Download {
    if (lib.settings.offline) throw new HearthError('OFFLINE', `Offline mode is on: Hearth will not download ${source}. Turn it off with "hearth offline off" or in the Model library.`);
    const entry = lib.catalog.find((c) => c.id === source);
    const file = entry ? (entry.files.find((f) => f.quantization === quantization) ?? entry.files[0]!) : null;
    const d = makeDownload({
      id: `dl-${++n}`,
      source,
      catalogId: entry?.id ?? null,
      quantization: file?.quantization ?? null,
      fileName: file?.fileName ?? source.split('/').pop()!,
      state: 'queued',
      totalBytes: file?.sizeBytes ?? null,
      createdAt: ++clock,
      updatedAt: clock,
    });
    lib.downloads.set(d.id, d);
    client.emit('downloads.progress', d);
    return d;
  }
  const move = (downloadId: string, state: Download['state']) => lib.progress(downloadId, { state, bytesPerSecond: 0, etaSeconds: null });

  // Copies, as a real transport delivers: the store must never hold the fake's own objects.
  client.handle('catalog.list', () => structuredClone(lib.catalog));
  client.handle('downloads.start', ({ source, quantization }) => start(source, quantization));
  client.handle('downloads.list', () => [...lib.downloads.values()]);
  client.handle('downloads.pause', ({ downloadId }) => move(downloadId, 'paused'));
  client.handle('downloads.resume', ({ downloadId }) => move(downloadId, 'downloading'));
  client.handle('downloads.cancel', ({ downloadId }) => move(downloadId, 'cancelled'));
  client.handle('downloads.prepareOffline', () => lib.offlineReady.map((id) => start(id)));
  client.handle('models.scan', () => structuredClone(lib.found));
  client.handle('models.cacheInfo', () => ({ ...lib.cache }));
  client.handle('models.verify', ({ modelId }) => {
    const r = lib.verify.get(modelId);
    if (!r) throw new HearthError('MODEL_NOT_FOUND', `Model ${modelId} is not installed.`);
    return r;
  });
  client.handle('network.log', ({ limit }) => lib.log.slice(0, limit));
  client.handle('settings.get', () => structuredClone(lib.settings));
  client.handle('settings.update', (patch) => {
    lib.settings = { ...lib.settings, ...patch, engine: { ...lib.settings.engine, ...patch.engine }, api: { ...lib.settings.api, ...patch.api }, documents: { ...lib.settings.documents, ...patch.documents } };
    client.emit('settings.changed', {});
    return structuredClone(lib.settings);
  });
  return lib;
}
