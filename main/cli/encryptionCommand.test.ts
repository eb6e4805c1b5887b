import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../services/store/createStore.js';
import { openDatabase } from '../services/store/openDatabase.js';
import { filesContaining } from '../services/privacy/scanForText.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
const MARKER = 'wvkq-cli-marker-92be';
const PASS = 'a long enough passphrase';
let dataDir: string;

function hearth(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [hearthBin, ...args, '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, HEARTH_DATA_DIR: '', HEARTH_PASSPHRASE: '', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const snapshot = () =>
  fs
    .readdirSync(dataDir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => {
      const full = path.join(dataDir, f);
      return fs.statSync(full).isFile() ? `${f}:${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}` : f;
    });

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-encryption-'));
  const store = createStore({ db: openDatabase(path.join(dataDir, 'hearth.db')) });
  const chat = store.createChat({ title: `secret ${MARKER}` });
  store.addMessage({ chatId: chat.id, role: 'user', content: `the marker is ${MARKER}` });
  store.updateSettings({ offline: true });
  store.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hearth encryption / hearth data delete-all', () => {
  it('encrypts: the marker is in no file, the chat reads back with the passphrase', () => {
    expect(hearth({}, 'encryption', 'status', '--json').stdout).toBe('{"encrypted":false,"changed":false,"pending":null}\n');
    // No passphrase and no terminal: refused, nothing changed.
    const refused = hearth({}, 'encryption', 'on');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/set HEARTH_PASSPHRASE/);
    expect(filesContaining(dataDir, MARKER)).toContain('hearth.db');

    expect(hearth({ HEARTH_PASSPHRASE: PASS }, 'encryption', 'on', '--json')).toMatchObject({ code: 0, stdout: '{"encrypted":true,"changed":true,"pending":null}\n' });
    expect(filesContaining(dataDir, MARKER)).toEqual([]);
    const list = hearth({ HEARTH_PASSPHRASE: PASS }, 'chats', 'list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)[0].title).toBe(`secret ${MARKER}`);
    expect(filesContaining(dataDir, MARKER)).toEqual([]);
  });

  it('without the passphrase, or with a wrong one, exits non-zero with a clear message and changes nothing', () => {
    const before = snapshot();
    const missing = hearth({}, 'chats', 'list');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/hearth\.db is encrypted and no passphrase was given\. Nothing was changed\. Set HEARTH_PASSPHRASE/);
    const wrong = hearth({ HEARTH_PASSPHRASE: 'not the passphrase' }, 'data', 'delete-all', '--yes');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/the passphrase given does not open it/);
    expect(hearth({ HEARTH_PASSPHRASE: 'not the passphrase' }, 'encryption', 'off').code).toBe(1);
    expect(snapshot()).toEqual(before);
  });

  it('delete-all with the passphrase removes the chat and keeps offline mode; encryption off stores it plain again', () => {
    expect(hearth({ HEARTH_PASSPHRASE: PASS }, 'data', 'delete-all')).toMatchObject({ code: 2, stderr: expect.stringMatching(/add --yes/) });
    expect(hearth({ HEARTH_PASSPHRASE: PASS }, 'data', 'delete-all', '--yes', '--json')).toMatchObject({ code: 0, stdout: '{"chats":1,"models":0}\n' });
    expect(hearth({ HEARTH_PASSPHRASE: PASS }, 'encryption', 'off', '--json')).toMatchObject({ code: 0, stdout: '{"encrypted":false,"changed":true,"pending":null}\n' });
    expect(hearth({}, 'offline', 'status', '--json')).toMatchObject({ stdout: '{"offline":true}\n' });
    expect(JSON.parse(hearth({}, 'chats', 'list', '--json').stdout)).toEqual([]);
    expect(filesContaining(dataDir, MARKER)).toEqual([]);
  });
});
