import fs from 'node:fs';
import path from 'node:path';
import { HearthError, type FoundModel, type ModelRecord } from '../../../contract/index.js';
import { inspectGguf } from '../../gguf/readGgufHeader.js';
import { hashFile } from '../downloads/completeDownload.js';
import type { ModelRegistry } from '../registry/createModelRegistry.js';
import type { Store } from '../../store/createStore.js';
import { defaultForeignRoots, scanForeignModels, type ForeignRoots, type ScanResult } from './scanForeignModels.js';

export interface CacheServiceDeps {
  models: Pick<ModelRegistry, 'add' | 'get' | 'list'>;
  store: Pick<Store, 'findModelByPath' | 'upsertModel' | 'setModelBroken'>;
  /** The header check models.add runs (default inspectGguf): verify runs it again before clearing a broken mark. */
  inspect?: (file: string, options?: { signal?: AbortSignal }) => Promise<unknown>;
  modelsDir: string;
  /** Other apps' model folders (tests point them at fixtures). */
  roots?: ForeignRoots;
  freeSpace: (dir: string) => Promise<number>;
}

export interface VerifyResult {
  modelId: string;
  ok: boolean;
  sha256: string;
  expectedSha256: string | null;
  sizeBytes: number;
}

export interface CacheService {
  /** Models in LM Studio's, Jan's and Ollama's folders, with the Hearth model each is already linked as. */
  scan(): { found: FoundModel[]; rejected: ScanResult['rejected'] };
  /** Links every found model in place (no copy); returns the records. */
  linkFound(options?: { signal?: AbortSignal }): Promise<ModelRecord[]>;
  /**
   * Re-hashes the file. With a recorded hash, ok means the file still has it
   * (and its size); without one (a model linked in place), the hash is
   * recorded now, so the next verify has something to compare with.
   */
  verify(modelId: string, options?: { signal?: AbortSignal }): Promise<VerifyResult>;
  /** The cache folder's GGUF files (and partial downloads): what deleting the cache would free; and the disk's free space. */
  info(): Promise<{ dir: string; totalBytes: number; count: number; freeBytes: number }>;
}

function existingAncestor(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

export function createCacheService(deps: CacheServiceDeps): CacheService {
  const roots = () => deps.roots ?? defaultForeignRoots();

  function scan(): { found: FoundModel[]; rejected: ScanResult['rejected'] } {
    const result = scanForeignModels(roots());
    const found = result.found.map(({ sha256: _sha, ...f }) => ({ ...f, modelId: deps.store.findModelByPath(f.path)?.id ?? null }));
    return { found, rejected: result.rejected };
  }

  return {
    scan,
    async linkFound(options = {}) {
      const records: ModelRecord[] = [];
      for (const f of scanForeignModels(roots()).found) {
        records.push(await deps.models.add(f.path, { mode: 'link', sha256: f.sha256 ?? undefined, signal: options.signal }));
      }
      return records;
    },
    async verify(modelId, options = {}) {
      const record = deps.models.get(modelId);
      const size = await fs.promises.stat(record.path).then(
        (s) => s.size,
        () => {
          throw new HearthError('FILE_NOT_FOUND', `The file of ${modelId} is gone from ${record.path}. Remove the model, or put the file back.`);
        },
      );
      const sha256 = await hashFile(record.path, options.signal);
      const result: VerifyResult =
        record.sha256 === null
          ? { modelId, ok: size === record.sizeBytes, sha256, expectedSha256: null, sizeBytes: size }
          : { modelId, ok: sha256 === record.sha256 && size === record.sizeBytes, sha256, expectedSha256: record.sha256, sizeBytes: size };
      if (record.sha256 === null) deps.store.upsertModel({ ...record, sha256 });
      if (result.ok && record.broken !== null) {
        // A model marked broken (its load crashed the engine) is offered again
        // only when its file passes today's header checks too: those are what
        // refuse what llama.cpp would abort on. MODEL_INVALID says why not.
        await (deps.inspect ?? inspectGguf)(record.path, { signal: options.signal });
        deps.store.setModelBroken(modelId, null);
      }
      return result;
    },
    async info() {
      const dir = deps.modelsDir;
      let totalBytes = 0;
      let count = 0;
      for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        if (!/\.(gguf|part)$/i.test(name)) continue;
        const stat = fs.statSync(path.join(dir, name));
        if (!stat.isFile()) continue;
        totalBytes += stat.size;
        if (name.toLowerCase().endsWith('.gguf')) count++;
      }
      return { dir, totalBytes, count, freeBytes: await deps.freeSpace(existingAncestor(dir)) };
    },
  };
}
