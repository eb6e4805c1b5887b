import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixtures.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
const env = { ...process.env, HEARTH_ENGINE_GPU: 'off', HEARTH_DATA_DIR: '', FORCE_COLOR: '0' };

describe('hearth api (the CLI)', () => {
  let dataDir: string;
  const hearth = (...args: string[]) => {
    const r = spawnSync(process.execPath, [hearthBin, args[0]!, '--data-dir', dataDir, ...args.slice(1)], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-api-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates, lists and revokes keys; the key is printed once and never listed', () => {
    const created = hearth('api', 'keys', 'create', 'editor', '--json');
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout) as { key: string; name: string; id: string };
    expect(key.key).toMatch(/^hk-[A-Za-z0-9_-]{43}$/);
    expect(hearth('api', 'keys', 'create', 'editor').code).toBe(1);
    const list = hearth('api', 'keys', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'editor', id: key.id })]);
    expect(list.stdout).not.toContain(key.key);
    expect(hearth('api', 'keys', 'list').stdout).toMatch(/editor\s+key_/);
    expect(hearth('api', 'keys', 'revoke', 'editor').code).toBe(0);
    expect(JSON.parse(hearth('api', 'keys', 'list', '--json').stdout)).toEqual([]);
    const again = hearth('api', 'keys', 'revoke', 'editor');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no API key named or with id "editor"/);
    expect(hearth('api', 'frobnicate').code).toBe(2);
  });

  it('`hearth api serve` prints the base URL, answers the openai client, and stops cleanly on SIGINT', async () => {
    expect(hearth('models', 'add', fixturePath('tiny'), '--link').code).toBe(0);
    const key = (JSON.parse(hearth('api', 'keys', 'create', 'serve-test', '--json').stdout) as { key: string }).key;
    const child = spawn(process.execPath, [hearthBin, 'api', 'serve', '--data-dir', dataDir, '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const end = Date.now() + 60_000;
      while (!/running at (http:\S+)/.test(stdout)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`no URL printed: ${stdout} ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /running at (http:\S+)/.exec(stdout)![1]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(stdout).toContain('hearth api keys create');
      const client = new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 });
      const models = await client.models.list();
      expect(models.data.map((m) => m.id)).toContain('tiny');
      const r = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 });
      expect(r.usage!.completion_tokens).toBeGreaterThan(0);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toContain('Stopping');
      // The request was logged in the data folder the next command reads.
      const log = JSON.parse(hearth('api', 'log', '--json').stdout) as Array<{ endpoint: string; keyName: string; status: number }>;
      expect(log[0]).toMatchObject({ endpoint: '/v1/chat/completions', keyName: 'serve-test', status: 200 });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
