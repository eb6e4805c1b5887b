import type { Migration } from '../migrate.js';

export const addModelBroken: Migration = {
  version: 100,
  name: 'add-model-broken',
  up(db) {
    // Why a model's load crashed the engine (null: it never did, or it passed
    // `models verify` since): a broken model is no longer offered, so one bad
    // file cannot turn every send into another crash.
    db.exec('ALTER TABLE models ADD COLUMN broken_reason TEXT');
  },
};
