import type { Migration } from '../migrate.js';

export const createNetworkLog: Migration = {
  version: 80,
  name: 'create-network-log',
  up(db) {
    // Every outbound attempt Hearth made or refused: the proof that offline mode
    // held. Bounded by the writer (createNetworkLog prunes to the newest rows), so
    // no index on time is needed: the integer key is already in time order.
    db.exec(`
      CREATE TABLE network_log (
        id       INTEGER PRIMARY KEY,
        at       INTEGER NOT NULL,
        host     TEXT NOT NULL,
        port     INTEGER,
        purpose  TEXT NOT NULL,
        allowed  INTEGER NOT NULL CHECK (allowed IN (0, 1)),
        detail   TEXT NOT NULL
      ) STRICT;
    `);
  },
};
