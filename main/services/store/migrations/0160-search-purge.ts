import type { Migration } from '../migrate.js';

export const searchPurge: Migration = {
  version: 160,
  name: 'search-purge',
  up(db) {
    // FTS5's 'secure-delete' (migration 0110) corrupts the index in SQLite
    // 3.53.2: deleting a row in which a term occurs about 127 times or more,
    // once that row has been updated, leaves a checksum mismatch and the term
    // still matching the row (a streamed reply is updated many times, and "the"
    // reaches that count in a long one). It is switched off; the store purges
    // deleted text instead by merging the index into one segment after each
    // deletion (createStore: purgeSearch). 'rebuild' mends an index the bug
    // already damaged, from the messages themselves.
    db.exec(`
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 0);
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};
