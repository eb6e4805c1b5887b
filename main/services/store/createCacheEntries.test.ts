import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRecord, Profile } from '../../contract/index.js';
import { createEmbeddingScorer } from '../routing/createEmbeddingScorer.js';
import { createCacheEntries } from './createCacheEntries.js';
import { openDatabase } from './openDatabase.js';
import { tempDir } from './tempStore.js';

const model = { id: 'nomic-embed-text-v1.5.q4_k_m', name: 'e', path: '/m.gguf', source: 'link', sizeBytes: 1, sha256: null, architecture: 'nomic-bert', parameters: null, quantization: 'Q4_K_M', contextLength: 2048, hasChatTemplate: false, addedAt: 0 } as unknown as ModelRecord;
const profile = (id: string, examples: string[]) => ({ id, examples, enabled: true }) as unknown as Profile;

describe('createCacheEntries', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('keeps values by key, replaces them, and removes a prefix', () => {
    const db = openDatabase(tmp.file);
    const cache = createCacheEntries(db);
    cache.put('routing-embeddings-a', 'one');
    cache.put('routing-embeddings-a', 'two');
    cache.put('other', 'kept');
    expect(cache.get('routing-embeddings-a')).toBe('two');
    cache.removePrefix('routing-embeddings-');
    expect(cache.get('routing-embeddings-a')).toBeNull();
    expect(cache.get('other')).toBe('kept');
    db.close();
  });

  it('holds the routing examples’ vectors instead of a loose file, and removes the files an older build wrote', async () => {
    const db = openDatabase(tmp.file);
    const cacheDir = path.join(tmp.dir, 'cache');
    fs.mkdirSync(cacheDir);
    fs.writeFileSync(path.join(cacheDir, 'routing-embeddings-old.json'), '{"labels":["private-profile"]}');
    let embedded = 0;
    const make = () =>
      createEmbeddingScorer({
        embed: async (_ref, texts) => ((embedded += texts.length), texts.map((t) => [t.length, 1])),
        models: { list: () => [model] },
        profiles: { list: () => [profile('legal', ['my landlord kept the deposit']), profile('coding', ['git rebase'])] },
        cacheDir,
        cacheStore: createCacheEntries(db),
      });
    expect(await make().ready()).toBe(true);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
    const rows = db.prepare("SELECT key FROM cache_entries WHERE key LIKE 'routing-embeddings-%'").all();
    expect(rows).toHaveLength(1);
    // A restart finds them in the database: nothing is embedded again.
    const before = embedded;
    expect(before).toBe(2);
    expect(await make().ready()).toBe(true);
    expect(embedded).toBe(before);
    db.close();
  });
});
