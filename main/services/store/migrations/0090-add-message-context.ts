import type { Migration } from '../migrate.js';

export const addMessageContext: Migration = {
  version: 90,
  name: 'add-message-context',
  up(db) {
    // What each reply's prompt used of the context window and how many earlier
    // messages were left out (JSON, the contract's ContextUse); null before 0090.
    db.exec('ALTER TABLE messages ADD COLUMN context_json TEXT');
    // The chat's current domain is its newest routed reply: found through this index in one step,
    // not by walking back over every unrouted message of a long chat.
    db.exec('CREATE INDEX messages_routed ON messages (chat_id, seq) WHERE routing_json IS NOT NULL');
  },
};
