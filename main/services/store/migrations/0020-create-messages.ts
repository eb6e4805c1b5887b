import type { Migration } from '../migrate.js';

export const createMessages: Migration = {
  version: 20,
  name: 'create-messages',
  up(db) {
    // seq is the rowid alias: it orders messages by insertion and is the key the
    // search index (0030) points at. An un-aliased rowid may change on VACUUM,
    // which would silently detach the index, so the text id is a unique column.
    // routing_json holds what later routing issues record per reply.
    db.exec(`
      CREATE TABLE messages (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        chat_id       TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
        role          TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content       TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('complete', 'streaming', 'interrupted', 'error')),
        model_id      TEXT,
        domain        TEXT,
        routing_json  TEXT,
        stats_json    TEXT,
        error         TEXT,
        finish_reason TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_by_chat ON messages (chat_id, seq);
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

      CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
        UPDATE chats SET message_count = message_count + 1 WHERE id = new.chat_id;
      END;
      CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
        UPDATE chats SET message_count = message_count - 1 WHERE id = old.chat_id;
      END;
      CREATE TRIGGER messages_count_move AFTER UPDATE OF chat_id ON messages WHEN old.chat_id IS NOT new.chat_id BEGIN
        UPDATE chats SET message_count = message_count - 1 WHERE id = old.chat_id;
        UPDATE chats SET message_count = message_count + 1 WHERE id = new.chat_id;
      END;
    `);
  },
};
