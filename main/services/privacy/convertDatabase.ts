import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { HearthError } from '../../contract/errors.js';
import { applyKey, isDatabaseEncrypted, lockedError } from '../store/openDatabase.js';
import { PRIVATE_FILE_MODE } from './privateFiles.js';

export interface ConvertDatabaseOptions {
  /** The database file; it must not be open anywhere (the caller holds the instance lock). */
  file: string;
  /** Its passphrase now; required when it is encrypted. */
  fromKey?: string | null;
  /** The passphrase it will have; null or '' stores it in plain SQLite. */
  toKey: string | null;
  /** Test hook: called between the steps, so a test can stop the process at each one. */
  onStep?: (step: ConvertStep) => void;
  nativeBinding?: string;
}

export type ConvertStep = 'exported' | 'rekeyed' | 'verified' | 'synced' | 'closed' | 'renamed';

/** Where the new copy is written; a leftover from a killed conversion is removed by the next one. */
export function convertingPath(file: string): string {
  return `${file}.converting`;
}

function open(file: string, key: string | null | undefined, nativeBinding?: string): Database {
  const db = new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {});
  if (key) applyKey(db, key);
  return db;
}

function fsyncPath(target: string, flags: string): void {
  const fd = fs.openSync(target, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Row counts of every table, the proof that the copy holds what the original held. */
function tableCounts(db: Database): Record<string, number> {
  const tables = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all();
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    // Virtual tables need their module (vec0 from an extension) to be counted; their shadow tables are counted instead.
    try {
      counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    } catch {
      /* a virtual table whose module is not loaded here */
    }
  }
  return counts;
}

function removeLeftovers(file: string): void {
  const tmp = convertingPath(file);
  for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
}

/**
 * Encrypts, decrypts or re-keys the database in place, crash-safely: the
 * original is never written to (beyond a checkpoint). A compact copy is made
 * with VACUUM INTO (which also drops freed pages holding deleted text), the
 * copy is re-keyed, opened again with the new key and checked (integrity and
 * every table's row count), fsynced, and renamed over the original, then the
 * folder is fsynced. A kill before the rename leaves the original whole (and a
 * `.converting` file the next run removes); after it, the new file is whole.
 */
export function convertDatabase(options: ConvertDatabaseOptions): { encrypted: boolean } {
  const { file, toKey, onStep = () => {} } = options;
  const fromKey = options.fromKey ?? null;
  const tmp = convertingPath(file);
  if (!fs.existsSync(file)) throw new HearthError('FILE_NOT_FOUND', `There is no database at ${file} to convert. Start Hearth once to create it.`);
  const wasEncrypted = isDatabaseEncrypted(file);
  if (wasEncrypted && !fromKey) throw lockedError(file, false);
  removeLeftovers(file);

  const source = open(file, wasEncrypted ? fromKey : null, options.nativeBinding);
  try {
    let before: Record<string, number>;
    let version: number;
    try {
      before = tableCounts(source);
      version = source.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      if (wasEncrypted && String((error as { code?: string }).code) === 'SQLITE_NOTADB') throw lockedError(file, true);
      throw error;
    }
    // Everything in the WAL goes into the main file, so VACUUM INTO sees it and no stale WAL can outlive the rename.
    const [checkpoint] = source.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint && checkpoint.busy !== 0) throw new HearthError('BUSY', `${file} is in use by another program. Quit Hearth (and any \`hearth\` command) and try again.`);
    // The copy keeps the source's cipher and key; it is re-keyed below.
    source.prepare('VACUUM INTO ?').run(tmp);
    fs.chmodSync(tmp, PRIVATE_FILE_MODE);
    onStep('exported');

    const copy = open(tmp, wasEncrypted ? fromKey : null, options.nativeBinding);
    try {
      // Re-keying is not possible in WAL mode; the copy is a private file nobody else has open.
      copy.pragma('journal_mode = DELETE');
      if (toKey) {
        if (!wasEncrypted) {
          copy.pragma(`cipher = 'sqlcipher'`);
          copy.pragma('legacy = 4');
        }
        copy.rekey(Buffer.from(toKey, 'utf8'));
      } else if (wasEncrypted) {
        copy.rekey(Buffer.alloc(0));
      }
      // Back to WAL, as openDatabase would set it: the header records the mode.
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    onStep('rekeyed');

    const check = open(tmp, toKey, options.nativeBinding);
    try {
      const integrity = check.pragma('integrity_check', { simple: true });
      const after = tableCounts(check);
      const sameVersion = check.pragma('user_version', { simple: true }) === version;
      if (integrity !== 'ok' || !sameVersion || JSON.stringify(after) !== JSON.stringify(before)) {
        throw new HearthError('INTERNAL', `The converted copy of ${file} did not match the original (integrity: ${String(integrity)}); the original is unchanged. Please report this.`);
      }
      check.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      check.close();
    }
    onStep('verified');
    fsyncPath(tmp, 'r+');
    onStep('synced');
  } catch (error) {
    source.close();
    removeLeftovers(file);
    throw error;
  }
  // The last connection closes: SQLite checkpoints and removes the WAL and SHM.
  source.close();
  for (const suffix of ['-wal', '-shm']) {
    const side = `${file}${suffix}`;
    // A non-empty WAL here would be replayed onto the new file: refuse rather than corrupt.
    if (suffix === '-wal' && fs.existsSync(side) && fs.statSync(side).size > 0) {
      removeLeftovers(file);
      throw new HearthError('BUSY', `${file} was written to during the conversion by another program. Quit Hearth (and any \`hearth\` command) and try again; nothing was changed.`);
    }
    fs.rmSync(side, { force: true });
  }
  for (const side of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(side, { force: true });
  onStep('closed');
  fs.renameSync(tmp, file);
  // A directory cannot be opened for fsync on Windows; NTFS journals the rename itself.
  if (process.platform !== 'win32') fsyncPath(path.dirname(path.resolve(file)), 'r');
  onStep('renamed');
  return { encrypted: Boolean(toKey) };
}
