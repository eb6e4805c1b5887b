import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { openDatabase } from './openDatabase.js';
import { tempDir } from './tempStore.js';

function caught(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}

describe('openDatabase', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates missing parent folders and sets WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const file = path.join(tmp.dir, 'a', 'b', 'hearth.db');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file that is not a database with DB_CORRUPT naming the path and the way out', () => {
    fs.writeFileSync(tmp.file, 'These are my notes, not a database. '.repeat(200));
    const before = fs.readFileSync(tmp.file);
    const error = caught(() => openDatabase(tmp.file));
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain(tmp.file);
    expect(error.message).toMatch(/move the file aside/);
    expect(fs.readFileSync(tmp.file).equals(before)).toBe(true);
  });

  it('refuses a database whose pages are damaged', () => {
    const db = openDatabase(tmp.file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = fs.readFileSync(tmp.file);
    // Page 1 holds the schema: scribbling over its b-tree makes the schema unreadable.
    bytes.fill(0xab, 100, 4096);
    fs.writeFileSync(tmp.file, bytes);
    expect(caught(() => openDatabase(tmp.file)).code).toBe('DB_CORRUPT');
  });

  it('opens read-only without migrating or writing, and says when there is nothing to open', () => {
    expect(caught(() => openDatabase(tmp.file, { readonly: true })).code).toBe('FILE_NOT_FOUND');
    expect(fs.existsSync(tmp.file)).toBe(false);
    openDatabase(tmp.file).close();
    const db = openDatabase(tmp.file, { readonly: true });
    expect(db.readonly).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(() => db.exec("INSERT INTO settings VALUES ('theme', '\"dark\"')")).toThrow(/readonly/);
    db.close();
  });

  it('makes a second connection wait busy_timeout for another one\'s write lock before giving up', () => {
    const a = openDatabase(tmp.file);
    const b = openDatabase(tmp.file, { busyTimeoutMs: 300 });
    a.exec('BEGIN IMMEDIATE');
    a.exec("INSERT INTO settings VALUES ('theme', '\"dark\"')");
    const started = performance.now();
    expect(() => b.prepare("INSERT INTO settings VALUES ('offline', 'true')").run()).toThrow(/locked|busy/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    a.exec('COMMIT');
    b.prepare("INSERT INTO settings VALUES ('offline', 'true')").run();
    expect(a.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 2 });
    a.close();
    b.close();
  });
});
