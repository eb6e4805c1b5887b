import type { Migration } from '../migrate.js';

export const createModels: Migration = {
  version: 50,
  name: 'create-models',
  up(db) {
    // The cache index of GGUF files: what inspecting a file found, so listing
    // models never re-reads gigabytes. metadata_json keeps the raw GGUF keys
    // later features may want without another migration.
    db.exec(`
      CREATE TABLE models (
        id                TEXT PRIMARY KEY,
        name              TEXT NOT NULL,
        path              TEXT NOT NULL,
        source            TEXT NOT NULL CHECK (source IN ('import', 'link', 'download')),
        size_bytes        INTEGER NOT NULL,
        sha256            TEXT,
        architecture      TEXT NOT NULL,
        parameters        REAL,
        quantization      TEXT NOT NULL,
        context_length    INTEGER NOT NULL,
        has_chat_template INTEGER NOT NULL CHECK (has_chat_template IN (0, 1)),
        added_at          INTEGER NOT NULL,
        metadata_json     TEXT
      ) STRICT;
      CREATE INDEX models_by_path ON models (path);
    `);
  },
};
