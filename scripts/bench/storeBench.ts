/**
 * The `store` part of `npm run bench`: opening a 10,000-message chat and
 * full-text search over 100,000 messages, each beside its floor (the same rows
 * or matches straight from SQLite, without Hearth's row mapping, joins and
 * snippets), interleaved, several repetitions, medians and range.
 * Then the same reads and writes on an encrypted copy of that database beside
 * the plain one (the cost of `hearth encryption on`).
 * Alone: `npx tsx scripts/bench/storeBench.ts [--messages N] [--chat N] [--reps N]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createStore, type Store } from '../../main/services/store/createStore.js';
import { ftsQuery } from '../../main/services/store/ftsQuery.js';
import { openDatabase } from '../../main/services/store/openDatabase.js';
import { convertDatabase } from '../../main/services/privacy/convertDatabase.js';
import { fmt, fmtSummary, median, summarize, type Summary } from './stats.js';

export interface StoreMeasure {
  name: string;
  /** Hearth's own path, in ms. */
  hearth: Summary;
  /** The floor beside it, in ms; null where there is none to compare with. */
  floor: Summary | null;
  /** Median of the per-repetition hearth/floor ratios. */
  ratio: number | null;
  note?: string;
}

export interface StoreBenchResult {
  messages: number;
  chatMessages: number;
  populateMs: number;
  databaseMiB: number;
  /** Median ms of chats.get on the big chat (getChat + listMessages with row mapping). */
  openChatMs: number;
  /** Median ms of each search query, by query. */
  searchMs: Record<string, number>;
  measures: StoreMeasure[];
  /**
   * The same operations on an encrypted copy of the same database (SQLCipher
   * 4 format, as `hearth encryption on` makes it) beside the plain one: in
   * each measure `hearth` is encrypted, `floor` is plain.
   */
  encryption: StoreMeasure[];
}

const WORDS = 'the a of and to in is you that it for on with as this was be at by not are from or have an they which one had word but what all were when we there can said use each she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part café naïve résumé déjà señor Zürich Ångström crème brûlée'.split(' ');

/** Queries from common to rare: "the" ranks nearly every message, "tok" is a prefix of 50,000 distinct words. */
const QUERIES = ['the', 'water people', 'café', 'tok', 'token123'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  // Squaring skews toward the front of the list: common words stay common, as in real text.
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() ** 2 * WORDS.length)]!);
  out.push(`token${Math.floor(random() * 50_000)}`);
  return out.join(' ');
}

/** One big chat plus chats of 100 messages up to `total`, through the store's own addMessage (triggers, FTS, counts). */
function populate(store: Store, total: number, bigChat: number): string {
  const random = rng(42);
  let big = '';
  store.transaction(() => {
    const chat = store.createChat({ title: 'Big chat' });
    big = chat.id;
    for (let i = 0; i < bigChat; i++) {
      const assistant = i % 2 === 1;
      store.addMessage({
        chatId: chat.id,
        role: assistant ? 'assistant' : 'user',
        content: sentence(random, assistant ? 120 : 25),
        stats: assistant ? { promptTokens: 10, completionTokens: 100, timeToFirstTokenMs: 50, tokensPerSecond: 30, totalMs: 3000, backend: 'cpu', modelId: 'm' } : null,
      });
    }
    for (let done = bigChat; done < total; ) {
      const other = store.createChat({ title: `Chat ${done}` });
      for (let i = 0; i < 100 && done < total; i++, done++) {
        store.addMessage({ chatId: other.id, role: i % 2 ? 'assistant' : 'user', content: sentence(random, i % 2 ? 120 : 25) });
      }
    }
  });
  return big;
}

interface Pair {
  name: string;
  hearth: () => unknown;
  floor?: () => unknown;
  note?: string;
}

function timeOnce(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/**
 * Every pair once per repetition, in an order that rotates each repetition,
 * and within a pair hearth and floor alternate who goes first: drift in the
 * machine (other processes, page cache, GC) lands on both sides alike.
 */
function measureInterleaved(pairs: Pair[], reps: number): StoreMeasure[] {
  for (const p of pairs) {
    p.hearth();
    p.floor?.();
  }
  const samples = pairs.map(() => ({ hearth: [] as number[], floor: [] as number[] }));
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < pairs.length; k++) {
      const i = (k + rep) % pairs.length;
      const p = pairs[i]!;
      const s = samples[i]!;
      if (!p.floor) s.hearth.push(timeOnce(p.hearth));
      else if (rep % 2 === 0) {
        s.hearth.push(timeOnce(p.hearth));
        s.floor.push(timeOnce(p.floor));
      } else {
        s.floor.push(timeOnce(p.floor));
        s.hearth.push(timeOnce(p.hearth));
      }
    }
  }
  return pairs.map((p, i) => {
    const s = samples[i]!;
    const paired = p.floor ? s.hearth.map((h, r) => h / s.floor[r]!) : null;
    return { name: p.name, hearth: summarize(s.hearth), floor: p.floor ? summarize(s.floor) : null, ratio: paired ? median(paired) : null, note: p.note };
  });
}

export function runStoreBench(options: { messages?: number; chatMessages?: number; reps?: number; log?: (line: string) => void } = {}): StoreBenchResult {
  const total = options.messages ?? 100_000;
  const chatMessages = Math.min(options.chatMessages ?? 10_000, total);
  const reps = options.reps ?? 15;
  const log = options.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-store-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const store = createStore({ db });
  try {
    log(`store: writing ${total} messages (one chat of ${chatMessages}) to a temp database`);
    const t = performance.now();
    const big = populate(store, total, chatMessages);
    const populateMs = performance.now() - t;
    db.pragma('optimize');
    const databaseMiB = (db.prepare('SELECT sum(pgsize) AS b FROM dbstat').get() as { b: number }).b / 2 ** 20;
    log(`store: populated in ${(populateMs / 1000).toFixed(1)} s, ${databaseMiB.toFixed(1)} MiB; ${reps} interleaved repetitions`);

    const rawMessages = db.prepare('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq');
    const rawMatch = db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rank LIMIT 50');
    const countMatch = db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?');
    // What the chats.get handler returns (main/app/createHandlers.ts), built the same way.
    const chatsGet = () => ({ chat: store.getChat(big), messages: store.listMessages(big) });

    const reply = store.addMessage({ chatId: store.createChat({ title: 'streaming' }).id, role: 'assistant', content: '', status: 'streaming' });
    const random = rng(7);
    let content = '';
    const pairs: Pair[] = [
      { name: `open ${chatMessages}-message chat (chats.get: getChat + listMessages)`, hearth: chatsGet, floor: () => rawMessages.all(big), note: 'floor: the same rows, raw SELECT, no mapping' },
      { name: '  the same, encoded as the reply frame the transport sends', hearth: () => JSON.stringify({ id: 1, ok: true, result: chatsGet() }) },
      ...QUERIES.map((q): Pair => {
        const match = ftsQuery(q)!;
        return {
          name: `search "${q}" (top 50, snippets)`,
          hearth: () => store.search(q),
          floor: () => rawMatch.all(match),
          note: `${(countMatch.get(match) as { n: number }).n} matches; floor: ranked rowids only, no joins or snippets`,
        };
      }),
      { name: 'listChats (sidebar)', hearth: () => store.listChats() },
      {
        name: 'updateMessage while streaming (to 8 KB, fsync)',
        hearth: () => {
          content = content.length > 8_000 ? '' : `${content} ${sentence(random, 8)}`;
          store.updateMessage(reply.id, { content });
        },
      },
    ];
    const measures = measureInterleaved(pairs, reps);
    const searchMs = Object.fromEntries(QUERIES.map((q, i) => [q, measures[2 + i]!.hearth.median]));
    log('store: encrypting a copy of the same database for the encrypted-vs-plain measures');
    const encryption = measureEncryption({ db, store, dir, big, reps });
    return { messages: total, chatMessages, populateMs, databaseMiB, openChatMs: measures[0]!.hearth.median, searchMs, measures, encryption };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const BENCH_KEY = 'store bench passphrase';

/**
 * Encrypted beside plain, on identical content: a copy of the populated
 * database encrypted by convertDatabase, each operation timed on both stores
 * interleaved. Both sides run the same statements through the same store
 * code; only the pages' encryption differs.
 */
function measureEncryption(o: { db: ReturnType<typeof openDatabase>; store: Store; dir: string; big: string; reps: number }): StoreMeasure[] {
  const copy = path.join(o.dir, 'bench-encrypted.db');
  o.db.pragma('wal_checkpoint(TRUNCATE)');
  o.db.prepare('VACUUM INTO ?').run(copy);
  convertDatabase({ file: copy, toKey: BENCH_KEY });
  const encDb = openDatabase(copy, { key: BENCH_KEY });
  const enc = createStore({ db: encDb });
  try {
    const plainFile = o.db.name;
    const streamingIn = (s: Store) => s.addMessage({ chatId: s.createChat({ title: 'streaming' }).id, role: 'assistant', content: '', status: 'streaming' }).id;
    const replies = { enc: streamingIn(enc), plain: streamingIn(o.store) };
    const random = rng(9);
    const texts = { enc: '', plain: '' };
    const update = (s: Store, side: 'enc' | 'plain') => () => {
      texts[side] = texts[side].length > 8_000 ? '' : `${texts[side]} ${sentence(random, 8)}`;
      s.updateMessage(replies[side], { content: texts[side] });
    };
    const pairs: Pair[] = [
      { name: 'open the database (key derivation, schema check)', hearth: () => openDatabase(copy, { key: BENCH_KEY }).close(), floor: () => openDatabase(plainFile).close(), note: 'PBKDF2-SHA512, 256,000 iterations, once per start' },
      { name: 'open the big chat (chats.get)', hearth: () => enc.listMessages(o.big), floor: () => o.store.listMessages(o.big) },
      ...QUERIES.map((q): Pair => ({ name: `search "${q}" (top 50, snippets)`, hearth: () => enc.search(q), floor: () => o.store.search(q) })),
      { name: 'listChats (sidebar)', hearth: () => enc.listChats(), floor: () => o.store.listChats() },
      { name: 'updateMessage while streaming (to 8 KB, fsync)', hearth: update(enc, 'enc'), floor: update(o.store, 'plain') },
    ];
    return measureInterleaved(pairs, o.reps);
  } finally {
    enc.close();
  }
}

/** The part's table: one row per measure, medians with their range. */
export function printStoreTable(r: StoreBenchResult): void {
  console.log(`\nstore: ${r.messages} messages (one chat of ${r.chatMessages}), ${fmt(r.databaseMiB)} MiB database; ms, median (min–max), Hearth beside its floor`);
  console.table(
    r.measures.map((m) => ({
      measure: m.name,
      'hearth ms': fmtSummary(m.hearth, 2),
      'floor ms': m.floor ? fmtSummary(m.floor, 2) : '-',
      'hearth/floor': m.ratio === null ? '-' : fmt(m.ratio, 2),
      note: m.note ?? '',
    })),
  );
  console.log('\nstore, encrypted (SQLCipher 4 format, `hearth encryption on`) beside plain, same content; ms, median (min–max)');
  console.table(
    r.encryption.map((m) => ({
      measure: m.name,
      'encrypted ms': fmtSummary(m.hearth, 2),
      'plain ms': m.floor ? fmtSummary(m.floor, 2) : '-',
      'encrypted/plain': m.ratio === null ? '-' : fmt(m.ratio, 2),
      note: m.note ?? '',
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { messages: { type: 'string' }, chat: { type: 'string' }, reps: { type: 'string' } } });
  const result = runStoreBench({
    messages: values.messages ? Number(values.messages) : undefined,
    chatMessages: values.chat ? Number(values.chat) : undefined,
    reps: values.reps ? Number(values.reps) : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  printStoreTable(result);
}
