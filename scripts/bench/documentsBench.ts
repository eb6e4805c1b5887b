/**
 * The `documents` part of `npm run bench`: retrieval quality on a labelled dev
 * set (models/documents/dev.jsonl: questions with the files that answer them,
 * over the READMEs installed in node_modules, written without looking at what
 * the search returns), indexing throughput, search latency over >= 10,000
 * chunks, and database growth per MB of text. Everything on real files that
 * nobody here wrote; nothing is copied into the repository.
 * Alone: `npx tsx scripts/bench/documentsBench.ts [--reps N] [--json]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createDocuments, type Documents } from '../../main/services/documents/createDocuments.js';
import { docsQuery } from '../../main/services/documents/docsQuery.js';
import { createVectorIndex } from '../../main/services/documents/createVectorIndex.js';
import { BM25_WEIGHTS, COMMON_TERM_SHARE, createSearch, RERANK_HEAD } from '../../main/services/documents/searchDocuments.js';
import { openDatabase } from '../../main/services/store/openDatabase.js';
import { fmt, percentile } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEV_SET = path.join(ROOT, 'models/documents/dev.jsonl');
const MIN_LATENCY_CHUNKS = 10_000;

interface Question {
  question: string;
  files: string[];
}

export interface Quality {
  name: string;
  /** Share of questions with an answering file among the first 5 distinct files. */
  recallAt5: number;
  /** Mean of 1 / rank of the first answering file (0 when not in the first 50). */
  mrr: number;
  /** Share of questions with an answering file among the first RERANK_HEAD excerpts: all a reranker can bring forward. */
  recallInHead: number;
}

export interface DocumentsBenchResult {
  questions: number;
  corpus: { files: number; indexed: number; skipped: number; fileMB: number; textMB: number; chunks: number };
  indexing: { seconds: number; mbPerSecond: number; filesPerSecond: number };
  dbGrowthMBPerTextMB: number;
  quality: Quality[];
  hybrid: string;
  /** Wall-clock times; cpu*: the process's CPU time per query, which other work on the machine inflates far less. */
  latency: { chunks: number; files: number; queries: number; p50Ms: number; p95Ms: number; maxMs: number; cpuP50Ms: number; cpuP95Ms: number; indexSeconds: number; indexMBPerSecond: number; indexFilesPerSecond: number };
  /** The same queries, interleaved, with every word of the question kept (commonTermShare 1): what dropping the common ones saves. */
  latencyEveryWord: { p50Ms: number; p95Ms: number; maxMs: number; cpuP50Ms: number; cpuP95Ms: number };
  /** The load average when the latency part started: above the core count, other work shares the cores and inflates wall times. */
  loadAverage: number;
}

/** Every package's README in node_modules (top-level and scoped), sorted: the quality corpus. */
export function readmeCorpus(): string[] {
  const nm = path.join(ROOT, 'node_modules');
  const dirs = fs.readdirSync(nm).flatMap((d) => (d.startsWith('@') ? fs.readdirSync(path.join(nm, d)).map((s) => path.join(nm, d, s)) : [path.join(nm, d)]));
  return dirs
    .flatMap((d) => {
      const readme = fs.existsSync(d) && fs.statSync(d).isDirectory() ? fs.readdirSync(d).find((f) => f.toLowerCase() === 'readme.md') : undefined;
      return readme ? [path.join(d, readme)] : [];
    })
    .sort();
}

/** Markdown and TypeScript declarations anywhere in node_modules, sorted, until the index passes the chunk target: the latency corpus. */
function largeCorpus(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && (/\.md$/i.test(e.name) || e.name.endsWith('.d.ts'))) out.push(full);
    }
  };
  walk(path.join(ROOT, 'node_modules'));
  return out;
}

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

function dbBytes(db: Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return fileSize(file) + fileSize(`${file}-wal`);
}


/** `rank` gives the file of each excerpt, best first. */
function evaluate(name: string, questions: Question[], rank: (q: string) => string[]): Quality {
  let hits = 0;
  let rr = 0;
  let inHead = 0;
  for (const q of questions) {
    const wanted = new Set(q.files.map((f) => path.join(ROOT, f)));
    const excerpts = rank(q.question);
    const files = [...new Set(excerpts)];
    if (files.slice(0, 5).some((f) => wanted.has(f))) hits++;
    const first = files.findIndex((f) => wanted.has(f));
    if (first >= 0) rr += 1 / (first + 1);
    if (excerpts.slice(0, RERANK_HEAD).some((f) => wanted.has(f))) inHead++;
  }
  return { name, recallAt5: hits / questions.length, mrr: rr / questions.length, recallInHead: inHead / questions.length };
}

export async function indexInto(dir: string, name: string, files: string[], log: (l: string) => void): Promise<{ db: Database; docs: Documents; seconds: number; file: string }> {
  const file = path.join(dir, `${name}.db`);
  const db = openDatabase(file);
  let last = 0;
  const docs = createDocuments({
    db,
    watch: false,
    emit: (event, p) => {
      if (event === 'documents.progress' && 'done' in p && p.done - last >= 200) {
        last = p.done;
        log(`documents: ${name} ${p.done}/${p.total}`);
      }
    },
  });
  const { id } = await docs.create(name);
  const start = performance.now();
  if (files.length) await docs.addPaths(id, files);
  return { db, docs, seconds: (performance.now() - start) / 1000, file };
}

export async function runDocumentsBench(options: { reps?: number; log?: (line: string) => void } = {}): Promise<DocumentsBenchResult> {
  const log = options.log ?? (() => {});
  const reps = options.reps ?? 5;
  const questions = fs.readFileSync(DEV_SET, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Question);
  const missing = questions.flatMap((q) => q.files).filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) throw new Error(`dev set names files that are not installed: ${missing.join(', ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-docs-bench-'));
  try {
    // 1. The README corpus: indexing throughput, growth, quality.
    const files = readmeCorpus();
    log(`documents: indexing ${files.length} READMEs`);
    const emptyDb = openDatabase(path.join(dir, 'empty.db'));
    const baseBytes = dbBytes(emptyDb, path.join(dir, 'empty.db'));
    emptyDb.close();
    const a = await indexInto(dir, 'readmes', files, log);
    const [collection] = a.docs.list();
    const fileBytes = files.reduce((n, f) => n + fileSize(f), 0);
    const growth = (dbBytes(a.db, a.file) - baseBytes) / collection!.textBytes;

    const quality: Quality[] = [];
    const searchRanks = new Map<string, string[]>();
    for (const q of questions) searchRanks.set(q.question, (await a.docs.search(q.question, { limit: 50 })).map((h) => h.path));
    quality.push(evaluate(`hearth lexical: chunks, bm25 weights title/heading/text ${BM25_WEIGHTS.join('/')}, words in over ${COMMON_TERM_SHARE * 100}% of chunks dropped`, questions, (q) => searchRanks.get(q)!));
    const everyWordSearch = createSearch({ db: a.db, vectors: createVectorIndex(a.db), embed: null, commonTermShare: 1 });
    const everyWordRanks = new Map<string, string[]>();
    for (const q of questions) everyWordRanks.set(q.question, (await everyWordSearch.search(q.question, { limit: 50 })).map((h) => h.path));
    quality.push(evaluate(`same, every word of the question kept`, questions, (q) => everyWordRanks.get(q)!));
    // Side by side on the same index: other column weights, and plain BM25 over whole files.
    for (const weights of [
      [1, 1, 1],
      [10, 5, 1],
    ]) {
      const statement = a.db.prepare(`SELECT s.path FROM doc_chunks_fts JOIN doc_chunks c ON c.id = doc_chunks_fts.rowid JOIN doc_sources s ON s.id = c.source_id
        WHERE doc_chunks_fts MATCH ? ORDER BY bm25(doc_chunks_fts, ${weights.join(', ')}, 0) LIMIT 200`);
      quality.push(evaluate(`chunks, bm25 weights ${weights.join('/')}`, questions, (q) => (statement.all(docsQuery(q)) as { path: string }[]).map((r) => r.path)));
    }
    a.db.exec(`CREATE VIRTUAL TABLE whole_files USING fts5 (path UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2')`);
    const insert = a.db.prepare('INSERT INTO whole_files (path, text) VALUES (?, ?)');
    a.db.transaction(() => {
      for (const f of files) insert.run(f, fs.readFileSync(f, 'utf8'));
    })();
    const whole = a.db.prepare('SELECT path FROM whole_files WHERE whole_files MATCH ? ORDER BY bm25(whole_files) LIMIT 50');
    quality.push(evaluate('baseline: plain BM25 over whole files', questions, (q) => (whole.all(docsQuery(q)) as { path: string }[]).map((r) => r.path)));
    await a.docs.dispose();
    a.db.close();

    // 2. Latency over a bigger index (>= 10,000 chunks).
    // Added in steps to one collection (each step indexes only the new files) until the index passes the chunk target.
    const pool = largeCorpus();
    const b = await indexInto(dir, 'large', [], log);
    let take = 0;
    b.seconds = 0;
    while (b.docs.list()[0]!.chunks < MIN_LATENCY_CHUNKS && take < pool.length) {
      const step = pool.slice(take, take + 1000);
      take += step.length;
      const start = performance.now();
      await b.docs.addPaths(b.docs.list()[0]!.id, step);
      b.seconds += (performance.now() - start) / 1000;
    }
    const large = b.docs.list()[0]!;
    const largeBytes = pool.slice(0, take).reduce((n, f) => n + fileSize(f), 0);
    const everyWord = createSearch({ db: b.db, vectors: createVectorIndex(b.db), embed: null, commonTermShare: 1 });
    for (const q of questions.slice(0, 5)) {
      await b.docs.search(q.question, { limit: 10 });
      await everyWord.search(q.question, { limit: 10 });
    }
    // Both sides in turn, query by query, so a busy moment of the machine falls on both alike.
    const times: number[] = [];
    const everyWordTimes: number[] = [];
    const cpu: number[] = [];
    const everyWordCpu: number[] = [];
    const timed = async (run: () => Promise<unknown>, wall: number[], used: number[]): Promise<void> => {
      const c = process.cpuUsage();
      const t = performance.now();
      await run();
      wall.push(performance.now() - t);
      const d = process.cpuUsage(c);
      used.push((d.user + d.system) / 1000);
    };
    const loadAverage = os.loadavg()[0]!;
    for (let r = 0; r < reps; r++) {
      for (const q of questions) {
        await timed(() => b.docs.search(q.question, { limit: 10 }), times, cpu);
        await timed(() => everyWord.search(q.question, { limit: 10 }), everyWordTimes, everyWordCpu);
      }
    }
    for (const list of [times, everyWordTimes, cpu, everyWordCpu]) list.sort((x, y) => x - y);
    await b.docs.dispose();
    b.db.close();

    return {
      questions: questions.length,
      corpus: { files: files.length, indexed: collection!.indexedFiles, skipped: collection!.skippedFiles, fileMB: fileBytes / 2 ** 20, textMB: collection!.textBytes / 2 ** 20, chunks: collection!.chunks },
      indexing: { seconds: a.seconds, mbPerSecond: fileBytes / 2 ** 20 / a.seconds, filesPerSecond: files.length / a.seconds },
      dbGrowthMBPerTextMB: growth,
      quality,
      hybrid: 'not measured: the bench runs without an embedding model (lexical only)',
      latency: {
        chunks: large.chunks,
        files: take,
        queries: times.length,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        maxMs: times.at(-1)!,
        cpuP50Ms: percentile(cpu, 50),
        cpuP95Ms: percentile(cpu, 95),
        indexSeconds: b.seconds,
        indexMBPerSecond: largeBytes / 2 ** 20 / b.seconds,
        indexFilesPerSecond: take / b.seconds,
      },
      latencyEveryWord: {
        p50Ms: percentile(everyWordTimes, 50),
        p95Ms: percentile(everyWordTimes, 95),
        maxMs: everyWordTimes.at(-1)!,
        cpuP50Ms: percentile(everyWordCpu, 50),
        cpuP95Ms: percentile(everyWordCpu, 95),
      },
      loadAverage,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printDocumentsTable(r: DocumentsBenchResult): void {
  console.log(`\ndocuments: retrieval on ${r.questions} dev questions over ${r.corpus.files} READMEs in node_modules (${r.corpus.chunks} chunks); file-level recall@5 and MRR`);
  console.table(r.quality.map((q) => ({ ranking: q.name, 'recall@5': fmt(q.recallAt5, 3), MRR: fmt(q.mrr, 3), [`in first ${RERANK_HEAD} excerpts`]: fmt(q.recallInHead, 3) })));
  console.log(`hybrid: ${r.hybrid}`);
  console.table([
    {
      what: `index ${r.corpus.files} READMEs (${fmt(r.corpus.fileMB, 2)} MB, ${r.corpus.skipped} skipped)`,
      seconds: fmt(r.indexing.seconds, 2),
      'MB/s': fmt(r.indexing.mbPerSecond, 2),
      'files/s': fmt(r.indexing.filesPerSecond, 0),
    },
    { what: `index ${r.latency.files} .md/.d.ts files (${r.latency.chunks} chunks)`, seconds: fmt(r.latency.indexSeconds, 2), 'MB/s': fmt(r.latency.indexMBPerSecond, 2), 'files/s': fmt(r.latency.indexFilesPerSecond, 0) },
  ]);
  console.table([
    { search: 'hearth lexical', chunks: r.latency.chunks, queries: r.latency.queries, 'p50 ms': fmt(r.latency.p50Ms, 2), 'p95 ms': fmt(r.latency.p95Ms, 2), 'max ms': fmt(r.latency.maxMs, 2), 'cpu p50 ms': fmt(r.latency.cpuP50Ms, 2), 'cpu p95 ms': fmt(r.latency.cpuP95Ms, 2) },
    { search: 'every word kept', chunks: r.latency.chunks, queries: r.latency.queries, 'p50 ms': fmt(r.latencyEveryWord.p50Ms, 2), 'p95 ms': fmt(r.latencyEveryWord.p95Ms, 2), 'max ms': fmt(r.latencyEveryWord.maxMs, 2), 'cpu p50 ms': fmt(r.latencyEveryWord.cpuP50Ms, 2), 'cpu p95 ms': fmt(r.latencyEveryWord.cpuP95Ms, 2) },
  ]);
  console.log(`load average when the search timing started: ${fmt(r.loadAverage, 2)} (${os.cpus().length} cores)`);
  console.log(`database growth: ${fmt(r.dbGrowthMBPerTextMB, 2)} MB per MB of text`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { reps: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const result = await runDocumentsBench({ reps: values.reps ? Number(values.reps) : undefined, log: (l) => process.stderr.write(`${l}\n`) });
  printDocumentsTable(result);
  if (values.json) console.log(JSON.stringify(result));
}
