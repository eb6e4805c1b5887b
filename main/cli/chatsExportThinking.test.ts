import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../services/store/createStore.js';
import { openDatabase } from '../services/store/openDatabase.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
let dataDir: string;
let chatId: string;

function hearth(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [hearthBin, ...args, '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, HEARTH_DATA_DIR: '', HEARTH_PASSPHRASE: '', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-thinking-'));
  const store = createStore({ db: openDatabase(path.join(dataDir, 'hearth.db')) });
  const chat = store.createChat({ title: 'Riddle', modelId: 'qwen3-0.6b' });
  store.addMessage({ chatId: chat.id, role: 'user', content: 'What has keys but no locks?' });
  const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: 'A piano.', modelId: 'qwen3-0.6b' });
  store.updateMessage(reply.id, { thought: { text: 'Keys: a keyboard, a map legend, a piano.', durationMs: 3_000, tokens: 12 } });
  chatId = chat.id;
  store.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hearth chats export and thinking', () => {
  it('leaves the thought out without --include-thinking', () => {
    const md = hearth('chats', 'export', chatId, '--format', 'md');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('A piano.');
    expect(md.stdout).not.toContain('map legend');
    const json = hearth('chats', 'export', chatId, '--format', 'json');
    expect(json.stdout).not.toContain('map legend');
    expect(json.stdout).not.toContain('"thought"');
  });

  it('adds it, marked as thinking, with --include-thinking', () => {
    const md = hearth('chats', 'export', chatId, '--format', 'md', '--include-thinking');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('<summary>Thinking (3 s)</summary>\n\n> Keys: a keyboard, a map legend, a piano.\n\n</details>\n\nA piano.');
    const json = JSON.parse(hearth('chats', 'export', chatId, '--format', 'json', '--include-thinking').stdout) as { messages: Array<{ content: string; thought: unknown }> };
    expect(json.messages.map((m) => m.thought)).toEqual([null, { text: 'Keys: a keyboard, a map legend, a piano.', durationMs: 3_000, tokens: 12 }]);
  });

  it('names the flag in its usage', () => {
    const r = hearth('chats');
    expect(r.stderr + r.stdout).toContain('--include-thinking');
  });
});
