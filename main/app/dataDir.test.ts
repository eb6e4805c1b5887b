import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../services/store/openDatabase.js';
import { createLogger } from '../services/log/createLogger.js';
import { prepareDataDir } from './dataDir.js';

const root = path.resolve(import.meta.dirname, '../..');
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('files only the user can read', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-modes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the CLI, under umask 022, creates the data folder 0700 and every file in it 0600', () => {
    const data = path.join(dir, 'fresh');
    const r = spawnSync('sh', ['-c', `umask 022 && exec "${process.execPath}" bin/hearth.mjs offline on --data-dir "${data}"`], { cwd: root, encoding: 'utf8', env: { ...process.env, HEARTH_DATA_DIR: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(mode(data)).toBe(0o700);
    for (const sub of ['logs', 'cache', 'models']) expect(mode(path.join(data, sub)), sub).toBe(0o700);
    expect(mode(path.join(data, 'hearth.db'))).toBe(0o600);
    expect(mode(path.join(data, 'logs', 'hearth.log'))).toBe(0o600);
  });

  it('the database, its WAL and SHM, and the log are 0600 while open, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const file = path.join(dir, 'd', 'hearth.db');
      const db = openDatabase(file);
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      db.close();
      createLogger({ file: path.join(dir, 'l', 'hearth.log') }).info('x');
      expect(mode(path.join(dir, 'l', 'hearth.log'))).toBe(0o600);
      expect(mode(path.join(dir, 'l'))).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a folder an older Hearth left readable by others, and says so in the log', () => {
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.mkdirSync(path.join(dir, 'cache'));
    fs.writeFileSync(path.join(dir, 'hearth.db'), '');
    fs.writeFileSync(path.join(dir, 'logs', 'hearth.log'), '');
    fs.writeFileSync(path.join(dir, 'cache', 'routing-embeddings-x.json'), '{}');
    for (const p of ['.', 'logs', 'cache']) fs.chmodSync(path.join(dir, p), 0o755);
    for (const p of ['hearth.db', 'logs/hearth.log', 'cache/routing-embeddings-x.json']) fs.chmodSync(path.join(dir, p), 0o644);
    const notes: string[] = [];
    prepareDataDir(dir, (n) => notes.push(n));
    for (const p of ['.', 'logs', 'cache', 'models']) expect(mode(path.join(dir, p)), p).toBe(0o700);
    for (const p of ['hearth.db', 'logs/hearth.log', 'cache/routing-embeddings-x.json']) expect(mode(path.join(dir, p)), p).toBe(0o600);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/readable by this user only.*hearth\.db/);
    // Already private: nothing to say the second time.
    prepareDataDir(dir, (n) => notes.push(n));
    expect(notes).toHaveLength(1);
  });
});
