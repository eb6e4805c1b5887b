import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CatalogEntry, CatalogItem, ModelFit, ModelRecord } from '../../../contract/index.js';
import { modelIdFromFile } from '../registry/createModelRegistry.js';
import type { NetworkPolicy } from '../../network/NetworkPolicy.js';
import { hfResolveUrl, parseHfUri } from '../sources/parseHfUri.js';
import { estimateFitFromSize } from './estimateFitFromSize.js';
import { readRemoteHeader } from './readRemoteHeader.js';

export interface CatalogServiceDeps {
  catalog: () => CatalogEntry[];
  models: { list(): ModelRecord[] };
  /** GgufInsights on a local GGUF (the engine's estimate). */
  estimate: (modelPath: string) => Promise<ModelFit>;
  /** Free memory now, without starting the engine just to ask. */
  memory: () => Promise<{ ramFreeBytes: number; vramFreeBytes: number }>;
  network: NetworkPolicy;
  hfEndpoint: string;
  /** Scratch folder for remote headers' stand-in files. */
  tempDir?: string;
  /** Remote headers fetched at once with checkRemote. */
  remoteConcurrency?: number;
}

export interface CatalogService {
  entries(): CatalogEntry[];
  list(options?: { checkRemote?: boolean; signal?: AbortSignal }): Promise<CatalogItem[]>;
  /** Installed model ids of an entry, per quantization. */
  installed(entry: CatalogEntry): CatalogItem['installed'];
}

/** A cached model is a catalog file when it carries the file's name (downloaded, or imported under its own name) or its hash. */
function matches(record: ModelRecord, file: CatalogEntry['files'][number]): boolean {
  return (
    record.id === modelIdFromFile(file.fileName) ||
    path.basename(record.path) === file.fileName ||
    (file.sha256 !== null && record.sha256 === file.sha256)
  );
}

export function createCatalogService(deps: CatalogServiceDeps): CatalogService {
  const tempDir = deps.tempDir ?? path.join(os.tmpdir(), 'hearth-headers');

  function installed(entry: CatalogEntry, records = deps.models.list()): CatalogItem['installed'] {
    return entry.files.flatMap((file) => records.filter((r) => matches(r, file)).map((r) => ({ quantization: file.quantization, modelId: r.id })));
  }

  async function remoteFit(entry: CatalogEntry, signal: AbortSignal): Promise<ModelFit> {
    const url = hfResolveUrl(parseHfUri(entry.files[0]!.uri), deps.hfEndpoint);
    const standIn = await readRemoteHeader(url, { network: deps.network, signal, dir: tempDir });
    try {
      return await deps.estimate(standIn);
    } finally {
      await fs.promises.rm(standIn, { force: true });
    }
  }

  async function itemFor(entry: CatalogEntry, records: ModelRecord[], memory: { ramFreeBytes: number; vramFreeBytes: number }, checkRemote: boolean, signal: AbortSignal): Promise<CatalogItem> {
    const have = installed(entry, records);
    const local = have.map((h) => records.find((r) => r.id === h.modelId)!).find((r) => fs.existsSync(r.path));
    if (local) {
      const fit = await deps.estimate(local.path).catch(() => null);
      if (fit) return { ...entry, installed: have, fit, fitSource: 'local-file' };
    }
    if (checkRemote) {
      const fit = await remoteFit(entry, signal).catch(() => null);
      if (fit) return { ...entry, installed: have, fit, fitSource: 'remote-header' };
    }
    const file = entry.files[0]!;
    const size = file.sizeBytes ?? file.approxSizeBytes ?? null;
    if (size === null) return { ...entry, installed: have, fit: null, fitSource: null };
    return { ...entry, installed: have, fit: estimateFitFromSize(size, entry.contextLength, memory), fitSource: 'size-estimate' };
  }

  return {
    entries: deps.catalog,
    installed,
    async list(options = {}) {
      const signal = options.signal ?? new AbortController().signal;
      const entries = deps.catalog();
      // Offline: say so (OFFLINE, logged as a blocked 'catalog' attempt) instead of quietly estimating from sizes.
      if (options.checkRemote && deps.network.isOffline() && entries[0]) {
        deps.network.check({ url: hfResolveUrl(parseHfUri(entries[0].files[0]!.uri), deps.hfEndpoint), purpose: 'catalog' });
      }
      const records = deps.models.list();
      const memory = await deps.memory();
      // Remote headers are fetched a few at a time; everything else is local and quick.
      const limit = options.checkRemote ? Math.max(1, deps.remoteConcurrency ?? 3) : entries.length || 1;
      const items: CatalogItem[] = new Array(entries.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(limit, entries.length) }, async () => {
          while (next < entries.length) {
            const i = next++;
            items[i] = await itemFor(entries[i]!, records, memory, options.checkRemote === true, signal);
          }
        }),
      );
      return items;
    },
  };
}
