import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocProgress } from '../../contract/documents.js';
import { clearUserTables } from '../privacy/clearUserTables.js';
import { openDatabase } from '../store/openDatabase.js';
import { createDocuments, type Documents, type DocumentsDeps } from './createDocuments.js';

let dir: string;
let docs: string;
let db: Database;
let services: Documents[];
let progress: DocProgress[];
let onProgress: ((p: DocProgress) => void) | null;

function make(extra: Partial<DocumentsDeps> = {}): Documents {
  const service = createDocuments({
    db,
    emit: (event, payload) => {
      if (event !== 'documents.progress') return;
      progress.push(payload as DocProgress);
      onProgress?.(payload as DocProgress);
    },
    watch: false,
    debounceMs: 50,
    ...extra,
  });
  services.push(service);
  return service;
}

function write(rel: string, text: string): string {
  const file = path.join(docs, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function until(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const paths = (rows: { path: string }[]): string[] => rows.map((r) => path.relative(docs, r.path)).sort();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-docs-'));
  docs = path.join(dir, 'docs');
  fs.mkdirSync(docs);
  db = openDatabase(path.join(dir, 'hearth.db'));
  services = [];
  progress = [];
  onProgress = null;
});

afterEach(async () => {
  for (const s of services) await s.dispose();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createDocuments', () => {
  it('indexes a folder, lists skipped files with reasons, and searches with sources', async () => {
    write('guide.md', '# Backups\n\nCopy the vault nightly to the external drive.\n\n## Restore\n\nStop the server, then unpack the newest archive.\n');
    write('notes/todo.txt', 'Buy milk.\n\nCall the plumber about the leaking radiator.\n');
    write('bad.json', '{"broken": ');
    write('huge.txt', 'x'.repeat(5000));
    write('skip.png', 'not listed at all');
    write('.hidden/secret.md', 'hidden words radiator');
    const service = make({ maxFileBytes: 4000 });
    const created = await service.create('Home');
    const summary = await service.addPaths(created.id, [docs]);
    expect(summary).toMatchObject({ added: 2, removed: 0, renamed: 0, cancelled: false });
    expect(summary.skipped.map((s) => [path.basename(s.path), s.reason.split(' (')[0]])).toEqual(
      expect.arrayContaining([
        ['bad.json', 'malformed JSON'],
        ['huge.txt', 'too large'],
      ]),
    );
    expect(summary.skipped).toHaveLength(2);
    const sources = service.sources(created.id);
    expect(paths(sources)).toEqual(['bad.json', 'guide.md', 'huge.txt', 'notes/todo.txt']);
    expect(sources.find((s) => s.path.endsWith('huge.txt'))).toMatchObject({ status: 'skipped', skipReason: 'too large (0.0 MB; the limit is 0.0 MB)' });

    const hits = await service.search('how do I restore from an archive?');
    expect(hits[0]).toMatchObject({ path: path.join(docs, 'guide.md'), heading: 'Backups > Restore', lines: [7, 7], collectionId: created.id });
    expect(path.isAbsolute(hits[0]!.path)).toBe(true);
    expect(hits[0]!.text).toBe('Stop the server, then unpack the newest archive.');
    // Stemming: "leaks" finds "leaking".
    expect((await service.search('radiator leaks'))[0]?.path).toBe(path.join(docs, 'notes/todo.txt'));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', indexed: 2, skipped: 2, currentFile: null });
    expect(service.list()[0]).toMatchObject({ name: 'Home', indexedFiles: 2, skippedFiles: 2 });
  });

  it('re-syncs after changes made while stopped: add, change, rename (not re-read), delete', async () => {
    write('a.md', '# Alpha\n\nThe aardvark eats ants.\n');
    write('b.md', '# Beta\n\nThe badger digs burrows.\n');
    write('c.md', '# Gamma\n\nThe camel stores fat.\n');
    const first = make();
    const { id } = await first.create('Zoo');
    await first.addPaths(id, [docs]);
    const before = first.sources(id);
    await first.dispose();

    fs.renameSync(path.join(docs, 'a.md'), path.join(docs, 'renamed.md'));
    write('b.md', '# Beta\n\nThe badger now sleeps all winter.\n');
    fs.rmSync(path.join(docs, 'c.md'));
    write('d.md', '# Delta\n\nThe dolphin whistles.\n');

    const second = make();
    const [summary] = await second.start();
    expect(summary).toMatchObject({ added: 1, updated: 1, renamed: 1, removed: 1, unchanged: 0 });
    const after = second.sources(id);
    expect(paths(after)).toEqual(['b.md', 'd.md', 'renamed.md']);
    // The renamed file kept its row (and chunks): it was moved, not read again.
    expect(after.find((s) => s.path.endsWith('renamed.md'))!.id).toBe(before.find((s) => s.path.endsWith('a.md'))!.id);
    expect((await second.search('aardvark'))[0]?.path).toBe(path.join(docs, 'renamed.md'));
    expect(await second.search('camel')).toEqual([]);
    expect(await second.search('badger burrows')).toHaveLength(1);
    expect((await second.search('winter'))[0]?.path).toBe(path.join(docs, 'b.md'));
    const [again] = await second.sync();
    expect(again).toMatchObject({ added: 0, updated: 0, renamed: 0, removed: 0, unchanged: 3 });
  });

  it('watches folders while running: add, change, rename, delete', async () => {
    write('one.md', '# One\n\nPelicans fly low.\n');
    const service = make({ watch: true });
    const { id } = await service.create('Birds', [docs]);
    await service.start();
    const found = async (q: string): Promise<string[]> => (await service.search(q)).map((h) => path.basename(h.path));
    await until(async () => (await found('pelicans')).includes('one.md'));

    write('two.md', '# Two\n\nPuffins dive deep.\n');
    await until(async () => (await found('puffins')).includes('two.md'));
    write('one.md', '# One\n\nPelicans now swim.\n');
    await until(async () => (await found('swim')).includes('one.md'));
    const idBefore = service.sources(id).find((s) => s.path.endsWith('two.md'))!.id;
    fs.renameSync(path.join(docs, 'two.md'), path.join(docs, 'three.md'));
    await until(async () => (await found('puffins')).join() === 'three.md');
    expect(service.sources(id).find((s) => s.path.endsWith('three.md'))!.id).toBe(idBefore);
    fs.rmSync(path.join(docs, 'one.md'));
    await until(async () => (await found('pelicans')).length === 0);
    expect(paths(service.sources(id))).toEqual(['three.md']);
  });

  it('fuses lexical and vector rankings when an embedding function answers, and removes vectors with the collection', async () => {
    write('cats.md', '# Cats\n\nFelines purr when content.\n');
    write('dogs.md', '# Dogs\n\nCanines bark at strangers.\n');
    write('fish.md', '# Fish\n\nAquariums need filters.\n');
    // A fake embedding: one axis per topic word, so "kitten" is near the cat file though no word matches.
    const axes = ['purr', 'bark', 'filter'];
    const embedCalls: string[][] = [];
    const embed = (texts: string[]): Promise<number[][]> => {
      embedCalls.push(texts);
      return Promise.resolve(texts.map((t) => axes.map((a) => (t.toLowerCase().includes(a) || (a === 'purr' && /kitten/.test(t)) ? 1 : 0.01))));
    };
    const service = make({ embed });
    const { id } = await service.create('Pets');
    await service.addPaths(id, [docs]);
    expect(db.prepare('SELECT count(*) AS n FROM doc_vec_3').get()).toEqual({ n: 3 });
    expect(await make().search('kitten')).toEqual([]); // lexical alone cannot find it
    const hybrid = await service.search('kitten');
    expect(path.basename(hybrid[0]!.path)).toBe('cats.md');
    // Both lists agree on dogs.md: it must beat files only one list ranks.
    const both = await service.search('canines bark');
    expect(path.basename(both[0]!.path)).toBe('dogs.md');
    expect(both[0]!.score).toBeCloseTo(2 / 61, 6);
    service.remove(id);
    expect(db.prepare('SELECT count(*) AS n FROM doc_vec_3').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM doc_chunks').get()).toEqual({ n: 0 });
    expect(service.list()).toEqual([]);
  });

  it('is emptied by delete-all: collections, chunks, the lexical index and vectors', async () => {
    write('a.md', '# A\n\nLemurs leap.\n');
    const service = make({ embed: (texts) => Promise.resolve(texts.map(() => [1, 0])) });
    const { id } = await service.create('All');
    await service.addPaths(id, [docs]);
    expect(db.prepare('SELECT count(*) AS n FROM doc_vec_2').get()).toEqual({ n: 1 });
    expect(clearUserTables(db as never, { includeModels: false })).toEqual([]);
    for (const table of ['doc_collections', 'doc_sources', 'doc_chunks', 'doc_vec_2']) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT count(*) AS n FROM doc_chunks_fts WHERE doc_chunks_fts MATCH 'lemurs'`).get()).toEqual({ n: 0 });
    expect(service.list()).toEqual([]);
  });

  it('leaves no word of a removed collection in the database files, and keeps the others searchable', async () => {
    write('gone/secret.md', `# Notes\n\n${'The zebracorn protocol is private. '.repeat(40)}\n`);
    write('kept/public.md', '# Public\n\nOrdinary garden notes about tomatoes.\n');
    const service = make();
    const gone = await service.create('Gone');
    await service.addPaths(gone.id, [path.join(docs, 'gone')]);
    const kept = await service.create('Kept');
    await service.addPaths(kept.id, [path.join(docs, 'kept')]);
    expect((await service.search('zebracorn')).length).toBeGreaterThan(0);
    service.remove(gone.id);
    const file = path.join(dir, 'hearth.db');
    for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes('zebracorn'), f).toBe(false);
    expect(await service.search('zebracorn')).toEqual([]);
    expect((await service.search('tomatoes')).map((h) => path.basename(h.path))).toEqual(['public.md']);
  });

  it('retrieves the best excerpts that fit a token budget, filtered by collection', async () => {
    write('x/long.md', `# Long\n\n${'Tomatoes need sun. '.repeat(60)}\n\n## More\n\nTomatoes again briefly.\n`);
    write('y/other.md', '# Other\n\nTomatoes in another collection.\n');
    const service = make();
    const x = await service.create('X');
    const y = await service.create('Y');
    await service.addPaths(x.id, [path.join(docs, 'x')]);
    await service.addPaths(y.id, [path.join(docs, 'y')]);
    const all = await service.retrieve('tomatoes', { collectionIds: [x.id], budgetTokens: 50 });
    expect(all.every((h) => h.collectionId === x.id)).toBe(true);
    expect(all.reduce((n, h) => n + h.tokens, 0)).toBeLessThanOrEqual(50);
    expect(all.map((h) => h.heading)).toEqual(['Long > More']);
    expect((await service.search('tomatoes', { collectionIds: [y.id] })).map((h) => path.basename(h.path))).toEqual(['other.md']);
  });

  it('skips a file whose reader runs past its time limit and keeps indexing the rest', async () => {
    write('a.md', '# A\n\nQuokkas smile.\n');
    write('b.md', '# B\n\nWombats dig.\n');
    const slowWorker = path.join(dir, 'slowWorker.mjs');
    // Hangs on a.md and answers the rest like a reader would.
    fs.writeFileSync(
      slowWorker,
      `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (r) => { if (r.file.endsWith('a.md')) { for (;;) {} }
         parentPort.postMessage({ id: r.id, ok: true, title: null, textBytes: 5, chunks: [{ text: 'Wombats dig.', heading: null, page: null, lineFrom: 3, lineTo: 3, tokens: 3 }] }); });`,
    );
    const service = make({ reader: { timeoutMs: 800, workerFile: slowWorker } });
    const { id } = await service.create('Slow');
    const summary = await service.addPaths(id, [docs]);
    expect(summary.skipped).toEqual([{ path: path.join(docs, 'a.md'), reason: 'took longer than 1 s to read' }]);
    expect(summary.added).toBe(1);
    expect((await service.search('wombats'))[0]?.path).toBe(path.join(docs, 'b.md'));
  });

  it('removes one path, refuses unknown names and paths with a way out, and cancels', async () => {
    write('keep.md', '# Keep\n\nOtters hold hands.\n');
    write('drop/gone.md', '# Gone\n\nSeals sing.\n');
    const service = make();
    const { id } = await service.create('Sea');
    await service.addPaths(id, [docs]);
    expect(service.removePath(path.join(docs, 'drop'))).toBe(1);
    expect(paths(service.sources(id))).toEqual(['keep.md']);
    expect(() => service.find('nope')).toThrow(/no document collection "nope" \(collections: "Sea"\)/);
    await expect(service.addPaths(id, [path.join(dir, 'missing')])).rejects.toThrow(/does not exist/);
    await expect(service.create('sea')).rejects.toThrow(/exists already/);
    for (let i = 0; i < 30; i++) write(`many/f${i}.md`, `# F${i}\n\nWord${i}.\n`);
    const controller = new AbortController();
    // Cancel as the first file of the folder is being indexed.
    onProgress = (p) => p.phase === 'indexing' && controller.abort();
    const summary = await service.addPaths(id, [path.join(docs, 'many')], controller.signal);
    expect(summary.cancelled).toBe(true);
    expect(summary.added).toBeLessThan(30);
    expect(progress.at(-1)?.phase).toBe('cancelled');
  });
});
