/**
 * Store timings, side by side in one run: `npx tsx main/services/store/storeBench.ts [--messages N] [--reps N]`.
 * Builds a database with one 10,000-message chat among N messages in all,
 * then prints medians for opening the big chat, listing chats (cached count vs
 * counting), searching, and the streaming update, plus a trigram comparison.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createStore, type Store } from './createStore.js';
import { openDatabase } from './openDatabase.js';

export interface StoreBenchResult {
  name: string;
  medianMs: number;
  note?: string;
}

const WORDS = 'the a of and to in is you that it for on with as this was be at by not are from or have an they which one had word but what all were when we there can said use each she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part café naïve résumé déjà señor Zürich Ångström crème brûlée'.split(' ');

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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(reps: number, fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

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

export function runStoreBench(options: { messages?: number; reps?: number; log?: (line: string) => void } = {}): StoreBenchResult[] {
  const total = options.messages ?? 100_000;
  const reps = options.reps ?? 9;
  const log = options.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-store-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const store = createStore({ db });
  const results: StoreBenchResult[] = [];
  const add = (name: string, medianMs: number, note?: string) => {
    results.push({ name, medianMs, note });
    log(`${name}: ${medianMs.toFixed(3)} ms${note ? ` (${note})` : ''}`);
  };
  try {
    let t = performance.now();
    const big = populate(store, total, 10_000);
    add(`populate ${total} messages (one transaction)`, performance.now() - t);

    add('open 10k-message chat (getChat + listMessages)', time(reps, () => [store.getChat(big), store.listMessages(big)]));
    add('  same rows, raw SELECT without mapping', time(reps, () => db.prepare('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq').all(big)));
    add('listChats, cached message_count', time(reps, () => store.listChats()));
    add(
      '  listChats, counting with a correlated subquery',
      time(reps, () => db.prepare('SELECT id, title, updated_at, model_id, (SELECT count(*) FROM messages m WHERE m.chat_id = c.id) AS n FROM chats c ORDER BY updated_at DESC').all()),
    );
    add('counts()', time(reps, () => store.counts()));

    for (const q of ['the', 'café', 'token123', 'tok', 'water people']) {
      const hits = store.search(q).length;
      add(`search "${q}" (top 50)`, time(reps, () => store.search(q)), `${hits} hits`);
    }
    const matches = (q: string) => (db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(q) as { n: number }).n;
    log(`  "the" matches ${matches('"the"')} messages; "tok"* matches ${matches('"tok"*')}`);

    const chat = store.createChat({ title: 'streaming' });
    const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
    const random = rng(7);
    let content = '';
    const samples: number[] = [];
    while (content.length < 8_000) {
      content += ` ${sentence(random, 8)}`;
      t = performance.now();
      store.updateMessage(reply.id, { content });
      samples.push(performance.now() - t);
    }
    add('updateMessage(content) while streaming, growing to 8 KB', median(samples), `${samples.length} commits, synchronous=FULL`);
    add('  updateMessage(status) only, no re-index', time(reps, () => store.updateMessage(reply.id, { status: 'streaming' })));

    // Trigram: substring search for any script, at the price of a bigger index.
    t = performance.now();
    db.exec(`CREATE VIRTUAL TABLE tri USING fts5(content, content='messages', content_rowid='seq', tokenize='trigram remove_diacritics 1');
      INSERT INTO tri (tri) VALUES ('rebuild');`);
    add('  trigram index build', performance.now() - t);
    const size = (name: string) => (db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE ? || '%'").get(name) as { b: number }).b / 2 ** 20;
    log(`  index size: unicode61 ${size('messages_fts').toFixed(1)} MiB, trigram ${size('tri').toFixed(1)} MiB, messages ${size('messages').toFixed(1)} MiB (includes fts)`);
    const tri = db.prepare("SELECT rowid FROM tri WHERE tri MATCH ? ORDER BY rank LIMIT 50");
    add('  trigram search "token123"', time(reps, () => tri.all('"token123"')));
    add('  trigram search "water people"', time(reps, () => tri.all('"water" "people"')));
    return results;
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { messages: { type: 'string' }, reps: { type: 'string' } } });
  runStoreBench({ messages: values.messages ? Number(values.messages) : undefined, reps: values.reps ? Number(values.reps) : undefined, log: console.log });
}
