import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures.js';
import { startFileServer, type FileServer } from '../../test/fileServer.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let dataDir: string;
let home: string;
let server: FileServer;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-libcli-'));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-libcli-home-'));
  server = await startFileServer();
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI as a user would; `onSpawn` may kill it. */
function hearth(args: string[], onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const [command, ...rest] = args;
  const child = spawn(process.execPath, [hearthBin, command!, '--data-dir', dataDir, ...rest], {
    cwd: root,
    env: { ...process.env, HOME: home, HEARTH_DATA_DIR: '', HEARTH_HF_ENDPOINT: server.url, HEARTH_ENGINE_GPU: 'off', FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  onSpawn?.(child);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hearth models download / catalog / scan / verify, spawned as a user would', () => {
  it('ACCEPTANCE: a download SIGKILLed five times at random points resumes each time; right SHA-256; under 1.5x the bytes', async () => {
    const content = fs.readFileSync(fixturePath('small'));
    server.serve('/files/small.gguf', { content, etag: 'sha256' });
    server.setOptions({ bytesPerSecond: 1024 * 1024 });
    const url = `${server.url}/files/small.gguf`;
    let kills = 0;
    for (let i = 0; i < 5; i++) {
      const servedBefore = server.bytesServed();
      const run = await hearth(['models', 'download', url], (child) => {
        void (async () => {
          // Wait until bytes flow in this run, then kill at a random moment.
          while (server.bytesServed() - servedBefore < 64 * 1024 && child.exitCode === null) await sleep(20);
          await sleep(50 + Math.random() * 700);
          if (child.kill('SIGKILL')) kills++;
        })();
      });
      expect(run.signal, `run ${i}: ${run.stderr}`).toBe('SIGKILL');
      expect(fs.existsSync(path.join(dataDir, 'models', 'small.gguf'))).toBe(false);
    }
    expect(kills).toBe(5);
    server.setOptions({});
    const last = await hearth(['models', 'download', url]);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/^Downloaded small\.gguf as small /);
    expect(sha(fs.readFileSync(path.join(dataDir, 'models', 'small.gguf')))).toBe(sha(content));
    expect(fs.existsSync(path.join(dataDir, 'models', 'small.gguf.part'))).toBe(false);
    // Each run after the first continued where the last stopped.
    const resumed = server.requests.filter((r) => r.range !== null);
    expect(resumed.length).toBeGreaterThanOrEqual(5);
    expect(resumed.every((r) => r.status === 206)).toBe(true);
    expect(server.bytesServed()).toBeLessThan(content.length * 1.5);
    const list = await hearth(['models', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: 'small', source: 'download', sha256: sha(content) }]);
  }, 180_000);

  it('exits non-zero with one clear line when a download fails (404, wrong checksum, crafted name)', async () => {
    const missing = await hearth(['models', 'download', `${server.url}/nope/m.gguf`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^hearth: m\.gguf is not on 127\.0\.0\.1:\d+ \(HTTP 404\)/)]);

    const content = fs.readFileSync(fixturePath('tiny'));
    server.serve('/o/r/resolve/main/t.gguf', { content, hfStyle: true, linkedEtag: 'ab'.repeat(32) });
    const wrong = await hearth(['models', 'download', 'hf:o/r/t.gguf']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/not the expected abababababab/);
    expect(fs.readdirSync(path.join(dataDir, 'models'))).toEqual([]);

    const crafted = await hearth(['models', 'download', `${server.url}/x/..%2F..%2Fevil.gguf`]);
    expect(crafted.code).toBe(1);
    expect(crafted.stderr).toMatch(/path separator/);
  });

  it('refuses any download, loopback included, while offline mode is on: non-zero exit, one line, no request reaches the server', async () => {
    server.serve('/files/t.gguf', { content: fs.readFileSync(fixturePath('tiny')) });
    expect((await hearth(['offline', 'on'])).code).toBe(0);
    for (const source of [`${server.url}/files/t.gguf`, 'hf:o/r/t.gguf', 'qwen2.5-0.5b-instruct']) {
      const r = await hearth(['models', 'download', source]);
      expect(r.code, source).toBe(1);
      expect(r.stderr.trim().split('\n'), source).toEqual([expect.stringMatching(/^hearth: .*[Oo]ffline/)]);
    }
    expect(server.requests).toEqual([]);
    expect((await hearth(['offline', 'off'])).code).toBe(0);
    const online = await hearth(['models', 'download', `${server.url}/files/t.gguf`]);
    expect(online.code, online.stderr).toBe(0);
  });

  it('lists the catalog with fit verdicts, as a table and as JSON', async () => {
    const json = await hearth(['models', 'catalog', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const items = JSON.parse(json.stdout) as Array<{ id: string; fit: unknown; fitSource: string | null; installed: unknown[] }>;
    expect(items.length).toBeGreaterThanOrEqual(13);
    expect(items.every((i) => i.fitSource === 'size-estimate' && i.fit !== null && i.installed.length === 0)).toBe(true);
    const text = await hearth(['models', 'catalog']);
    expect(text.stdout).toMatch(/qwen2\.5-3b-instruct\s+chat\s+3\.1B\s+1\.80 GB\s+Q4_K_M\s+Qwen Research License/);
  });

  it('scans other apps\' folders, links them in place with --link, and verifies files', async () => {
    const tiny = fs.readFileSync(fixturePath('tiny'));
    const lm = path.join(home, '.lmstudio', 'models', 'pub', 'repo');
    fs.mkdirSync(lm, { recursive: true });
    fs.writeFileSync(path.join(lm, 'model-Q8_0.gguf'), tiny);
    const ollama = path.join(home, '.ollama', 'models');
    const digest = sha(tiny);
    fs.mkdirSync(path.join(ollama, 'blobs'), { recursive: true });
    fs.writeFileSync(path.join(ollama, 'blobs', `sha256-${digest}`), tiny);
    fs.mkdirSync(path.join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'tiny'), { recursive: true });
    fs.writeFileSync(
      path.join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'tiny', 'latest'),
      JSON.stringify({ layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${digest}`, size: tiny.length }] }),
    );
    const scan = await hearth(['models', 'scan', '--json']);
    expect(scan.code, scan.stderr).toBe(0);
    expect((JSON.parse(scan.stdout) as Array<{ app: string; name: string }>).map((f) => `${f.app}:${f.name}`).sort()).toEqual(['lmstudio:pub/repo/model-Q8_0', 'ollama:tiny:latest']);

    const linked = await hearth(['models', 'scan', '--link']);
    expect(linked.code, linked.stderr).toBe(0);
    const models = JSON.parse((await hearth(['models', 'list', '--json'])).stdout) as Array<{ id: string; source: string; path: string; sha256: string | null }>;
    expect(models.map((m) => m.source)).toEqual(['link', 'link']);
    // Linked in place: nothing was copied into Hearth's cache.
    expect(fs.existsSync(path.join(dataDir, 'models')) ? fs.readdirSync(path.join(dataDir, 'models')) : []).toEqual([]);
    const blob = models.find((m) => m.path.endsWith(`sha256-${digest}`))!;
    expect(blob.sha256).toBe(digest);

    const ok = await hearth(['models', 'verify', blob.id]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/OK/);
    const bytes = fs.readFileSync(blob.path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(blob.path, bytes);
    const bad = await hearth(['models', 'verify', blob.id]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^hearth: .* not the recorded [0-9a-f]{64}: the file changed/)]);
  });
});
