import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { HearthError, type ApiKey } from '../../contract/index.js';

/** The API's bearer keys (migration 0150): created once, kept only as hashes. */
export interface ApiKeys {
  /** The key is returned once, here; only its SHA-256 is stored. */
  create(name: string): ApiKey & { key: string };
  list(): ApiKey[];
  /** By id or name (case-insensitive); false when there is no such key. */
  revoke(idOrName: string): boolean;
  /** The key's record when the key is valid (its last use is noted); null otherwise. */
  verify(key: string): ApiKey | null;
}

interface Row {
  id: string;
  name: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
}

const toKey = (r: Row): ApiKey => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at });

/** hk- and 256 random bits: no salt or slow hash is needed to store it (see migration 0150). */
function newKey(): string {
  return `hk-${crypto.randomBytes(32).toString('base64url')}`;
}

const hashOf = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/** Writing the last use on every request would cost a commit per call; a minute's precision is plenty. */
const LAST_USED_GRANULARITY_MS = 60_000;

export function createApiKeys({ db, now = Date.now }: { db: Database; now?: () => number }): ApiKeys {
  const insert = db.prepare<[string, string, string, string, number]>('INSERT INTO api_keys (id, name, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const list = db.prepare<[], Row>('SELECT id, name, prefix, created_at, last_used_at FROM api_keys ORDER BY created_at, name');
  const byName = db.prepare<[string], Row>('SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE name = ? COLLATE NOCASE');
  const byHash = db.prepare<[string], Row>('SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE hash = ?');
  const remove = db.prepare<[string, string]>('DELETE FROM api_keys WHERE id = ? OR name = ? COLLATE NOCASE');
  const touch = db.prepare<[number, string]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?');

  return {
    create(rawName) {
      const name = rawName.trim();
      if (!name) throw new HearthError('INVALID_PARAMS', 'A key needs a name (the tool or person that will use it).');
      if (byName.get(name)) throw new HearthError('INVALID_PARAMS', `There is already a key named "${name}". Pick another name, or revoke that one first.`);
      const key = newKey();
      const row: Row = { id: `key_${crypto.randomBytes(8).toString('hex')}`, name, prefix: `${key.slice(0, 7)}…`, created_at: now(), last_used_at: null };
      insert.run(row.id, row.name, row.prefix, hashOf(key), row.created_at);
      return { ...toKey(row), key };
    },
    list: () => list.all().map(toKey),
    revoke: (idOrName) => remove.run(idOrName, idOrName.trim()).changes > 0,
    verify(key) {
      // The lookup is by hash: equal hashes are found by the index, so no timing of the comparison says anything about a key.
      const row = byHash.get(hashOf(key));
      if (!row) return null;
      const t = now();
      if (row.last_used_at === null || t - row.last_used_at >= LAST_USED_GRANULARITY_MS) {
        touch.run(t, row.id);
        row.last_used_at = t;
      }
      return toKey(row);
    },
  };
}
