import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { fixturePath } from '../../../test/fixtures.js';
import { createEngineClient, type EngineClient } from '../engine/createEngineClient.js';
import { forkWorker } from '../engine/forkWorker.js';
import { openDatabase } from '../store/openDatabase.js';
import { createDocuments, type Documents } from './createDocuments.js';

// The generated tiny model has random weights: its vectors mean nothing, but they prove the path
// from the documents service through the engine's embedding context into sqlite-vec and back.
describe('documents with the engine embedding chunks', () => {
  let engine: EngineClient;
  let db: Database;
  let docs: Documents;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-docs-model-'));
    engine = createEngineClient({ spawnWorker: forkWorker, settings: { ...DEFAULT_SETTINGS.engine, threads: 1 }, env: { HEARTH_ENGINE_GPU: 'off' } });
    db = openDatabase(path.join(dir, 'hearth.db'));
    const ref = { modelId: 'tiny-embed', modelPath: fixturePath('tiny') };
    docs = createDocuments({ db, watch: false, emit: () => {}, embed: (texts) => engine.embed(ref, texts) });
  });
  afterAll(async () => {
    await docs.dispose();
    db.close();
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores one vector per chunk and fuses vector neighbours into the ranking', async () => {
    const folder = path.join(dir, 'notes');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a.md'), '# Boats\n\nThe ferry leaves at noon.\n\n## Tickets\n\nBuy tickets at the pier.\n');
    fs.writeFileSync(path.join(folder, 'b.txt'), 'Trains run every hour.\n');
    const { id } = await docs.create('Travel');
    const summary = await docs.addPaths(id, [folder]);
    expect(summary.added).toBe(2);
    const chunks = (db.prepare('SELECT count(*) AS n FROM doc_chunks').get() as { n: number }).n;
    const dims = (db.prepare('SELECT DISTINCT vec_dims AS d FROM doc_chunks').all() as { d: number | null }[]).map((r) => r.d);
    expect(dims).toHaveLength(1);
    expect(dims[0]).toBeGreaterThan(0);
    expect(db.prepare(`SELECT count(*) AS n FROM doc_vec_${dims[0]}`).get()).toEqual({ n: chunks });
    // No word of this query is in any file: only the vector side can answer, and every chunk is a neighbour.
    const hits = await docs.search('zeppelin', { limit: 10 });
    expect(hits).toHaveLength(chunks);
    expect(hits.every((h) => h.score > 0 && h.score <= 1 / 61)).toBe(true);
    // A lexical match is ranked by both lists, so it leads.
    expect((await docs.search('ferry'))[0]?.text).toBe('The ferry leaves at noon.');
  });
});
