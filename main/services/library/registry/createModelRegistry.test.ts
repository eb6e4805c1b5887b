import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gguf } from '../../../../scripts/fixtures/encodeGgufHeader.js';
import { minimalGguf } from '../../../../scripts/fixtures/minimalGguf.js';
import { HearthError } from '../../../contract/index.js';
import { modelCandidates } from '../../routing/selectModel.js';
import { createStore } from '../../store/createStore.js';
import { tempStore } from '../../store/tempStore.js';
import { createCacheService } from '../cache/createCacheService.js';
import { createModelRegistry } from './createModelRegistry.js';

const engine = {
  estimate: async () => null as never,
  status: async () => ({ loaded: [] }) as never,
  unload: async () => false,
};

let t: ReturnType<typeof tempStore>;
let dir: string;
beforeEach(() => {
  t = tempStore();
  dir = path.dirname(t.file);
});
afterEach(() => t.cleanup());

function setup() {
  const models = createModelRegistry({ store: t.store, modelsDir: path.join(dir, 'models'), engine });
  const cache = createCacheService({ models, store: t.store, modelsDir: path.join(dir, 'models'), roots: { lmStudio: [], jan: [], ollama: [] } as never, freeSpace: async () => 1e12 });
  return { models, cache };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof HearthError ? `${error.code}: ${error.message}` : String(error);
  }
}

describe('a model whose load crashed the engine', () => {
  it('is marked broken with the reason, refused for chats and not offered, until verify passes', async () => {
    const { models, cache } = setup();
    const file = path.join(dir, 'crashy.gguf');
    fs.writeFileSync(file, minimalGguf());
    const record = await models.add(file, { mode: 'link' });
    expect(record.broken).toBeNull();
    await expect(models.resolve(record.id)).resolves.toMatchObject({ id: record.id });

    const marked = models.markBroken(record.id, 'ENGINE_CRASHED:\n the engine process exited (SIGABRT)');
    expect(marked.broken).toBe('ENGINE_CRASHED: the engine process exited (SIGABRT)');
    expect(models.get(record.id).broken).toBe(marked.broken); // stored, not only returned
    const refused = await codeOf(models.resolve(record.id));
    expect(refused).toMatch(/^MODEL_BROKEN: Model crashy crashed the engine .*SIGABRT.*hearth models verify crashy/);
    expect(await codeOf(models.resolve(file))).toMatch(/^MODEL_BROKEN/); // by path too
    const offered = modelCandidates({ profile: { name: 'p', models: { fast: [], standard: [] } }, tier: 'fast', installed: models.list(), requested: record.id });
    expect(offered).toEqual([]);

    // Re-adding or re-recording the file does not wipe the mark: only verify does.
    t.store.upsertModel({ ...models.get(record.id), name: 'renamed' });
    expect(models.get(record.id).broken).not.toBeNull();
    const result = await cache.verify(record.id);
    expect(result.ok).toBe(true);
    expect(models.get(record.id).broken).toBeNull();
    await expect(models.resolve(record.id)).resolves.toMatchObject({ id: record.id });
  });

  it('stays broken when the file no longer passes the header checks at verify', async () => {
    const { models, cache } = setup();
    const file = path.join(dir, 'zero-heads.gguf');
    fs.writeFileSync(file, minimalGguf());
    const record = await models.add(file, { mode: 'link' });
    models.markBroken(record.id, 'crashed');
    // Same size, other bytes: the header now says zero heads (as if a newer check refused it).
    const bad = minimalGguf({ set: { 'llama.attention.head_count': gguf.u32(0), 'llama.attention.head_count_kv': gguf.u32(0) } });
    expect(bad.length).toBe(fs.statSync(file).size);
    fs.writeFileSync(file, bad);
    expect(await codeOf(cache.verify(record.id))).toMatch(/^MODEL_INVALID: .*head_count is 0/);
    expect(models.get(record.id).broken).toBe('crashed');
  });

  it('says MODEL_NOT_FOUND when marking a model that is not installed', () => {
    const { models } = setup();
    expect(() => models.markBroken('nope', 'x')).toThrow(/nope/);
  });

  it('leaves a database that reached a later version before migration 0100 existed able to open (only marking fails)', async () => {
    const { models } = setup();
    const file = path.join(dir, 'old.gguf');
    fs.writeFileSync(file, minimalGguf());
    const record = await models.add(file, { mode: 'link' });
    t.db.exec('ALTER TABLE models DROP COLUMN broken_reason');
    const again = createStore({ db: t.db });
    expect(again.getModel(record.id).broken).toBeNull();
    expect(() => again.setModelBroken(record.id, 'x')).toThrow(/broken_reason/);
  });
});

describe('what each model is for', () => {
  it('is read from the file when it is added: a reranker or embedding model is never offered for chats', async () => {
    const { models } = setup();
    const write = (name: string, set: Record<string, ReturnType<typeof gguf.u32> | null> = {}) => {
      const file = path.join(dir, `${name}.gguf`);
      fs.writeFileSync(file, minimalGguf({ set }));
      return file;
    };
    const chat = await models.add(write('chatty'), { mode: 'link' });
    const reranker = await models.add(write('ranky', { 'llama.pooling_type': gguf.u32(4) }), { mode: 'link' });
    const embedder = await models.add(write('vectory', { 'llama.pooling_type': gguf.u32(3) }), { mode: 'link' });
    expect([chat.role, reranker.role, embedder.role]).toEqual(['chat', 'reranker', 'embedding']);
    const profile = { name: 'General', models: { fast: [], standard: [] } };
    expect(modelCandidates({ profile, tier: 'fast', installed: models.list() }).map((c) => c.modelId)).toEqual([chat.id]);
  });

  it('is read once for models recorded before roles were stored; a missing file keeps the guess from its architecture', async () => {
    const { models } = setup();
    const file = path.join(dir, 'old-reranker.gguf');
    fs.writeFileSync(file, minimalGguf({ set: { 'llama.pooling_type': gguf.u32(4) } }));
    const insert = t.db.prepare(
      `INSERT INTO models (id, name, path, source, size_bytes, architecture, quantization, context_length, has_chat_template, added_at)
       VALUES (?, ?, ?, 'link', 1, ?, 'Q8_0', 512, 1, 0)`,
    );
    insert.run('old-reranker', 'Old reranker', file, 'llama');
    insert.run('gone', 'Gone', path.join(dir, 'gone.gguf'), 'llama');
    insert.run('old-bert', 'Old bert', path.join(dir, 'gone-too.gguf'), 'bert');
    // Until the files are read, the architecture decides.
    expect(models.list().map((m) => [m.id, m.role])).toEqual([
      ['gone', 'chat'],
      ['old-bert', 'embedding'],
      ['old-reranker', 'chat'],
    ]);
    expect(await models.checkRoles()).toBe(1);
    expect(models.get('old-reranker').role).toBe('reranker');
    expect(t.store.modelsWithoutRole().map((m) => m.id)).toEqual(['gone', 'old-bert']);
    // Nothing left to read changes nothing.
    expect(await models.checkRoles()).toBe(0);
  });
});
