import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../store/openDatabase.js';
import { createDocuments, type Documents } from './createDocuments.js';
import { createTermShares } from './createTermShares.js';
import { createVectorIndex } from './createVectorIndex.js';
import { createSearch, keepRareTerms } from './searchDocuments.js';

describe('common words in document search', () => {
  let dir: string;
  let db: Database;
  let docs: Documents;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-terms-'));
    db = openDatabase(path.join(dir, 'hearth.db'));
    docs = createDocuments({ db, watch: false, emit: () => {} });
    const folder = path.join(dir, 'notes');
    fs.mkdirSync(folder);
    // Ten files: every one says "string", one says "sanitize"; "windows" in two.
    for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(folder, `f${i}.txt`), `Each string ${i} is plain.${i < 2 ? ' It runs on Windows.' : ''}${i === 7 ? ' Sanitize the file name.' : ''}\n`);
    const { id } = await docs.create('Notes');
    await docs.addPaths(id, [folder]);
  });
  afterEach(async () => {
    await docs.dispose();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads each word\'s share of chunks from the index, stemmed as the chunks were', () => {
    const shares = createTermShares(db);
    // "strings" and "sanitizing" stem to the indexed forms; a phrase counts as its rarest word; an unknown word is 0.
    expect(shares.of(['strings', 'windows', 'sanitizing', 'zeppelin', 'file_name'])).toEqual([1, 0.2, 0.1, 0, 0.1]);
    expect(shares.of([])).toEqual([]);
  });

  it('drops words most chunks hold, unless nothing rarer is left', () => {
    expect(keepRareTerms(['string', 'sanitize'], [1, 0.1], 0.2)).toEqual(['sanitize']);
    expect(keepRareTerms(['string', 'plain'], [1, 1], 0.2)).toEqual(['string', 'plain']);
    // A word no chunk holds does not make the common one go: "badger burrows" after burrows left the files.
    expect(keepRareTerms(['badger', 'burrows'], [0.5, 0], 0.2)).toEqual(['badger', 'burrows']);
  });

  it('ranks the same top hit with and without the common word, scoring fewer chunks', async () => {
    const search = createSearch({ db, vectors: createVectorIndex(db), embed: null, commonTermsFromChunks: 1 });
    const pruned = await search.search('sanitize a string', { limit: 50 });
    const every = await createSearch({ db, vectors: createVectorIndex(db), embed: null, commonTermShare: 1 }).search('sanitize a string', { limit: 50 });
    expect(pruned.map((h) => path.basename(h.path))).toEqual(['f7.txt']);
    expect(every).toHaveLength(10);
    expect(path.basename(every[0]!.path)).toBe('f7.txt');
    // Only common words: all are searched.
    expect(await search.search('plain string', { limit: 50 })).toHaveLength(10);
    // A small index (under COMMON_TERMS_FROM_CHUNKS) is ranked on every word.
    expect(await createSearch({ db, vectors: createVectorIndex(db), embed: null }).search('sanitize a string', { limit: 50 })).toHaveLength(10);
  });
});
