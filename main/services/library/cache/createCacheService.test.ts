import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../../test/fixtures.js';
import { createModelRegistry, type ModelRegistry } from '../registry/createModelRegistry.js';
import { tempStore } from '../../store/tempStore.js';
import { createCacheService, type CacheService } from './createCacheService.js';
import { defaultForeignRoots } from './scanForeignModels.js';

let t: ReturnType<typeof tempStore>;
let models: ModelRegistry;
let cache: CacheService;
let modelsDir: string;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeEach(() => {
  t = tempStore();
  modelsDir = path.join(path.dirname(t.file), 'models');
  models = createModelRegistry({ store: t.store, modelsDir, engine: { estimate: async () => null as never, status: async () => ({ loaded: [] }) as never, unload: async () => false } });
  cache = createCacheService({ models, store: t.store, modelsDir, roots: defaultForeignRoots(path.join(path.dirname(t.file), 'home')), freeSpace: async () => 123_456 });
});
afterEach(() => t.cleanup());

describe('cache service', () => {
  it('verifies a copied model against the hash recorded at import, and notices a changed byte', async () => {
    const record = await models.add(fixturePath('tiny'));
    expect(await cache.verify(record.id)).toMatchObject({ ok: true, sha256: record.sha256, expectedSha256: record.sha256 });
    const bytes = fs.readFileSync(record.path);
    bytes.writeUInt8(bytes.readUInt8(100) ^ 1, 100);
    fs.writeFileSync(record.path, bytes);
    expect(await cache.verify(record.id)).toMatchObject({ ok: false, sha256: sha(bytes), expectedSha256: record.sha256 });
  });

  it('records a hash for a linked model on its first verify, then checks against it', async () => {
    const copy = path.join(path.dirname(t.file), 'linked.gguf');
    fs.copyFileSync(fixturePath('tiny'), copy);
    const record = await models.add(copy, { mode: 'link' });
    expect(record.sha256).toBeNull();
    expect(await cache.verify(record.id)).toMatchObject({ ok: true, expectedSha256: null, sha256: sha(fs.readFileSync(copy)) });
    expect(models.get(record.id).sha256).toBe(sha(fs.readFileSync(copy)));
    fs.appendFileSync(copy, 'x');
    expect((await cache.verify(record.id)).ok).toBe(false);
    fs.rmSync(copy);
    await expect(cache.verify(record.id)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('reports the cache folder size, file count and free space', async () => {
    expect(await cache.info()).toEqual({ dir: modelsDir, totalBytes: 0, count: 0, freeBytes: 123_456 });
    const record = await models.add(fixturePath('tiny'));
    fs.writeFileSync(path.join(modelsDir, 'next.gguf.part'), Buffer.alloc(1000));
    expect(await cache.info()).toEqual({ dir: modelsDir, totalBytes: record.sizeBytes + 1000, count: 1, freeBytes: 123_456 });
    expect(cache.scan()).toEqual({ found: [], rejected: [] });
  });
});
