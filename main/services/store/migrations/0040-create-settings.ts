import type { Migration } from '../migrate.js';

export const createSettings: Migration = {
  version: 40,
  name: 'create-settings',
  up(db) {
    // One row per top-level settings key, merged over the defaults on read, so a
    // new setting needs no migration and a bad value costs only that value.
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
