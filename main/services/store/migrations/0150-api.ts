import type { Migration } from '../migrate.js';

/**
 * The local API's keys and request log. A key is stored as the SHA-256 of
 * the key itself: keys are 256 random bits, so no salt or slow hash adds
 * anything (those protect guessable passwords), and a lookup by hash stays
 * one indexed read. The log is bounded by its writer (createApiLog prunes to
 * the newest rows); content is null unless the user turned logging it on.
 */
export const createApi: Migration = {
  version: 150,
  name: 'create-api',
  up(db) {
    db.exec(`
      CREATE TABLE api_keys (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        prefix       TEXT NOT NULL,
        hash         TEXT NOT NULL UNIQUE,
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER
      ) STRICT;
      CREATE TABLE api_log (
        id                INTEGER PRIMARY KEY,
        at                INTEGER NOT NULL,
        key_name          TEXT,
        method            TEXT NOT NULL,
        endpoint          TEXT NOT NULL,
        model             TEXT,
        prompt_tokens     INTEGER,
        completion_tokens INTEGER,
        status            INTEGER NOT NULL,
        duration_ms       REAL NOT NULL,
        note              TEXT,
        content           TEXT
      ) STRICT;
    `);
  },
};
