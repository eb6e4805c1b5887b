import type { Migration } from '../migrate.js';

export const createProfiles: Migration = {
  version: 70,
  name: 'create-profiles',
  up(db) {
    // Domain routing. A built-in profile's row holds only the user's edits (a
    // patch over the shipped version), so an unedited field follows updates of
    // the shipped file and "reset" is deleting the row; a custom profile's row
    // holds all of it. routing_mode is 'auto' or the id of the pinned profile.
    // messages.routing_json already exists (0020).
    db.exec(`
      CREATE TABLE profiles (
        id         TEXT PRIMARY KEY,
        built_in   INTEGER NOT NULL CHECK (built_in IN (0, 1)),
        data_json  TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE chats ADD COLUMN routing_mode TEXT NOT NULL DEFAULT 'auto';
    `);
  },
};
