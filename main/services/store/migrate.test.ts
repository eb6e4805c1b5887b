import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from './createStore.js';
import { migrate, schemaVersion, type Migration } from './migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';
import { openDatabase } from './openDatabase.js';
import { tempDir } from './tempStore.js';

function tables(db: Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

/** Rows written with the columns each table had when it was created, as an older build would have. */
function seed(db: Database, version: number): void {
  if (version >= 10) {
    db.prepare("INSERT INTO chats (id, title, model_id, system_prompt, sampling_json, created_at, updated_at) VALUES ('c1', 'Old chat', 'm1', 'Be brief', '{\"temperature\":0.5}', 1, 2)").run();
  }
  if (version >= 20) {
    const add = db.prepare("INSERT INTO messages (id, chat_id, role, content, status, created_at, updated_at) VALUES (?, 'c1', ?, ?, 'complete', 3, 3)");
    add.run('m1', 'user', 'Where is the lighthouse?');
    add.run('m2', 'assistant', 'The lighthouse stands on the northern cliff.');
  }
  if (version >= 40) db.prepare("INSERT INTO settings (key, value_json) VALUES ('theme', '\"dark\"')").run();
  if (version >= 50) {
    db.prepare(
      "INSERT INTO models (id, name, path, source, size_bytes, architecture, quantization, context_length, has_chat_template, added_at) VALUES ('tiny', 'Tiny', '/m/tiny.gguf', 'link', 10, 'llama', 'Q8_0', 512, 1, 5)",
    ).run();
  }
}

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('are listed in increasing steps with unique names', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('build the whole schema on an empty database', () => {
    const db = openDatabase(tmp.file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['chats', 'messages', 'messages_fts', 'settings', 'models', 'messages_by_chat', 'messages_fts_update']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('do nothing the second time', () => {
    openDatabase(tmp.file).close();
    const db = openDatabase(tmp.file);
    const before = tables(db);
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(before);
    db.close();
  });

  for (let k = 1; k < MIGRATIONS.length; k++) {
    const from = MIGRATIONS[k - 1]!;
    it(`upgrade a database at schema ${from.version} (${from.name}) keeping its data`, () => {
      const old = new BetterSqlite3(tmp.file);
      migrate(old, MIGRATIONS.slice(0, k));
      expect(schemaVersion(old)).toBe(from.version);
      seed(old, from.version);
      old.close();

      const db = openDatabase(tmp.file);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      const store = createStore({ db });
      const chat = store.getChat('c1');
      expect(chat).toMatchObject({ title: 'Old chat', modelId: 'm1', systemPrompt: 'Be brief', sampling: { temperature: 0.5 }, createdAt: 1 });
      if (from.version >= 20) {
        expect(chat.messageCount).toBe(2);
        expect(store.listMessages('c1').map((m) => m.id)).toEqual(['m1', 'm2']);
        // Messages written before the search index existed are found too.
        expect(store.search('lighthouse').map((h) => h.messageId).sort()).toEqual(['m1', 'm2']);
      }
      if (from.version >= 40) expect(store.getSettings().theme).toBe('dark');
      if (from.version >= 50) expect(store.getModel('tiny')).toMatchObject({ path: '/m/tiny.gguf', hasChatTemplate: true });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      store.close();
    });
  }

  it('run all pending steps in one transaction: a failure leaves schema and user_version as they were', () => {
    const db = new BetterSqlite3(tmp.file);
    migrate(db, MIGRATIONS.slice(0, 1));
    seed(db, 10);
    const before = tables(db);
    const failing: Migration = {
      version: LATEST_SCHEMA_VERSION + 10,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, failing])).toThrow(/failed in migration \d+ \(broken\): disk on fire\. Nothing was changed/);
    expect(schemaVersion(db)).toBe(10);
    expect(tables(db)).toEqual(before);
    expect(db.prepare('SELECT title FROM chats').all()).toEqual([{ title: 'Old chat' }]);
    // Foreign keys are back to what they were for the store that follows.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('keep rows that a later step rebuilds from being cascaded away', () => {
    const db = openDatabase(tmp.file);
    seed(db, LATEST_SCHEMA_VERSION);
    // A typical future step: rebuild chats (new table, copy, drop, rename), with
    // the triggers that name chats dropped first, as SQLite's procedure asks.
    const rebuild: Migration = {
      version: LATEST_SCHEMA_VERSION + 10,
      name: 'rebuild-chats',
      up(d) {
        d.exec(`
          DROP TRIGGER messages_count_insert; DROP TRIGGER messages_count_delete; DROP TRIGGER messages_count_move;
          CREATE TABLE chats_new (id TEXT PRIMARY KEY, title TEXT, model_id TEXT, system_prompt TEXT, sampling_json TEXT,
            message_count INTEGER, created_at INTEGER, updated_at INTEGER, pinned INTEGER NOT NULL DEFAULT 0);
          INSERT INTO chats_new (id, title, model_id, system_prompt, sampling_json, message_count, created_at, updated_at)
            SELECT id, title, model_id, system_prompt, sampling_json, message_count, created_at, updated_at FROM chats;
          DROP TABLE chats; ALTER TABLE chats_new RENAME TO chats;`);
      },
    };
    migrate(db, [...MIGRATIONS, rebuild]);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    db.close();
  });

  it('refuse an out-of-order list', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [MIGRATIONS[1]!, MIGRATIONS[0]!])).toThrow(/increasing/);
    db.close();
  });

  it('refuse a database from a newer build and leave the file untouched', () => {
    const db = new BetterSqlite3(tmp.file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 100}`);
    db.close();
    const bytes = fs.readFileSync(tmp.file);
    const mtime = fs.statSync(tmp.file).mtimeMs;
    const error = (() => {
      try {
        openDatabase(tmp.file);
      } catch (e) {
        return e as { code: string; message: string };
      }
      return null;
    })();
    expect(error?.code).toBe('DB_FROM_FUTURE');
    expect(error?.message).toBe(
      `${tmp.file} was written by a newer Hearth (schema ${LATEST_SCHEMA_VERSION + 100}, this build knows ${LATEST_SCHEMA_VERSION}). Update Hearth, or move the file aside to start fresh.`,
    );
    expect(fs.readFileSync(tmp.file).equals(bytes)).toBe(true);
    expect(fs.statSync(tmp.file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(tmp.dir)).toEqual(['hearth.db']);
  });
});
