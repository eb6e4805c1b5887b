import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ApiLogEntry } from '../../contract/index.js';

export type ApiLogInput = Omit<ApiLogEntry, 'id' | 'at'>;

/** The API's request log (migration 0150): append, read newest first, bounded like the network log. */
export interface ApiLog {
  record(entry: ApiLogInput): ApiLogEntry;
  /** Newest first. */
  list(options?: { limit?: number }): ApiLogEntry[];
  count(): number;
}

export const DEFAULT_MAX_API_LOG_ENTRIES = 10_000;
const DEFAULT_LIST_LIMIT = 200;
/** Logged content is capped per row: the log is for seeing what happened, not an archive. */
const MAX_CONTENT = 64 * 1024;
const MAX_TEXT = 300;

interface Row {
  id: number;
  at: number;
  key_name: string | null;
  method: string;
  endpoint: string;
  model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  status: number;
  duration_ms: number;
  note: string | null;
  content: string | null;
}

const toEntry = (r: Row): ApiLogEntry => ({
  id: r.id,
  at: r.at,
  keyName: r.key_name,
  method: r.method,
  endpoint: r.endpoint,
  model: r.model,
  promptTokens: r.prompt_tokens,
  completionTokens: r.completion_tokens,
  status: r.status,
  durationMs: r.duration_ms,
  note: r.note,
  content: r.content,
});

const cap = (text: string | null, max: number) => (text === null ? null : text.slice(0, max));

export function createApiLog({ db, maxEntries = DEFAULT_MAX_API_LOG_ENTRIES, now = Date.now }: { db: Database; maxEntries?: number; now?: () => number }): ApiLog {
  const insert = db.prepare(
    'INSERT INTO api_log (at, key_name, method, endpoint, model, prompt_tokens, completion_tokens, status, duration_ms, note, content) VALUES (@at, @key_name, @method, @endpoint, @model, @prompt_tokens, @completion_tokens, @status, @duration_ms, @note, @content)',
  );
  // Keys only grow, so "id <= newest - max" keeps exactly the newest max rows.
  const prune = db.prepare<[number]>('DELETE FROM api_log WHERE id <= ?');
  const list = db.prepare<[number], Row>('SELECT * FROM api_log ORDER BY id DESC LIMIT ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_log');
  return {
    record(entry) {
      const row: Omit<Row, 'id'> = {
        at: now(),
        key_name: cap(entry.keyName, MAX_TEXT),
        method: entry.method.slice(0, 10),
        endpoint: entry.endpoint.slice(0, MAX_TEXT),
        model: cap(entry.model, MAX_TEXT),
        prompt_tokens: entry.promptTokens,
        completion_tokens: entry.completionTokens,
        status: entry.status,
        duration_ms: Math.round(entry.durationMs * 10) / 10,
        note: cap(entry.note, MAX_TEXT),
        content: cap(entry.content, MAX_CONTENT),
      };
      const id = Number(insert.run(row).lastInsertRowid);
      if (id > maxEntries) prune.run(id - maxEntries);
      return toEntry({ id, ...row });
    },
    list(options = {}) {
      const limit = Math.min(DEFAULT_MAX_API_LOG_ENTRIES, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIST_LIMIT)));
      return list.all(limit).map(toEntry);
    },
    count: () => count.get()!.n,
  };
}
