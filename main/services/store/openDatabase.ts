import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { HearthError } from '../../contract/errors.js';
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
  if (!readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
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
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // The first read of the header is where a foreign file shows itself; it is
    // also the last moment to refuse a newer schema with the file untouched.
    const found = schemaVersion(db);
    if (found > LATEST_SCHEMA_VERSION) throw futureSchemaError(file, found, LATEST_SCHEMA_VERSION);
    if (!readonly) db.pragma('journal_mode = WAL');
    // Chat data: the bundled build defaults WAL to NORMAL, which can lose the
    // last commits on power loss. FULL syncs the WAL on every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
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
