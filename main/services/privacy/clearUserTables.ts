import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Settings that are the user's privacy choices: delete-all keeps them as they were. */
export const PRIVACY_SETTING_KEYS: readonly string[] = ['offline'];

/** Tables that hold no user content: the schema's own bookkeeping, and the model index (cleared only with includeModels). */
const KEEP = new Set(['settings', 'models']);

interface SchemaRow {
  name: string;
  sql: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Empties every table with user content, found from the schema rather than
 * listed, so a table added later (documents, caches) is not forgotten. Regular
 * tables are emptied with DELETE; full-text indexes are rebuilt empty (an
 * external-content FTS5 index cannot be DELETEd from directly); the shadow
 * tables of virtual tables are left to their module. Settings lose every key
 * but the privacy ones. Returns the tables it could not clear (a virtual table
 * whose extension is not loaded in this connection), for the log.
 */
export function clearUserTables(db: Database, options: { includeModels: boolean }): string[] {
  const rows = db.prepare<[], SchemaRow>(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all();
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? ''));
  const isShadow = (name: string) => virtual.some((v) => name !== v.name && name.startsWith(`${v.name}_`));
  const failed: string[] = [];
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const { name } of rows) {
      if (virtual.some((v) => v.name === name) || isShadow(name)) continue;
      if (name === 'settings') {
        db.prepare(`DELETE FROM settings WHERE key NOT IN (${PRIVACY_SETTING_KEYS.map(() => '?').join(', ')})`).run(...PRIVACY_SETTING_KEYS);
        continue;
      }
      if (KEEP.has(name) && !(name === 'models' && options.includeModels)) continue;
      db.prepare(`DELETE FROM ${quote(name)}`).run();
    }
    for (const { name, sql } of virtual) {
      try {
        if (/using\s+fts5/i.test(sql ?? '') && /content\s*=\s*'[^']+'/i.test(sql ?? '')) db.prepare(`INSERT INTO ${quote(name)} (${quote(name)}) VALUES ('rebuild')`).run();
        else db.prepare(`DELETE FROM ${quote(name)}`).run();
      } catch {
        failed.push(name);
      }
    }
  })();
  return failed;
}
