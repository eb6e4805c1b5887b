import type { Database } from 'better-sqlite3-multiple-ciphers';
import { HearthError } from '../../contract/errors.js';

/**
 * One schema step. Shipped migrations are never edited: a change to the schema
 * is a new file with the next version (steps of 10 leave room for a fix-up).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function futureSchemaError(file: string, found: number, latest: number): HearthError {
  return new HearthError(
    'DB_FROM_FUTURE',
    `${file} was written by a newer Hearth (schema ${found}, this build knows ${latest}). Update Hearth, or move the file aside to start fresh.`,
  );
}

function checkOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`Migration versions must be increasing positive integers: ${m.version} (${m.name}) follows ${previous}`);
    }
    previous = m.version;
  }
}

/**
 * Brings the database to the newest version in `migrations`, all pending steps
 * in one transaction: either the whole upgrade lands with its user_version, or
 * nothing changes. Returns the version the database was at before.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  // A cheap look outside any lock: most opens find nothing to do.
  const seen = schemaVersion(db);
  if (seen > latest) throw futureSchemaError(db.name, seen, latest);
  if (seen === latest) return seen;

  // Table rebuilds in later migrations (create new, copy, drop old) would fire
  // ON DELETE CASCADE with foreign keys on, and the pragma is ignored inside a
  // transaction, so it is switched off around it and the keys checked before commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE takes the write lock first, so a second process opening the same
    // old database waits (busy_timeout) and then finds the work already done.
    return db
      .transaction(() => {
        const from = schemaVersion(db);
        if (from > latest) throw futureSchemaError(db.name, from, latest);
        for (const m of migrations) {
          if (m.version <= from) continue;
          try {
            m.up(db);
          } catch (error) {
            throw new HearthError(
              'INTERNAL',
              `Updating ${db.name} from schema ${from} failed in migration ${m.version} (${m.name}): ${(error as Error).message}. Nothing was changed.`,
              { cause: error },
            );
          }
        }
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new HearthError('INTERNAL', `Updating ${db.name} to schema ${latest} left ${broken.length} broken reference(s). Nothing was changed.`);
        }
        db.pragma(`user_version = ${latest}`);
        return from;
      })
      .immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
