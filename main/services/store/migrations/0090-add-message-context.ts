import type { Migration } from '../migrate.js';

export const addMessageContext: Migration = {
  version: 90,
  name: 'add-message-context',
  up(db) {
    // What each reply's prompt used of the context window and how many earlier
    // messages were left out (JSON, the contract's ContextUse); null before 0090.
    db.exec('ALTER TABLE messages ADD COLUMN context_json TEXT');
  },
};
