import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { HearthError, type CatalogEntry, type ModelDetails, type ModelRecord } from '../../../contract/index.js';
import type { EngineClient } from '../../engine/createEngineClient.js';
import { inspectGguf, type GgufSummary } from '../../gguf/readGgufHeader.js';
import type { Store } from '../../store/createStore.js';
import { assertLocalModelPath } from './assertLocalModelPath.js';
import { describeModelFamily } from './describeModelFamily.js';

export interface ModelRegistryDeps {
  /** The catalog's entries, for the licence and capabilities of a catalog file in details(); none when absent. */
  catalog?: () => CatalogEntry[];
  store: Store;
  /** The cache folder: imported copies live here as <id>.gguf. */
  modelsDir: string;
  engine: Pick<EngineClient, 'estimate' | 'status' | 'unload'>;
  inspect?: (file: string, options?: { signal?: AbortSignal }) => Promise<GgufSummary>;
  now?: () => number;
}

export interface AddOptions {
  mode?: 'copy' | 'link' | 'download';
  /** The file's SHA-256 when the caller knows it (downloads, Ollama blobs named by digest). */
  sha256?: string;
  signal?: AbortSignal;
}

export interface ModelRegistry {
  /**
   * Validates the file's header in TypeScript before llama.cpp ever sees it, then copies it into the cache or links it in place.
   * 'download' records a file the downloader already verified and placed in the cache folder (no copy), with its hash.
   */
  add(file: string, options?: AddOptions): Promise<ModelRecord>;
  list(): ModelRecord[];
  get(modelId: string): ModelRecord;
  /**
   * The model for a chat: an id from the cache, or a path to a .gguf file
   * (linked in place on first use). MODEL_BROKEN when its load crashed the
   * engine and it has not passed `models verify` since.
   */
  resolve(idOrPath: string): Promise<ModelRecord>;
  /**
   * Records that loading this model crashed the engine (call it when a load
   * ends in ENGINE_CRASHED), so it stops being offered and resolve refuses it
   * instead of crashing again on every send. `models.verify` clears it.
   */
  markBroken(modelId: string, reason: string): ModelRecord;
  details(modelId: string, options?: { fit?: boolean }): Promise<ModelDetails>;
  remove(modelId: string, options?: { deleteFile?: boolean }): Promise<boolean>;
  /**
   * Reads the header of every model recorded before Hearth stored what a
   * model is for (chat, embedding, reranker) and records it. A file that is
   * gone or unreadable keeps the guess from its architecture. Returns how many were read.
   */
  checkRoles(signal?: AbortSignal): Promise<number>;
}

/** MODEL_BROKEN for a model marked broken, with the reason and the way back; the record itself otherwise. */
export function assertNotBroken(record: ModelRecord): ModelRecord {
  if (record.broken === null) return record;
  throw new HearthError(
    'MODEL_BROKEN',
    `Model ${record.id} crashed the engine when it was loaded (${record.broken}), so Hearth no longer uses it. Pick another model; or replace the file and run \`hearth models verify ${record.id}\` (Verify in the library) to check it and use it again.`,
  );
}

/** Ids are what people type in the CLI: lower-case file stems. */
export function modelIdFromFile(file: string): string {
  const stem = path.basename(file).replace(/\.gguf$/i, '');
  const id = stem
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 96);
  return id || 'model';
}

export function createModelRegistry(deps: ModelRegistryDeps): ModelRegistry {
  const { store, modelsDir } = deps;
  const inspect = deps.inspect ?? inspectGguf;
  const now = deps.now ?? Date.now;

  function uniqueId(base: string): string {
    if (!store.findModel(base)) return base;
    for (let i = 2; ; i++) if (!store.findModel(`${base}-${i}`)) return `${base}-${i}`;
  }

  async function add(file: string, options: AddOptions = {}): Promise<ModelRecord> {
    assertLocalModelPath(file);
    const source = path.resolve(file);
    const mode = options.mode ?? 'copy';
    const summary = await inspect(source, { signal: options.signal });
    const linked = store.findModelByPath(source);
    if (linked) return linked;
    const id = uniqueId(modelIdFromFile(source));
    let finalPath = source;
    let sha256: string | null = options.sha256 ?? null;
    if (mode === 'copy') {
      fs.mkdirSync(modelsDir, { recursive: true });
      finalPath = path.join(modelsDir, `${id}.gguf`);
      sha256 = await copyWithHash(source, finalPath, summary.sizeBytes, options.signal);
    }
    return store.upsertModel({
      id,
      name: summary.name ?? path.basename(source, path.extname(source)),
      path: finalPath,
      source: mode === 'copy' ? 'import' : mode,
      sizeBytes: summary.sizeBytes,
      sha256,
      architecture: summary.architecture,
      parameters: summary.parameters,
      quantization: summary.quantization,
      contextLength: summary.contextLength,
      hasChatTemplate: summary.hasChatTemplate,
      role: summary.role,
      addedAt: now(),
    });
  }

  function get(modelId: string): ModelRecord {
    return store.getModel(modelId);
  }

  async function checkRoles(signal?: AbortSignal): Promise<number> {
    let read = 0;
    for (const record of store.modelsWithoutRole()) {
      if (signal?.aborted) break;
      const summary = await inspect(record.path, { signal }).catch(() => null);
      if (!summary || !store.findModel(record.id)) continue;
      store.upsertModel({ ...record, role: summary.role });
      read++;
    }
    return read;
  }

  return {
    add,
    checkRoles,
    list: () => store.listModels(),
    get,
    async resolve(idOrPath) {
      const byId = store.findModel(idOrPath);
      if (byId) return assertNotBroken(byId);
      const looksLikePath = /[\\/]/.test(idOrPath) || idOrPath.toLowerCase().endsWith('.gguf');
      if (!looksLikePath) return get(idOrPath); // throws MODEL_NOT_FOUND with the way out
      return assertNotBroken(store.findModelByPath(path.resolve(idOrPath)) ?? (await add(idOrPath, { mode: 'link' })));
    },
    markBroken(modelId, reason) {
      // One line, bounded: it is shown in the library and printed by the CLI.
      const text = reason.replace(/\s+/g, ' ').trim().slice(0, 500) || 'the engine crashed while loading it';
      return store.setModelBroken(modelId, text);
    },
    async details(modelId, options = { fit: true }) {
      const record = get(modelId);
      const status = await deps.engine.status();
      let fit: ModelDetails['fit'] = null;
      if (options.fit !== false && fs.existsSync(record.path)) {
        fit = await deps.engine.estimate(record.path).catch(() => null);
      }
      const loaded = status.loaded.find((m) => m.modelId === modelId);
      const family = await describeModelFamily(record, { fit, loaded, catalog: deps.catalog?.() ?? [] }).catch(() => null);
      return { ...record, fit, loaded: loaded !== undefined, family };
    },
    async remove(modelId, options = {}) {
      const record = get(modelId);
      await deps.engine.unload(modelId).catch(() => false);
      store.removeModel(modelId);
      // Only files Hearth copied into its own cache are deleted; a linked file belongs to the user.
      const inCache = path.dirname(path.resolve(record.path)) === path.resolve(modelsDir);
      if (inCache && (options.deleteFile ?? true)) await fs.promises.rm(record.path, { force: true });
      return true;
    },
  };
}

/**
 * Copies into the cache through a temp file, hashing as it goes; fsync and an
 * atomic rename mean the final name only ever holds a complete file.
 */
async function copyWithHash(source: string, target: string, size: number, signal?: AbortSignal): Promise<string> {
  const free = await fs.promises.statfs(path.dirname(target)).then((s) => s.bavail * s.bsize).catch(() => Infinity);
  if (free < size) {
    throw new HearthError(
      'DISK_FULL',
      `Copying ${path.basename(source)} needs ${Math.ceil(size / 2 ** 20)} MB and ${Math.floor(free / 2 ** 20)} MB is free in ${path.dirname(target)}. Free some space, or import with "link" to use the file where it is.`,
    );
  }
  const temp = `${target}.partial-${process.pid}`;
  const hash = createHash('sha256');
  try {
    const out = fs.createWriteStream(temp, { flags: 'w' });
    await pipeline(
      fs.createReadStream(source),
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      out,
      { signal },
    );
    const fd = await fs.promises.open(temp, 'r+');
    await fd.sync();
    await fd.close();
    await fs.promises.rename(temp, target);
    return hash.digest('hex');
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new HearthError('DISK_FULL', `The disk filled up while copying ${path.basename(source)}. Nothing was added; free some space and try again.`);
    }
    if (signal?.aborted) throw new HearthError('ABORTED', `Import of ${path.basename(source)} was cancelled.`);
    throw error;
  }
}
