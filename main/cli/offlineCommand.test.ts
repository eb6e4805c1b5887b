import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
let dataDir: string;

const witness = path.join(root, 'e2e/support/recordConnects.mjs');

function hearth(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return hearthWith({}, ...args);
}

function hearthWith(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [hearthBin, ...args, '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, HEARTH_DATA_DIR: '', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-offline-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hearth offline / hearth network log', () => {
  it('switches offline mode on and off, and reports it', () => {
    expect(hearth('offline', 'status', '--json')).toMatchObject({ code: 0, stdout: '{"offline":false}\n' });
    const on = hearth('offline', 'on');
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/Offline mode is on.*hearth offline off/);
    expect(hearth('offline', 'status', '--json').stdout).toBe('{"offline":true}\n');
    expect(hearth('offline', 'off', '--json')).toMatchObject({ code: 0, stdout: '{"offline":false}\n' });
    expect(hearth('offline', 'status').stdout).toMatch(/Offline mode is off/);
  });

  it('refuses wrong usage with exit 2', () => {
    expect(hearth('offline').code).toBe(2);
    expect(hearth('offline', 'maybe')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown offline command "maybe"/) });
    expect(hearth('network', 'dump').code).toBe(2);
    expect(hearth('network', 'log', '--limit', '0').code).toBe(2);
  });

  it('prints the network log, newest first, as a table or JSON', () => {
    expect(hearth('network', 'log')).toMatchObject({ code: 0, stdout: 'No network attempts recorded. Offline mode is off.\n' });
    // Rows as the app writes them (the log is shared through the data folder's database).
    const db = new BetterSqlite3(path.join(dataDir, 'hearth.db'));
    const insert = db.prepare('INSERT INTO network_log (at, host, port, purpose, allowed, detail) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(Date.UTC(2025, 0, 1, 10, 0, 0), 'huggingface.co', 443, 'download', 1, 'https://huggingface.co/a/b/resolve/main/c.gguf');
    insert.run(Date.UTC(2025, 0, 1, 11, 0, 0), '::1', 8080, 'unknown', 0, 'blocked by the socket guard: tcp ::1:8080');
    db.close();
    const text = hearth('network', 'log');
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+RESULT\s+PURPOSE\s+HOST\s+DETAIL$/);
    expect(lines[1]).toMatch(/^2025-01-01 11:00:00\s+blocked\s+unknown\s+\[::1\]:8080\s+blocked by the socket guard/);
    expect(lines[2]).toMatch(/^2025-01-01 10:00:00\s+allowed\s+download\s+huggingface\.co:443\s+https:/);
    const json = JSON.parse(hearth('network', 'log', '--json', '--limit', '1').stdout) as unknown[];
    expect(json).toEqual([{ id: 2, at: Date.UTC(2025, 0, 1, 11, 0, 0), host: '::1', port: 8080, purpose: 'unknown', allowed: false, detail: 'blocked by the socket guard: tcp ::1:8080' }]);
  });
});

describe('acceptance: with offline mode on, models download of any URL fails and nothing reaches the network', () => {
  it('loopback http, https and hf: all exit non-zero saying how to allow it; the server sees no connection; the witness sees no socket or DNS query', async () => {
    // A raw TCP server: it counts connections of any protocol, so an https attempt would show too.
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const connectLog = path.join(dataDir, 'connects.jsonl');
    try {
      expect(hearth('offline', 'on').code).toBe(0);
      const sources = [`http://127.0.0.1:${port}/x.gguf`, `https://127.0.0.1:${port}/x.gguf`, 'hf:owner/repo/x.gguf'];
      for (const source of sources) {
        const r = hearthWith({ NODE_OPTIONS: `--import=${witness}`, HEARTH_CONNECT_LOG: connectLog }, 'models', 'download', source);
        expect(r.code, source).not.toBe(0);
        expect(r.stderr, source).toMatch(/Offline mode is on/);
        expect(r.stderr, source).toMatch(/turn offline mode off in Settings, or run `hearth offline off`/);
      }
      expect(connections).toBe(0);
      const witnessed = fs.readFileSync(connectLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string });
      expect(witnessed.filter((w) => w.kind === 'loaded')).toHaveLength(sources.length);
      expect(witnessed.filter((w) => ['tcp', 'udp', 'dns'].includes(w.kind))).toEqual([]);
      // The policy stopped each one (purpose 'download'), before the socket guard had anything to catch.
      const log = JSON.parse(hearth('network', 'log', '--json', '--limit', '3').stdout) as Array<{ host: string; purpose: string; allowed: boolean }>;
      expect(log.map((a) => [a.host, a.purpose, a.allowed])).toEqual([
        ['huggingface.co', 'download', false],
        ['127.0.0.1', 'download', false],
        ['127.0.0.1', 'download', false],
      ]);
    } finally {
      hearth('offline', 'off');
      await new Promise((r) => server.close(r));
    }
  });
});
