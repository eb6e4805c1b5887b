import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../app/dataDir.js';
import { createEventBus } from '../events/eventBus.js';
import { createLogger } from '../log/createLogger.js';
import { createStore, type Store } from '../store/createStore.js';
import { openDatabase } from '../store/openDatabase.js';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createPrivacyService, type PrivacyService } from './createPrivacyService.js';
import { filesContaining } from './scanForText.js';

const MARKER = 'zqxj-marker-7f3a91';
/** Text long enough to spill into overflow pages, where a deleted row's words are easy to leave behind. */
const long = (n: number) => Array.from({ length: n }, (_, i) => `${MARKER} line ${i} of a private note about the hearth`).join('\n');

interface World {
  dir: string;
  db: Database;
  store: Store;
  privacy: PrivacyService;
  logFile: string;
  close(): void;
}

function world(dir: string): World {
  const paths = prepareDataDir(dir);
  const logFile = path.join(paths.logs, 'hearth.log');
  const logger = createLogger({ file: logFile });
  const db = openDatabase(paths.database);
  const store = createStore({ db });
  const removed: string[] = [];
  const privacy = createPrivacyService({
    db,
    dataDir: dir,
    paths: { database: paths.database, logs: paths.logs, cache: path.join(dir, 'cache') },
    bus: createEventBus(() => {}),
    logger,
    stopReplies: async () => {},
    downloads: { list: () => [], cancel: async () => ({}) },
    models: { list: () => store.listModels(), remove: async (id) => (removed.push(id), store.removeModel(id)) },
  });
  return { dir, db, store, privacy, logFile, close: () => store.close() };
}

function writeMarkedChat(store: Store, title: string): string {
  const chat = store.createChat({ title, systemPrompt: `system ${MARKER}` });
  store.addMessage({ chatId: chat.id, role: 'user', content: `tell me about ${MARKER}` });
  const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
  // As a streaming reply is stored: drafts growing, then the final text.
  for (let i = 1; i <= 5; i++) store.saveDraft(reply.id, long(i * 20));
  store.updateMessage(reply.id, { content: long(120), status: 'complete' });
  return chat.id;
}

describe('createPrivacyService', () => {
  let dir: string;
  let w: World;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-privacy-'));
    w = world(dir);
  });
  afterEach(() => {
    w.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('deleting one chat leaves its text in no file of the data folder, and keeps the other chats', () => {
    const keep = w.store.createChat({ title: 'kept' });
    w.store.addMessage({ chatId: keep.id, role: 'user', content: 'an ordinary question about bread' });
    const chatId = writeMarkedChat(w.store, `title ${MARKER}`);
    expect(filesContaining(dir, MARKER).length).toBeGreaterThan(0); // the scan can see it while it exists
    expect(w.store.search(MARKER.split('-')[0]!).length).toBeGreaterThan(0);

    expect(w.store.deleteChat(chatId)).toBe(true);
    expect(filesContaining(dir, MARKER)).toEqual([]);
    expect(w.store.listMessages(keep.id)[0]!.content).toBe('an ordinary question about bread');
    // And after the process lets go of the file (the close checkpoints whatever is left).
    w.close();
    expect(filesContaining(dir, MARKER)).toEqual([]);
    w = world(dir);
  });

  it('delete-all leaves the marker nowhere (database, WAL, SHM, logs, caches) and keeps offline mode on', async () => {
    w.store.updateSettings({ offline: true, defaultSystemPrompt: `always mention ${MARKER}`, theme: 'dark' });
    for (let i = 0; i < 3; i++) writeMarkedChat(w.store, `chat ${i}`);
    w.db.prepare(`INSERT INTO profiles (id, built_in, data_json, created_at, updated_at) VALUES ('custom-1', 0, ?, 0, 0)`).run(JSON.stringify({ examples: [MARKER] }));
    w.db.prepare(`INSERT INTO network_log (at, host, port, purpose, allowed, detail) VALUES (0, 'example.org', 443, 'download', 1, ?)`).run(`https://example.org/${MARKER}`);
    w.db.prepare(`INSERT INTO cache_entries (key, value, updated_at) VALUES ('routing', ?, 0)`).run(Buffer.from(MARKER));
    fs.writeFileSync(path.join(dir, 'cache', `routing-embeddings-x.json`), JSON.stringify({ labels: [MARKER] }));
    fs.appendFileSync(w.logFile, `an old build logged ${MARKER}\n`);
    expect(filesContaining(dir, MARKER).length).toBeGreaterThan(2);

    const result = await w.privacy.deleteAll({ includeModels: false });
    expect(result).toEqual({ chats: 3, models: 0 });
    expect(filesContaining(dir, MARKER)).toEqual([]);
    expect(w.store.listChats()).toEqual([]);
    expect(w.store.search('zqxj')).toEqual([]);
    const settings = w.store.getSettings();
    expect(settings.offline).toBe(true);
    expect(settings.theme).toBe('system');
    expect(settings.defaultSystemPrompt).not.toContain(MARKER);
    for (const table of ['profiles', 'network_log', 'cache_entries', 'downloads', 'messages']) {
      expect((w.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
    }
    expect(fs.statSync(`${path.join(dir, 'hearth.db')}-wal`).size).toBe(0);
    // The logger keeps writing after its file was emptied.
    w.close();
    expect(filesContaining(dir, MARKER)).toEqual([]);
    w = world(dir);
    expect(w.store.getSettings().offline).toBe(true);
  });

  it('delete-all keeps offline mode off when it was off', async () => {
    writeMarkedChat(w.store, 'a');
    await w.privacy.deleteAll({ includeModels: false });
    expect(w.store.getSettings().offline).toBe(false);
  });
});
