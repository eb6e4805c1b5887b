import type { Migration } from '../migrate.js';

/**
 * Reasoning models: a reply's thinking, kept apart from its answer, and each
 * chat's thinking switch and budget.
 *
 * The thought is not indexed for search (messages_fts stays over `content`):
 * search finds what was said, and a thought is the model's scratch work, often
 * long, repetitive and wrong on the way to the answer; it would flood the hits
 * with words the answer never used. LM Studio does not search thoughts either.
 */
export const messageThought: Migration = {
  version: 140,
  name: 'message-thought',
  up(db) {
    db.exec(`
      -- JSON, the contract's Thought {text, durationMs, tokens}; null when the model did not think.
      ALTER TABLE messages ADD COLUMN thought_json TEXT;
      -- 'auto' (the model's default), 'on' or 'off'.
      ALTER TABLE chats ADD COLUMN thinking TEXT NOT NULL DEFAULT 'auto' CHECK (thinking IN ('auto', 'on', 'off'));
      -- Most thought tokens a reply may spend; null: no cap.
      ALTER TABLE chats ADD COLUMN thinking_budget INTEGER CHECK (thinking_budget IS NULL OR thinking_budget > 0);
    `);
  },
};
