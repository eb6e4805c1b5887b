import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocHit } from '../../contract/documents.js';
import type { RerankMode } from '../../contract/index.js';
import { ensureFixtureModels, fixturePath } from '../../../test/fixtures.js';
import { tempServices } from '../../../test/tempServices.js';
import { rerankText } from './searchDocuments.js';

type S = Awaited<ReturnType<typeof tempServices>>;
const ctx = { signal: new AbortController().signal } as never;

// Real services, the real engine, and the reranker fixture (a Qwen3-Reranker layout with random weights):
// its scores mean nothing, so the tests check that search and the chat turn follow exactly the scores the
// engine gives, that a reranker is never taken for a chat model, and that a failing one costs only the reordering.
describe('documents reranked by an installed reranker', () => {
  let s: S;
  let tiny: string;
  let reranker: string;
  let collectionId: string;
  const query = 'When does the ferry leave the harbour?';

  beforeAll(async () => {
    await ensureFixtureModels(['reranker']);
    s = await tempServices({ persistIntervalMs: 20 });
    tiny = (await s.models.add(fixturePath('tiny'), { mode: 'link' })).id;
    reranker = (await s.models.add(fixturePath('reranker'), { mode: 'link' })).id;
    const folder = path.join(s.dataDir, 'harbour');
    fs.mkdirSync(folder);
    const lines = [
      'The morning ferry leaves the harbour at seven.',
      'Ferry tickets are sold at the kiosk by the harbour gate.',
      'The harbour master posts the ferry timetable on the office door.',
      'In winter the last ferry leaves before dark.',
      'Bicycles ride free on the ferry.',
      'The harbour cafe opens when the first ferry arrives.',
      'A ferry to the island takes forty minutes.',
      'Storms can keep every ferry in the harbour.',
    ];
    lines.forEach((line, i) => fs.writeFileSync(path.join(folder, `note-${i}.txt`), `${line}\n`));
    const created = await s.documents.create('Harbour');
    await s.documents.addPaths(created.id, [folder]);
    collectionId = created.id;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  async function searchWith(rerank: RerankMode): Promise<DocHit[]> {
    s.store.updateSettings({ documents: { rerank } });
    return s.handlers['documents.search']({ query, collectionIds: [collectionId], limit: 10 }, ctx) as Promise<DocHit[]>;
  }

  it('is read as a reranker, found by search, and never offered for chats', async () => {
    expect(s.models.get(reranker).role).toBe('reranker');
    expect(s.models.get(tiny).role).toBe('chat');
    // The tests run the engine on the CPU: automatic reranking stays off there.
    expect(await s.handlers['documents.searchMode']({}, ctx)).toEqual({ embeddingModelId: null, rerankerModelId: reranker, rerank: 'auto', reranking: false });
    s.store.updateSettings({ documents: { rerank: 'on' } });
    expect(await s.handlers['documents.searchMode']({}, ctx)).toEqual({ embeddingModelId: null, rerankerModelId: reranker, rerank: 'on', reranking: true });
    const r = await s.chat.turn({ newChat: { collectionIds: [collectionId], sampling: { maxTokens: 3, seed: 1 } }, action: { type: 'send', text: query } });
    expect((await s.chat.whenDone(r.reply.id)).modelId).toBe(tiny);
  });

  it('orders the head by the engine’s scores when on; off, or automatic on a CPU, search keeps its keyword order', async () => {
    const keyword = await searchWith('off');
    expect(keyword.length).toBe(8);
    expect(await s.handlers['documents.searchMode']({}, ctx)).toMatchObject({ rerankerModelId: reranker, rerank: 'off', reranking: false });
    expect(await searchWith('auto')).toEqual(keyword);
    const reranked = await searchWith('on');
    const scores = await s.engine.rank({ modelId: reranker, modelPath: fixturePath('reranker') }, query, keyword.map(rerankText));
    const expected = keyword.map((h, i) => ({ chunkId: h.chunkId, score: scores[i]! })).sort((a, b) => b.score - a.score);
    expect(reranked.map((h) => ({ chunkId: h.chunkId, score: h.score }))).toEqual(expected);
    expect(reranked.map((h) => h.chunkId)).not.toEqual(keyword.map((h) => h.chunkId));
  });

  it('gives a chat turn the best excerpts in the reranked order, as many as its budget holds', async () => {
    const reranked = await searchWith('on');
    const r = await s.chat.turn({ modelId: tiny, newChat: { collectionIds: [collectionId], sampling: { maxTokens: 3, seed: 1 } }, action: { type: 'send', text: query } });
    const reply = await s.chat.whenDone(r.reply.id);
    const sources = reply.sources!.map((x) => x.text);
    expect(sources.length).toBeGreaterThan(1);
    expect(sources).toEqual(reranked.slice(0, sources.length).map((h) => h.text));
  });

  it('keeps the keyword order when the reranker fails, and stops using one marked broken', async () => {
    const keyword = await searchWith('off');
    // A second reranker whose file disappears: the engine cannot load it, search still answers.
    const copy = path.join(s.dataDir, 'vanishing-reranker.gguf');
    fs.copyFileSync(fixturePath('reranker'), copy);
    const vanishing = (await s.models.add(copy, { mode: 'link' })).id;
    s.models.markBroken(reranker, 'test: pretend its load crashed the engine');
    expect(await s.handlers['documents.searchMode']({}, ctx)).toMatchObject({ rerankerModelId: vanishing });
    fs.rmSync(copy);
    expect((await searchWith('on')).map((h) => h.chunkId)).toEqual(keyword.map((h) => h.chunkId));
    await s.models.remove(vanishing);
    expect(await s.handlers['documents.searchMode']({}, ctx)).toMatchObject({ rerankerModelId: null, reranking: false });
    expect((await searchWith('on')).map((h) => h.chunkId)).toEqual(keyword.map((h) => h.chunkId));
  });
});
