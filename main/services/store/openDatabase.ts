import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { HearthError } from '../../contract/errors.js';
import { createPrivateFile, ensurePrivateFile } from '../privacy/privateFiles.js';
import { futureSchemaError, migrate, schemaVersion } from './migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';

export interface OpenDatabaseOptions {
  /** Open without writing anything: no pragmas that write, no migrations. Default false. */
  readonly?: boolean;
  /** How long a write waits for another process's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * A better-sqlite3 addon built for another runtime: unpackaged Electron needs
   * one built for its ABI while Node (tests, CLI) keeps the one npm built.
   */
  nativeBinding?: string;
  /**
   * The passphrase of an encrypted database (the desktop app's random key from
   * the keychain, or the user's passphrase). Ignored for a plain database:
   * encryption is switched on by convertDatabase, never by opening.
   */
  key?: string | null;
}

/** Every plain SQLite file starts with this; an encrypted one starts with its random salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when `file` exists, is whole pages, and does not start as a plain SQLite database does: encrypted (or whole-page garbage, which the key check then reports). */
export function isDatabaseEncrypted(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    // An empty file is a database SQLite has not written yet. An encrypted one is whole pages (512 to
    // 65536 bytes each); anything else (a text file, a truncated copy) is damaged, not locked.
    const size = fs.fstatSync(fd).size;
    return read > 0 && size >= 512 && size % 512 === 0 && !head.subarray(0, read).equals(PLAIN_HEADER.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * SQLCipher 4's format (AES-256-CBC, HMAC-SHA512, PBKDF2 with 256,000
 * iterations), so the file opens in any SQLCipher tool given the passphrase.
 * Must run before the first read of the connection.
 */
export function applyKey(db: Database, key: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.key(Buffer.from(key, 'utf8'));
}

export function lockedError(file: string, wrongKey: boolean): HearthError {
  return new HearthError(
    'LOCKED',
    wrongKey
      ? `${file} is encrypted and the passphrase given does not open it. Nothing was changed. Try again with the right passphrase (HEARTH_PASSPHRASE or the prompt).`
      : `${file} is encrypted and no passphrase was given. Nothing was changed. Set HEARTH_PASSPHRASE or run in a terminal to be asked; the desktop app finds its key in the system keychain.`,
  );
}

const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isDamaged(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return DAMAGED.has(String(code)) || DAMAGED.has(String(cause?.code));
}

function corrupt(file: string, error: unknown): HearthError {
  return new HearthError(
    'DB_CORRUPT',
    `${file} is not a Hearth database or is damaged (${(error as Error).message}). Quit Hearth and move the file aside to start fresh, or restore it from a backup.`,
    { cause: error },
  );
}

/**
 * Opens (creating if needed) the chat database, ready for the store: WAL,
 * synchronous=FULL, foreign keys on, migrated to the newest schema. A database
 * from a newer Hearth is refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly ?? false;
  // Created 0600 before SQLite makes it 0644; the -wal and -shm files copy the database's mode.
  if (!readonly) createPrivateFile(path.resolve(file));
  const encrypted = isDatabaseEncrypted(file);
  if (encrypted && !options.key) throw lockedError(file, false);
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly, fileMustExist: readonly, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (error) {
    if (readonly && (error as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new HearthError('FILE_NOT_FOUND', `There is no database at ${file} to open read-only. Start Hearth once to create it.`, { cause: error });
    }
    throw error;
  }
  try {
    if (encrypted) applyKey(db, options.key!);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // The first read of the header is where a foreign file shows itself; it is
    // also the last moment to refuse a newer schema with the file untouched.
    let found: number;
    try {
      found = schemaVersion(db);
    } catch (error) {
      // With a key, "not a database" means the key is wrong: say so rather than call the file damaged.
      if (encrypted && isDamaged(error)) throw lockedError(file, true);
      throw error;
    }
    if (found > LATEST_SCHEMA_VERSION) throw futureSchemaError(file, found, LATEST_SCHEMA_VERSION);
    if (!readonly) db.pragma('journal_mode = WAL');
    // Chat data: the bundled build defaults WAL to NORMAL, which can lose the
    // last commits on power loss. FULL syncs the WAL on every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted text is overwritten with zeros, not merely unlinked from the b-tree (see createStore's deleteChat).
    db.pragma('secure_delete = ON');
    if (!readonly) for (const suffix of ['-wal', '-shm']) ensurePrivateFile(`${file}${suffix}`);
    if (readonly) {
      if (found < LATEST_SCHEMA_VERSION) {
        throw new HearthError('INTERNAL', `${file} is at schema ${found}; this build needs ${LATEST_SCHEMA_VERSION}. Open it once without read-only so Hearth can update it.`);
      }
    } else {
      migrate(db, MIGRATIONS);
    }
    return db;
  } catch (error) {
    db.close();
    if (isDamaged(error)) throw corrupt(file, error);
    throw error;
  }
}
