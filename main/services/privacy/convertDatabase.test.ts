import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../store/createStore.js';
import { isDatabaseEncrypted, openDatabase } from '../store/openDatabase.js';
import { convertDatabase, convertingPath, type ConvertStep } from './convertDatabase.js';
import { filesContaining } from './scanForText.js';

const MARKER = 'qvzk-encrypted-marker-51c2';
const KEY = 'correct horse battery staple';

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function caught(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}

describe('convertDatabase', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-convert-'));
    file = path.join(dir, 'hearth.db');
    const store = createStore({ db: openDatabase(file) });
    const chat = store.createChat({ title: `about ${MARKER}` });
    for (let i = 0; i < 50; i++) store.addMessage({ chatId: chat.id, role: i % 2 ? 'assistant' : 'user', content: `${MARKER} message ${i} `.repeat(20) });
    store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('encrypts the whole database: the marker is in no file, yet the chat reads back (FTS included) with the key', () => {
    expect(filesContaining(dir, MARKER)).toEqual(['hearth.db']);
    expect(convertDatabase({ file, toKey: KEY })).toEqual({ encrypted: true });
    expect(isDatabaseEncrypted(file)).toBe(true);
    expect(fs.existsSync(convertingPath(file))).toBe(false);

    const store = createStore({ db: openDatabase(file, { key: KEY }) });
    const [summary] = store.listChats();
    expect(summary!.title).toBe(`about ${MARKER}`);
    expect(store.listMessages(summary!.id)).toHaveLength(50);
    expect(store.search('qvzk').length).toBeGreaterThan(0);
    // New writes go through an encrypted WAL.
    store.addMessage({ chatId: summary!.id, role: 'user', content: `${MARKER} written after encryption` });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(filesContaining(dir, MARKER)).toEqual([]);
    store.close();
    expect(filesContaining(dir, MARKER)).toEqual([]);
  });

  it('without the key, or with a wrong one, opening fails with LOCKED and changes no byte', () => {
    convertDatabase({ file, toKey: KEY });
    const before = digest(file);
    const missing = caught(() => openDatabase(file));
    expect(missing.code).toBe('LOCKED');
    expect(missing.message).toMatch(/encrypted and no passphrase was given.*HEARTH_PASSPHRASE/);
    const wrong = caught(() => openDatabase(file, { key: 'not it' }));
    expect(wrong.code).toBe('LOCKED');
    expect(wrong.message).toMatch(/does not open it. Nothing was changed/);
    expect(digest(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['hearth.db']);
    expect(caught(() => convertDatabase({ file, fromKey: 'not it', toKey: null })).code).toBe('LOCKED');
    expect(digest(file)).toBe(before);
  });

  it('decrypts back to a plain database that opens without a key', () => {
    convertDatabase({ file, toKey: KEY });
    convertDatabase({ file, fromKey: KEY, toKey: null });
    expect(isDatabaseEncrypted(file)).toBe(false);
    const store = createStore({ db: openDatabase(file) });
    expect(store.listChats()[0]!.title).toBe(`about ${MARKER}`);
    store.close();
  });

  it('a conversion that stops before the rename leaves the original untouched', () => {
    const before = digest(file);
    for (const step of ['exported', 'rekeyed', 'verified', 'synced'] as ConvertStep[]) {
      const stop = (s: ConvertStep) => {
        if (s === step) throw new Error(`stopped at ${s}`);
      };
      expect(() => convertDatabase({ file, toKey: KEY, onStep: stop })).toThrow(`stopped at ${step}`);
      expect(isDatabaseEncrypted(file)).toBe(false);
      expect(digest(file)).toBe(before);
    }
    const store = createStore({ db: openDatabase(file) });
    expect(store.counts().messages).toBe(50);
    store.close();
  });
});
