import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Derived data kept between runs, in the database (table cache_entries, migration 0110). */
export interface CacheEntries {
  get(key: string): string | null;
  put(key: string, value: string): void;
  /** Removes every key that starts with `prefix`: an older version of the same cache. */
  removePrefix(prefix: string): void;
}

/**
 * A cache in the database rather than in loose files: what is derived from the
 * user's text (the routing examples' vectors) is then encrypted with the
 * database, deleted with it, and readable by no one else.
 */
export function createCacheEntries(db: Database, now: () => number = Date.now): CacheEntries {
  const get = db.prepare<[string], { value: Buffer }>('SELECT value FROM cache_entries WHERE key = ?');
  const put = db.prepare<[string, Buffer, number]>(
    'INSERT INTO cache_entries (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = db.prepare<[string, string]>("DELETE FROM cache_entries WHERE key >= ? AND key < ? || char(1114111)");
  return {
    get: (key) => get.get(key)?.value.toString('utf8') ?? null,
    put: (key, value) => void put.run(key, Buffer.from(value, 'utf8'), now()),
    removePrefix: (prefix) => void remove.run(prefix, prefix),
  };
}
