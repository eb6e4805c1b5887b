import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStore, type Store } from './createStore.js';
import { openDatabase } from './openDatabase.js';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** A fresh folder per test, removed afterwards; tests use real SQLite files, never :memory:. */
export function tempDir(): { dir: string; file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-store-'));
  return { dir, file: path.join(dir, 'hearth.db'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A store on a temp file with a clock that advances 1 ms per call, so ordering by time is deterministic. */
export function tempStore(): { store: Store; db: Database; file: string; clock: { t: number }; cleanup(): void } {
  const tmp = tempDir();
  const clock = { t: Date.UTC(2025, 0, 2, 3, 4, 5) };
  let n = 0;
  const db = openDatabase(tmp.file);
  const store = createStore({ db, now: () => clock.t++, newId: () => `id-${++n}` });
  return {
    store,
    db,
    file: tmp.file,
    clock,
    cleanup() {
      store.close();
      tmp.cleanup();
    },
  };
}
