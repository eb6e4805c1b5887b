import type { Migration } from '../migrate.js';

/**
 * Document chats: the collections a chat retrieves from, and the excerpts each
 * reply was given. A link goes with either side: deleting the chat or removing
 * the collection detaches it. `dropped` marks the chat's own collection (files
 * dropped on the composer), so a later drop adds to it rather than making another.
 */
export const chatDocuments: Migration = {
  version: 130,
  name: 'chat-documents',
  up(db) {
    db.exec(`
      CREATE TABLE chat_collections (
        chat_id TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
        collection_id TEXT NOT NULL REFERENCES doc_collections (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        dropped INTEGER NOT NULL DEFAULT 0 CHECK (dropped IN (0, 1)),
        PRIMARY KEY (chat_id, collection_id)
      );
      CREATE INDEX chat_collections_collection ON chat_collections (collection_id);
      -- JSON, the contract's ReplySource[]: null for a reply that was given no excerpts.
      ALTER TABLE messages ADD COLUMN sources_json TEXT;
    `);
  },
};
