import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HearthError } from '../../contract/errors.js';
import { openDatabase } from '../store/openDatabase.js';
import { createDocuments, type Documents } from './createDocuments.js';
import { RERANK_HEAD, rerankText, type RerankFn } from './searchDocuments.js';

let dir: string;
let db: Database;
let docs: Documents | null;
let logged: string[];

async function indexed(rerank: RerankFn, files = 25): Promise<{ docs: Documents; collectionId: string }> {
  const folder = path.join(dir, 'notes');
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < files; i++) fs.writeFileSync(path.join(folder, `n${String(i).padStart(2, '0')}.txt`), `Note ${i} about the ferry${' ferry'.repeat(i % 5)}.\n`);
  docs = createDocuments({ db, emit: () => {}, watch: false, rerank, log: (m) => logged.push(m) });
  const { id } = await docs.create('Notes');
  await docs.addPaths(id, [folder]);
  return { docs, collectionId: id };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-rerank-'));
  db = openDatabase(path.join(dir, 'hearth.db'));
  docs = null;
  logged = [];
});
afterEach(async () => {
  await docs?.dispose();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('search with a reranker', () => {
  it('reorders the first RERANK_HEAD hits by its scores; the rest follow in their order with score 0', async () => {
    const asked: string[][] = [];
    // Scores the reverse of the order it was given: the last of the head comes first.
    const { docs: d, collectionId } = await indexed(async (_q, texts) => (asked.push(texts), texts.map((_, i) => i / texts.length)));
    const plain = await createDocuments({ db, emit: () => {}, watch: false }).search('ferry', { collectionIds: [collectionId], limit: 25 });
    const hits = await d.search('ferry', { collectionIds: [collectionId], limit: 25 });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual(plain.slice(0, RERANK_HEAD).map(rerankText));
    expect(hits.slice(0, RERANK_HEAD).map((h) => h.chunkId)).toEqual(plain.slice(0, RERANK_HEAD).map((h) => h.chunkId).reverse());
    expect(hits.slice(RERANK_HEAD).map((h) => h.chunkId)).toEqual(plain.slice(RERANK_HEAD).map((h) => h.chunkId));
    expect(hits.slice(RERANK_HEAD).every((h) => h.score === 0)).toBe(true);
  });

  it('keeps its own order, and logs why, when the reranker fails', async () => {
    const { docs: d, collectionId } = await indexed(async () => {
      throw new HearthError('MODEL_LOAD_FAILED', 'the reranker file is damaged');
    });
    const hits = await d.search('ferry', { collectionIds: [collectionId], limit: 5 });
    expect(hits).toHaveLength(5);
    expect(logged).toEqual(['reranking failed, results keep their search order: the reranker file is damaged']);
  });

  it('fails with ABORTED, not a fallback, when the question is stopped while the reranker reads', async () => {
    const { docs: d, collectionId } = await indexed(
      (_q, _texts, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new HearthError('ABORTED', 'Reranking was cancelled.')))),
    );
    const controller = new AbortController();
    const pending = d.retrieve('ferry', { collectionIds: [collectionId], budgetTokens: 1000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(logged).toEqual([]);
  });
});
