import type { Migration } from '../migrate.js';

export const privateDeletion: Migration = {
  version: 110,
  name: 'private-deletion',
  up(db) {
    // FTS5 keeps a deleted message's terms in its index segments (behind a
    // tombstone) until the segments happen to merge: a deleted chat's words
    // stayed readable in the file. 'secure-delete' removes them at once.
    // cache_entries: derived data that holds user text (the routing examples'
    // embedding vectors) lives here rather than in loose files, so it is
    // encrypted with the database and cleared with it.
    db.exec(`
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);
      CREATE TABLE cache_entries (
        key        TEXT PRIMARY KEY,
        value      BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
