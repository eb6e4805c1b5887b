import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { NetworkAttempt } from '../../contract/library.js';

export type NetworkAttemptInput = Omit<NetworkAttempt, 'id' | 'at'>;

/** The network log's table (migration 0080): append, read newest first, bounded. */
export interface NetworkLog {
  record(attempt: NetworkAttemptInput): NetworkAttempt;
  /** Newest first. */
  list(options?: { limit?: number }): NetworkAttempt[];
  count(): number;
}

export interface NetworkLogDeps {
  /** The open, migrated chat database (the store owns and closes it). */
  db: Database;
  /** How many rows to keep: older ones are pruned as new ones arrive. Default 10,000. */
  maxEntries?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_MAX_LOG_ENTRIES = 10_000;
const DEFAULT_LIST_LIMIT = 200;
/** Hosts and details come from URLs anyone can type: cap what one row can hold. */
const MAX_TEXT = 1000;

interface Row {
  id: number;
  at: number;
  host: string;
  port: number | null;
  purpose: string;
  allowed: 0 | 1;
  detail: string;
}

const toAttempt = (row: Row): NetworkAttempt => ({ ...row, allowed: row.allowed === 1 });

export function createNetworkLog({ db, maxEntries = DEFAULT_MAX_LOG_ENTRIES, now = Date.now }: NetworkLogDeps): NetworkLog {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`maxEntries must be a positive integer, got ${maxEntries}`);
  const insert = db.prepare<[number, string, number | null, string, number, string]>(
    'INSERT INTO network_log (at, host, port, purpose, allowed, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // Keys only grow (the newest row is never pruned), so "id <= newest - max" keeps exactly the newest max rows.
  const prune = db.prepare<[number]>('DELETE FROM network_log WHERE id <= ?');
  const list = db.prepare<[number], Row>('SELECT id, at, host, port, purpose, allowed, detail FROM network_log ORDER BY id DESC LIMIT ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM network_log');

  return {
    record(attempt) {
      const row = {
        at: now(),
        host: attempt.host.slice(0, MAX_TEXT),
        port: attempt.port,
        purpose: attempt.purpose.slice(0, 100),
        allowed: attempt.allowed,
        detail: attempt.detail.slice(0, MAX_TEXT),
      };
      const id = Number(insert.run(row.at, row.host, row.port, row.purpose, row.allowed ? 1 : 0, row.detail).lastInsertRowid);
      if (id > maxEntries) prune.run(id - maxEntries);
      return { id, ...row };
    },
    list(options = {}) {
      const limit = Math.min(DEFAULT_MAX_LOG_ENTRIES, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIST_LIMIT)));
      return list.all(limit).map(toAttempt);
    },
    count: () => count.get()!.n,
  };
}
