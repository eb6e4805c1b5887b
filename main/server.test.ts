import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from './contract/index.js';
import { fakeHandlers } from './rpc/fakeHandlers.js';
import { createEventBus } from './services/events/eventBus.js';
import { browserCommand, parseServeArgs, startServer, writeLaunchFile, type RunningServer } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-server-'));
  temps.push(dir);
  return dir;
}

function rpc(server: RunningServer, frame: unknown): Promise<Record<string, unknown>> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}`, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${server.token}`]);
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify(frame)));
    // Event frames (chats.changed, say) may come before the reply: answer with the reply to this frame.
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in reply) return;
      resolve(reply);
      ws.close();
    });
  });
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('parseServeArgs', () => {
  it('reads the flags and defaults the port to 0', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, dataDir: undefined, staticDir: undefined, open: false, help: false });
    expect(parseServeArgs(['--port', '8123', '--data-dir', 'd', '--static', 'dist/renderer', '--open'])).toEqual({
      port: 8123,
      dataDir: 'd',
      staticDir: path.resolve('dist/renderer'),
      open: true,
      help: false,
    });
  });

  it.each([['--port', '-1'], ['--port', '70000'], ['--port', '1e3'], ['--port', 'abc'], ['--bogus'], ['stray']])('refuses %j', (...argv) => {
    expect(() => parseServeArgs(argv)).toThrow();
  });
});

describe('browserCommand / writeLaunchFile', () => {
  const url = 'http://127.0.0.1:4321/#token=abc_DEF-123';
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-launch-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands the opener a private launch file, never the tokenized address', () => {
    const file = writeLaunchFile(dir, url);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain(url);
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const { args } = browserCommand(file, platform, {});
      expect(args.at(-1)).toBe(file);
      expect(args.join(' ')).not.toContain('token');
    }
    expect(browserCommand(file, 'linux', {})).toEqual({ command: 'xdg-open', args: [file] });
    expect(browserCommand(file, 'linux', { BROWSER: '/usr/bin/firefox' })).toEqual({ command: '/usr/bin/firefox', args: [file] });
  });
  it.each(['http://127.0.0.1:1/#token=a&calc', 'file:///etc/passwd', 'http://evil.example/#token=a'])('writes no launch file for %s', (bad) => {
    expect(() => writeLaunchFile(dir, bad)).toThrow();
  });
  it.each([url, '/etc/passwd', 'relative/open-hearth-0123456789ab.html'])('refuses to open %s', (bad) => {
    expect(() => browserCommand(bad, 'linux', {})).toThrow();
  });

  it('`serve --open` leaves the token on no command line (a fake opener records its argv)', async () => {
    const record = path.join(dir, 'argv.json');
    const opener = path.join(dir, 'fake-opener.mjs');
    // Records its arguments and stays alive a moment, so the scan below sees it running.
    fs.writeFileSync(opener, `#!${process.execPath}\nimport fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\nsetTimeout(() => {}, 3000);\n`, { mode: 0o755 });
    const dataDir = path.join(dir, 'data');
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../bin/hearth.mjs'), 'serve', '--open', '--data-dir', dataDir], {
      env: { ...process.env, BROWSER: opener, HEARTH_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const token = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += String(d);
          const m = /#token=([A-Za-z0-9_-]+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        let err = '';
        child.stderr.on('data', (d) => (err += String(d)));
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      for (let i = 0; i < 200 && !fs.existsSync(record); i++) await new Promise((r) => setTimeout(r, 50));
      const argv = JSON.parse(fs.readFileSync(record, 'utf8')) as string[];
      expect(argv).toHaveLength(1);
      expect(argv[0]).toMatch(/open-hearth-[0-9a-f]{12}\.html$/);
      expect(fs.statSync(argv[0]!).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(argv[0]!, 'utf8')).toContain(`#token=${token}`);
      // Every process's command line on this machine, the opener's included while it runs.
      const withToken = fs
        .readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((pid) => {
          try {
            return fs.readFileSync(`/proc/${pid}/cmdline`).includes(token);
          } catch {
            return false;
          }
        });
      expect(withToken).toEqual([]);
      expect(fs.readdirSync(path.join(dataDir, 'logs')).every((f) => !fs.readFileSync(path.join(dataDir, 'logs', f)).includes(token))).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 60_000);
});

describe('startServer', () => {
  it('serves given services with a fresh token and leaves disposing them to the caller', async () => {
    const dispose = vi.fn(async () => {});
    const bus = createEventBus();
    const handlers = fakeHandlers({ 'app.info': (_p, ctx) => ({ version: 't', dataDir: '/x', platform: 'p', shell: ctx.shell }) });
    const a = await startServer({ services: { handlers, bus, dispose }, staticDir: null });
    const b = await startServer({ services: { handlers, bus, dispose }, staticDir: null });
    servers.push(a, b);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}/#token=${a.token}`);
    expect(await rpc(a, { id: 1, method: 'app.info' })).toMatchObject({ id: 1, ok: true, result: { shell: 'browser' } });
    await a.close();
    expect(await portIsClosed(a.port)).toBe(true);
    expect(dispose).not.toHaveBeenCalled();
  });

  it('builds the real services on a data folder and disposes them on close', async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir, staticDir: null, engineEnv: { HEARTH_ENGINE_GPU: 'off' } });
    servers.push(server);
    expect(await rpc(server, { id: 1, method: 'app.info' })).toMatchObject({ ok: true, result: { dataDir, shell: 'browser' } });
    expect(await rpc(server, { id: 2, method: 'chats.create', params: { title: 'From the test' } })).toMatchObject({ ok: true, result: { title: 'From the test' } });
    expect(fs.existsSync(path.join(dataDir, 'hearth.pid'))).toBe(true);
    await server.close();
    // The instance lock is released last, after the store is closed.
    expect(fs.existsSync(path.join(dataDir, 'hearth.pid'))).toBe(false);
  });
});

describe('main/server.ts as a process', () => {
  it('prints one line with the URL, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/server.ts'), '--port', '0', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, HEARTH_ENGINE_GPU: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL line: ${stdout} ${stderr}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /Hearth is running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=[\w-]+)\n/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const port = Number(new URL(url).port);
    const token = new URL(url).hash.replace('#token=', '');
    const reply = await rpc({ url, port, token, close: async () => {} }, { id: 'x', method: 'chats.list' });
    expect(reply).toEqual({ id: 'x', ok: true, result: [] });

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(await portIsClosed(port)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'hearth.pid'))).toBe(false);
  });

  it('exits 2 with the usage on a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/server.ts'), '--port', 'nope'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number');
  });
});
