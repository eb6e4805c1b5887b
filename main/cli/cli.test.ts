import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, hasStoriesModel, STORIES_MODEL } from '../../test/fixtures.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
const env = { ...process.env, HEARTH_ENGINE_GPU: 'off', HEARTH_DATA_DIR: '', FORCE_COLOR: '0' };

let dataDir: string;
let scratch: string;

function hearth(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const argv = args.length === 0 ? [] : [args[0]!, '--data-dir', dataDir, ...args.slice(1)];
  const r = spawnSync(process.execPath, [hearthBin, ...argv], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: Buffer | string): string {
  const p = path.join(scratch, name);
  fs.writeFileSync(p, content);
  return p;
}

function ggufPrefix(tensorCount: bigint, kvCount: bigint): Buffer {
  const b = Buffer.alloc(24);
  b.write('GGUF', 0, 'latin1');
  b.writeUInt32LE(3, 4);
  b.writeBigUInt64LE(tensorCount, 8);
  b.writeBigUInt64LE(kvCount, 16);
  return b;
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-'));
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-files-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('hearth CLI, spawned as a user would', () => {
  it('prints usage and exits 2 without a command, 2 for an unknown one', () => {
    expect(hearth().code).toBe(2);
    const r = hearth('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  const bad: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => path.join(scratch, 'missing.gguf'), /no file at|not found|does not exist/i],
    ['a non-GGUF file', () => file('notes.gguf', 'just some text, not a model at all\n'.repeat(10)), /not a GGUF/i],
    ['a file with a bad magic', () => file('badmagic.gguf', Buffer.concat([Buffer.from('GGUX'), Buffer.alloc(200)])), /not a GGUF/i],
    ['a truncated GGUF', () => file('truncated.gguf', fs.readFileSync(fixturePath('tiny')).subarray(0, 3000)), /not a valid GGUF|ends inside|truncated/i],
    ['a GGUF header with absurd counts', () => file('absurd.gguf', Buffer.concat([ggufPrefix(1n << 60n, 1n << 60n), Buffer.alloc(64)])), /claims \d+ tensors/i],
    ['a random file', () => file('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), /not a GGUF/i],
  ];
  for (const [what, make, message] of bad) {
    it(`models add refuses ${what} with one clear line and adds nothing`, () => {
      const r = hearth('models', 'add', make());
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(JSON.parse(hearth('models', 'list', '--json').stdout)).toEqual([]);
    });
  }

  it('adds, lists and describes a model', () => {
    const add = hearth('models', 'add', fixturePath('tiny'));
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^Added tiny/);
    const list = JSON.parse(hearth('models', 'list', '--json').stdout) as Array<{ id: string; architecture: string; path: string }>;
    expect(list.map((m) => [m.id, m.architecture])).toEqual([['tiny', 'llama']]);
    expect(list[0]!.path.startsWith(dataDir)).toBe(true);
    const info = hearth('models', 'info', 'tiny', '--json');
    expect(info.code, info.stderr).toBe(0);
    const parsed = JSON.parse(info.stdout) as { quantization: string; contextLength: number; fit: { verdict: string; ramNeededBytes: number } };
    expect(parsed.contextLength).toBeGreaterThan(0);
    expect(parsed.fit.verdict).toBe('fits');
    expect(parsed.fit.ramNeededBytes).toBeGreaterThan(0);
    expect(hearth('models', 'info', 'tiny').stdout).toMatch(/fits here:\s+yes/);
  });

  it('fails clearly for an unknown model id', () => {
    const r = hearth('chat', '--model', 'no-such-model', '--prompt', 'hi');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no-such-model.*not in the cache/);
  });

  it('chats, stores the chat, and lists, shows, searches, exports and deletes it', () => {
    const r = hearth('chat', '--model', 'tiny', '--prompt', 'Remember the word pelican', '--max-tokens', '8', '--seed', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { chatId: string; messageId: string; text: string; stats: { completionTokens: number } };
    expect(out.stats.completionTokens).toBeGreaterThan(0);
    const chats = JSON.parse(hearth('chats', 'list', '--json').stdout) as Array<{ id: string; title: string; messageCount: number }>;
    expect(chats[0]).toMatchObject({ id: out.chatId, title: 'Remember the word pelican', messageCount: 2 });
    const shown = JSON.parse(hearth('chats', 'show', out.chatId, '--json').stdout) as { messages: Array<{ role: string; status: string; content: string }> };
    expect(shown.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(shown.messages[1]!.content).toBe(out.text);
    const hits = JSON.parse(hearth('chats', 'search', 'pelican', '--json').stdout) as Array<{ chatId: string }>;
    expect(hits.map((h) => h.chatId)).toContain(out.chatId);
    const md = hearth('chats', 'export', out.chatId, '--format', 'md');
    expect(md.stdout).toMatch(/Remember the word pelican/);
    const json = JSON.parse(hearth('chats', 'export', out.chatId, '--format', 'json').stdout) as { messages: unknown[] };
    expect(json.messages).toHaveLength(2);
    expect(hearth('chats', 'rm', out.chatId).code).toBe(0);
    expect(hearth('chats', 'show', out.chatId).code).toBe(1);
  });

  it('keeps the chat and its partial reply, marked interrupted, when killed -9 mid-reply', async () => {
    // The `small` fixture streams for many seconds: plenty of time to kill it mid-reply.
    const child = spawn(process.execPath, [hearthBin, 'chat', '--data-dir', dataDir, '--model', fixturePath('small'), '--prompt', 'Kill me softly'], { cwd: root, env });
    let printed = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output before timeout: ${printed}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        // Past the first store write (every 250 ms), kill it the hard way.
        if (printed.length > 50 && !child.killed) {
          setTimeout(() => {
            clearTimeout(timer);
            child.kill('SIGKILL');
            resolve();
          }, 600);
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    const chats = JSON.parse(hearth('chats', 'list', '--json').stdout) as Array<{ id: string; title: string }>;
    const chat = chats.find((c) => c.title === 'Kill me softly');
    expect(chat).toBeDefined();
    const shown = JSON.parse(hearth('chats', 'show', chat!.id, '--json').stdout) as { messages: Array<{ role: string; status: string; content: string }> };
    const reply = shown.messages.find((m) => m.role === 'assistant')!;
    expect(reply.status).toBe('interrupted');
    expect(reply.content.length).toBeGreaterThan(0);
    expect(printed.startsWith(reply.content.slice(0, 20))).toBe(true);
  });

  it.skipIf(!hasStoriesModel)('continues "Once upon a time" with a story from stories260K', () => {
    const r = hearth('chat', '--model', STORIES_MODEL, '--prompt', 'Once upon a time', '--max-tokens', '40', '--seed', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toLowerCase()).toMatch(/\b(the|a|was|she|he|there|little)\b/);
    expect(r.stderr).toMatch(/tokens, [\d.]+ tok\/s/);
  });
});
