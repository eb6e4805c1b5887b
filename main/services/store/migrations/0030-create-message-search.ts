import type { Migration } from '../migrate.js';

export const createMessageSearch: Migration = {
  version: 30,
  name: 'create-message-search',
  up(db) {
    // External content: the text lives once, in messages; the index holds only
    // terms. The triggers keep it exact, and the update trigger skips status-only
    // writes so finishing a reply does not re-index its text.
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5 (
        content,
        content = 'messages',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages WHEN old.content IS NOT new.content BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
        INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
      END;
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};
