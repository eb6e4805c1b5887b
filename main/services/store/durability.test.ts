import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from './createStore.js';
import { openDatabase } from './openDatabase.js';
import { tempDir } from './tempStore.js';

const writer = fileURLToPath(new URL('./durabilityWriter.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('durability', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('keeps the database intact and every acknowledged update after a SIGKILL mid-stream', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, tmp.file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the writer printed no acks in time: ${out.slice(-200)} ${err}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // Well into the stream, kill it without warning: no close, no checkpoint.
        if (/ack 300\n/.test(out) && !child.killed) {
          child.kill('SIGKILL');
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`the writer exited on its own: ${err}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const id = /^id (\S+)$/m.exec(out)![1]!;
    const acked = Math.max(...[...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1])));
    expect(acked).toBeGreaterThanOrEqual(300);
    // The commits are in the WAL, not yet checkpointed: reopening must replay them.
    expect(fs.statSync(`${tmp.file}-wal`).size).toBeGreaterThan(0);

    const store = createStore({ db: openDatabase(tmp.file) });
    const reply = store.getMessage(id);
    const stored = Number(/^update (\d+) /.exec(reply.content)![1]);
    expect(stored).toBeGreaterThanOrEqual(acked);
    expect(reply.status).toBe('streaming');
    expect(store.recoverInterrupted()).toBe(1);
    expect(store.search(`update`).map((h) => h.messageId)).toEqual([id]);
    store.close();

    const raw = new BetterSqlite3(tmp.file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => raw.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    raw.close();
  });
});
