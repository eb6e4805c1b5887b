import type { Migration } from '../migrate.js';

export const createChats: Migration = {
  version: 10,
  name: 'create-chats',
  up(db) {
    // message_count is kept by triggers on messages (0020) so listing chats never
    // counts rows. The index serves the newest-first list; rowid breaks ties.
    db.exec(`
      CREATE TABLE chats (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        model_id      TEXT,
        system_prompt TEXT,
        sampling_json TEXT NOT NULL DEFAULT '{}',
        message_count INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX chats_by_updated ON chats (updated_at);
    `);
  },
};
