import type { Migration } from '../migrate.js';

export const createDownloads: Migration = {
  version: 60,
  name: 'create-downloads',
  up(db) {
    // One row per download the user asked for. parts_json holds each file's
    // URL, validator (ETag) and expected hash: what a restart needs to resume
    // with If-Range instead of starting over. The bytes themselves are in the
    // `<name>.part` files, whose size is the truth about progress.
    db.exec(`
      CREATE TABLE downloads (
        id              TEXT PRIMARY KEY,
        source          TEXT NOT NULL,
        catalog_id      TEXT,
        quantization    TEXT,
        file_name       TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'paused', 'verifying', 'completed', 'failed', 'cancelled')),
        received_bytes  INTEGER NOT NULL DEFAULT 0,
        total_bytes     INTEGER,
        expected_sha256 TEXT,
        model_id        TEXT,
        error_code      TEXT,
        error_message   TEXT,
        parts_json      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX downloads_by_state ON downloads (state);
    `);
  },
};
