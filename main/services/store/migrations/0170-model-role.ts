import type { Migration } from '../migrate.js';

export const modelRole: Migration = {
  version: 170,
  name: 'model-role',
  up(db) {
    // What each model is for, read from its file: chat, embedding or reranker.
    // Models added before this step have none (NULL) until the library reads
    // their headers again at start; meanwhile the architecture decides.
    db.exec("ALTER TABLE models ADD COLUMN role TEXT CHECK (role IS NULL OR role IN ('chat', 'embedding', 'reranker'))");
  },
};
