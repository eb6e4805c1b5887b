import type { Migration } from '../migrate.js';

/**
 * Documents: collections of the user's files, what was read from each file,
 * and a lexical index over the chunks. Vectors live in sqlite-vec `vec0`
 * tables that the documents service creates once it knows the embedding
 * model's dimensions (doc_vec_<dims>), so this step needs no extension loaded.
 */
export const createDocuments: Migration = {
  version: 120,
  name: 'create-documents',
  up(db) {
    db.exec(`
      CREATE TABLE doc_collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at INTEGER NOT NULL
      );
      -- What the user added: folders are walked and watched, files are taken as they are.
      CREATE TABLE doc_roots (
        collection_id TEXT NOT NULL REFERENCES doc_collections (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('file', 'folder')),
        PRIMARY KEY (collection_id, path)
      );
      CREATE TABLE doc_sources (
        id INTEGER PRIMARY KEY,
        collection_id TEXT NOT NULL REFERENCES doc_collections (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        sha256 TEXT,
        status TEXT NOT NULL CHECK (status IN ('indexed', 'skipped')),
        skip_reason TEXT,
        title TEXT,
        chunk_count INTEGER NOT NULL DEFAULT 0,
        text_bytes INTEGER NOT NULL DEFAULT 0,
        indexed_at INTEGER NOT NULL,
        UNIQUE (collection_id, path)
      );
      CREATE INDEX doc_sources_sha ON doc_sources (collection_id, sha256);
      CREATE TABLE doc_chunks (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES doc_sources (id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        text TEXT NOT NULL,
        heading TEXT,
        page INTEGER,
        line_from INTEGER,
        line_to INTEGER,
        tokens INTEGER NOT NULL,
        -- Dimensions of the vector stored for this chunk in doc_vec_<dims>; null: none yet.
        vec_dims INTEGER
      );
      CREATE INDEX doc_chunks_source ON doc_chunks (source_id);
      CREATE INDEX doc_chunks_unembedded ON doc_chunks (vec_dims) WHERE vec_dims IS NULL;
      -- Contentless: the text lives once, in doc_chunks. Columns are weighted at
      -- query time with bm25(doc_chunks_fts, title, heading, text, collection);
      -- porter stems "indexing" and "indexes" to one term. The collection id is
      -- a column so a search filters inside the index and ranks before any join.
      CREATE VIRTUAL TABLE doc_chunks_fts USING fts5 (
        title, heading, text, collection,
        content = '',
        contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      -- Cascades from a removed collection or source fire this too.
      CREATE TRIGGER doc_chunks_fts_delete AFTER DELETE ON doc_chunks BEGIN
        DELETE FROM doc_chunks_fts WHERE rowid = old.id;
      END;
    `);
  },
};
