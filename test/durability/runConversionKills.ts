import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createStore } from '../../main/services/store/createStore.js';
import { isDatabaseEncrypted, openDatabase } from '../../main/services/store/openDatabase.js';
import { convertingPath } from '../../main/services/privacy/convertDatabase.js';

export interface ConversionKillOptions {
  kills: number;
  /** An empty folder for the database. */
  dataDir: string;
  seed?: number;
  /** Messages in the database: enough that a conversion takes a while to cut into. Default 3000. */
  messages?: number;
  log?: (line: string) => void;
}

export interface ConversionKillReport {
  kills: number;
  /** Kills after which the database was still in its old form / already in its new form. */
  keptOld: number;
  becameNew: number;
  /** Runs that finished before the kill landed. */
  finished: number;
  seconds: number;
  violations: string[];
}

const KEY = 'stress passphrase';
const CHILD = path.join(import.meta.dirname, 'convertChild.ts');
const root = path.resolve(import.meta.dirname, '../..');

/** mulberry32: a reproducible stream of kill times from the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedDatabase(file: string, messages: number): { chats: number; messages: number } {
  const store = createStore({ db: openDatabase(file) });
  const chats = Math.max(1, Math.floor(messages / 50));
  store.transaction(() => {
    for (let c = 0; c < chats; c++) {
      const chat = store.createChat({ title: `chat ${c}` });
      for (let m = 0; m < 50; m++) store.addMessage({ chatId: chat.id, role: m % 2 ? 'assistant' : 'user', content: `chat ${c} message ${m} keepsake `.repeat(8) });
    }
  });
  const counts = store.counts();
  store.close();
  return { chats: counts.chats, messages: counts.messages };
}

/** Runs one conversion child; kills it after `killAfterMs` (null: lets it finish). Resolves with how it ended and how long it ran. */
function runChild(file: string, direction: 'on' | 'off', killAfterMs: number | null): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, direction], { cwd: root, env: { ...process.env, HEARTH_PASSPHRASE: KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`conversion child failed (${code}): ${err.trim()}`));
      else resolve({ finished: out.includes('converted'), ms: Date.now() - started });
    });
  });
}

/** What a check after a kill found wrong, if anything: the database must open (with the key when encrypted), pass integrity_check and hold every row. */
function verify(file: string, expected: { chats: number; messages: number }): string | null {
  const encrypted = isDatabaseEncrypted(file);
  let store;
  try {
    store = createStore({ db: openDatabase(file, { key: encrypted ? KEY : null }) });
  } catch (error) {
    return `the database does not open (${encrypted ? 'encrypted' : 'plain'}): ${(error as Error).message}`;
  }
  try {
    const counts = store.counts();
    if (counts.chats !== expected.chats || counts.messages !== expected.messages) return `rows lost: ${JSON.stringify(counts)} instead of ${JSON.stringify(expected)}`;
    if (store.search('keepsake', { limit: 1 }).length !== 1) return 'the search index lost its rows';
    return null;
  } finally {
    store.close();
  }
}

function integrityOf(file: string): string {
  const encrypted = isDatabaseEncrypted(file);
  const db = openDatabase(file, { key: encrypted ? KEY : null });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/**
 * Kills conversions (encrypt, then decrypt, alternating with whatever state
 * the last kill left) at random moments of their run, and after each kill
 * checks that the database is whole: either the old form or the new, never a
 * mix, every chat and message present, the search index intact.
 */
export async function runConversionKills(options: ConversionKillOptions): Promise<ConversionKillReport> {
  const log = options.log ?? (() => {});
  const rand = random(options.seed ?? 1);
  const file = path.join(options.dataDir, 'hearth.db');
  const started = Date.now();
  const expected = seedDatabase(file, options.messages ?? 3000);
  // One full run each way measures how long a conversion takes here, so kills spread over all of it.
  const on = await runChild(file, 'on', null);
  const off = await runChild(file, 'off', null);
  const span = Math.max(on.ms, off.ms);
  log(`conversion takes about ${span} ms with process start-up; ${expected.messages} messages in ${expected.chats} chats`);
  const report: ConversionKillReport = { kills: 0, keptOld: 0, becameNew: 0, finished: 0, seconds: 0, violations: [] };
  for (let i = 0; i < options.kills; i++) {
    const wasEncrypted = isDatabaseEncrypted(file);
    const direction = wasEncrypted ? 'off' : 'on';
    // Half the kills anywhere in the run, half near its end, where the verify, fsync and rename steps are.
    const at = Math.floor(rand() < 0.5 ? rand() * span : span * (0.8 + 0.3 * rand()));
    const run = await runChild(file, direction, at);
    report.kills++;
    if (run.finished) report.finished++;
    const nowEncrypted = isDatabaseEncrypted(file);
    if (nowEncrypted === wasEncrypted) report.keptOld++;
    else report.becameNew++;
    const problem = verify(file, expected) ?? (integrityOf(file) === 'ok' ? null : `integrity_check failed: ${integrityOf(file)}`);
    if (problem) report.violations.push(`kill ${i + 1} at ${at} ms (${direction}): ${problem}`);
    log(`kill ${i + 1}/${options.kills} at ${at} ms turning encryption ${direction}: ${nowEncrypted === wasEncrypted ? 'old form kept' : 'new form in place'}${run.finished ? ' (finished first)' : ''}${fs.existsSync(convertingPath(file)) ? ', a .converting leftover' : ''}${problem ? `: ${problem}` : ''}`);
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
