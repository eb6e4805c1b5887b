import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HearthError, type CatalogEntry, type Download } from '../../../contract/index.js';
import { fixturePath } from '../../../../test/fixtures.js';
import { startFileServer, type FileServer } from '../../../../test/fileServer.js';
import { createModelRegistry } from '../registry/createModelRegistry.js';
import { allowAllNetwork, type NetworkPolicy } from '../../network/NetworkPolicy.js';
import { createStore, type Store } from '../../store/createStore.js';
import { openDatabase } from '../../store/openDatabase.js';
import { createDownloadStore } from './createDownloadStore.js';
import { createDownloads, type Downloads, type DownloadsDeps } from './createDownloads.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tiny = () => fs.readFileSync(fixturePath('tiny'));
const small = () => fs.readFileSync(fixturePath('small'));

let dir: string;
let server: FileServer;
let store: Store;
let db: ReturnType<typeof openDatabase>;
const services: Downloads[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-dl-'));
  server = await startFileServer();
  db = openDatabase(path.join(dir, 'hearth.db'));
  store = createStore({ db });
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
  await server.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const modelsDir = () => path.join(dir, 'models');

function downloads(overrides: Partial<DownloadsDeps> = {}): { dl: Downloads; events: Download[] } {
  const events: Download[] = [];
  const models = createModelRegistry({
    store,
    modelsDir: modelsDir(),
    engine: { estimate: async () => null as never, status: async () => ({ loaded: [] }) as never, unload: async () => false },
  });
  const dl = createDownloads({
    store: createDownloadStore(db),
    modelsDir: modelsDir(),
    models,
    catalog: () => [],
    network: allowAllNetwork,
    emit: (d) => events.push(d),
    retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
    timeoutMs: 5000,
    hfEndpoint: server.url,
    ...overrides,
  });
  services.push(dl);
  return { dl, events };
}

function catalogWith(file: Partial<CatalogEntry['files'][number]> & { uri: string; fileName: string }): CatalogEntry[] {
  return [
    {
      id: 'test-model',
      name: 'Test model',
      family: 'Test',
      kind: 'chat',
      description: 'A fixture',
      parameters: null,
      contextLength: null,
      licence: null,
      domains: ['general'],
      files: [{ quantization: 'Q8_0', sizeBytes: null, sha256: null, parts: 1, ...file }],
    },
  ];
}

const finalFiles = () => (fs.existsSync(modelsDir()) ? fs.readdirSync(modelsDir()).sort() : []);

describe('downloads against a real local HTTP server', () => {
  it('downloads a URL into the cache, verifies its ETag hash, registers the model and reports throttled progress', async () => {
    const content = small();
    server.serve('/files/small.gguf', { content, etag: 'sha256' });
    server.setOptions({ bytesPerSecond: 8 * 1024 * 1024 });
    const { dl, events } = downloads({ progressIntervalMs: 250 });
    const started = Date.now();
    const d = dl.start(`${server.url}/files/small.gguf`);
    const done = await dl.wait(d.id);
    const seconds = (Date.now() - started) / 1000;
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(done.expectedSha256).toBe(sha(content));
    expect(done.modelId).toBe('small');
    expect(done.receivedBytes).toBe(content.length);
    expect(finalFiles()).toEqual(['small.gguf']);
    expect(sha(fs.readFileSync(path.join(modelsDir(), 'small.gguf')))).toBe(sha(content));
    expect(store.getModel('small')).toMatchObject({ source: 'download', sha256: sha(content), sizeBytes: content.length });
    const progress = events.filter((e) => e.state === 'downloading' && e.receivedBytes > 0);
    expect(progress.length).toBeGreaterThan(1);
    // About 4 a second, not one per chunk (the file arrives in ~128 chunks).
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 3);
    expect(progress.some((e) => e.bytesPerSecond > 0 && e.etaSeconds !== null)).toBe(true);
  });

  it('resumes after dropped connections with Range and If-Range, fetching little more than the file', async () => {
    const content = small();
    server.serve('/m/small.gguf', { content, etag: 'opaque' });
    server.setOptions({ misbehave: (i) => (i < 3 ? { dropAfterBytes: 1_500_000 } : undefined) });
    const { dl } = downloads();
    const done = await dl.wait(dl.start(`${server.url}/m/small.gguf`).id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(sha(fs.readFileSync(path.join(modelsDir(), 'small.gguf')))).toBe(sha(content));
    const ranged = server.requests.filter((r) => r.range);
    expect(ranged.length).toBe(3);
    expect(ranged.map((r) => r.status)).toEqual([206, 206, 206]);
    // The server cut after 1.5 MB; what was still in flight is lost, the rest is not fetched again.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranged[0]!.range!)![1]);
    expect(resumedAt).toBeGreaterThan(1_000_000);
    expect(resumedAt).toBeLessThanOrEqual(1_500_000);
    expect(ranged.every((r) => r.ifRange?.startsWith('"v'))).toBe(true);
    // Bytes in flight at each cut are lost; starting over even once would cost twice the file.
    expect(server.bytesServed()).toBeLessThan(content.length * 1.25);
  });

  it('starts over when the remote file changed between requests (If-Range no longer matches)', async () => {
    const v1 = small();
    const v2 = Buffer.from(v1);
    v2.fill(7, v2.length - 4096); // same header, different tail: a re-upload
    server.serve('/m/small.gguf', { content: v1, etag: 'opaque' });
    server.setOptions({
      misbehave: (i) => {
        if (i === 0) {
          setImmediate(() => server.serve('/m/small.gguf', { content: v2, etag: 'opaque' }));
          return { dropAfterBytes: 2_000_000 };
        }
        return undefined;
      },
    });
    const { dl } = downloads();
    const done = await dl.wait(dl.start(`${server.url}/m/small.gguf`).id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(server.requests[1]).toMatchObject({ range: expect.stringMatching(/^bytes=\d{7}-$/), ifRange: expect.stringMatching(/^"v/), status: 200 });
    expect(server.requests).toHaveLength(2);
    expect(sha(fs.readFileSync(path.join(modelsDir(), 'small.gguf')))).toBe(sha(v2));
  });

  it('fails with CHECKSUM_MISMATCH and leaves no file under the final name (nor a part) when the bytes are wrong', async () => {
    const content = tiny();
    server.serve('/a/b/resolve/main/t.gguf', { content, etag: 'opaque' });
    const wrong = 'ab'.repeat(32);
    const { dl } = downloads({ catalog: () => catalogWith({ uri: 'hf:a/b/t.gguf', fileName: 't.gguf', sha256: wrong }) });
    const done = await dl.wait(dl.start('test-model').id);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('CHECKSUM_MISMATCH');
    expect(done.error?.message).toMatch(/not the expected abababababab/);
    expect(finalFiles()).toEqual([]);
    expect(store.listModels()).toEqual([]);
  });

  it('fails on a lying X-Linked-Etag the same way, and refuses early when the server announces another file than the catalog', async () => {
    const content = tiny();
    server.serve('/a/b/resolve/main/t.gguf', { content, hfStyle: true, linkedEtag: 'cd'.repeat(32) });
    const { dl } = downloads();
    const lied = await dl.wait(dl.start('hf:a/b/t.gguf').id);
    expect(lied.error?.code).toBe('CHECKSUM_MISMATCH');
    expect(finalFiles()).toEqual([]);

    const big = small();
    server.serve('/a/b/resolve/main/u.gguf', { content: big, hfStyle: true, linkedEtag: true });
    const { dl: dl2 } = downloads({ catalog: () => catalogWith({ uri: 'hf:a/b/u.gguf', fileName: 'u.gguf', sha256: 'ef'.repeat(32) }) });
    server.setOptions({ bytesPerSecond: 2 * 1024 * 1024 });
    const before = server.bytesServed();
    const early = await dl2.wait(dl2.start('test-model').id);
    expect(early.error?.code).toBe('CHECKSUM_MISMATCH');
    expect(early.error?.message).toMatch(/re-uploaded/);
    expect(server.bytesServed() - before).toBeLessThan(big.length / 4);
    expect(finalFiles()).toEqual([]);
  });

  it('takes the expected hash from X-Linked-Etag on a Hugging Face redirect and resolves hf: URIs against the endpoint', async () => {
    const content = tiny();
    server.serve('/org/repo/resolve/rev1/dir/t.gguf', { content, hfStyle: true, linkedEtag: true, etag: 'opaque' });
    const { dl } = downloads();
    const done = await dl.wait(dl.start('hf:org/repo/dir/t.gguf#rev1').id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(done.expectedSha256).toBe(sha(content));
    expect(server.requests.map((r) => r.status)).toEqual([302, 200]);
  });

  it('refuses to start when the disk is too small, with the numbers, and checks before connecting when the size is known', async () => {
    server.serve('/m/small.gguf', { content: small() });
    const { dl } = downloads({ freeSpace: async () => 1024 * 1024 });
    const done = await dl.wait(dl.start(`${server.url}/m/small.gguf`).id);
    expect(done.error?.code).toBe('DISK_FULL');
    expect(done.error?.message).toMatch(/needs 7\.9 MB more and only 1\.0 MB is free/);
    expect(finalFiles().filter((f) => !f.endsWith('.part'))).toEqual([]);

    server.requests.length = 0;
    const { dl: dl2 } = downloads({
      freeSpace: async () => 1000,
      catalog: () => catalogWith({ uri: 'hf:a/b/t.gguf', fileName: 't.gguf', sizeBytes: 5_000_000 }),
    });
    const known = await dl2.wait(dl2.start('test-model').id);
    expect(known.error?.code).toBe('DISK_FULL');
    expect(server.requests).toEqual([]);
  });

  it('pauses, resumes and cancels', async () => {
    const content = small();
    server.serve('/m/small.gguf', { content });
    server.setOptions({ bytesPerSecond: 4 * 1024 * 1024 });
    const { dl, events } = downloads({ progressIntervalMs: 50 });
    const d = dl.start(`${server.url}/m/small.gguf`);
    await until(() => events.some((e) => e.receivedBytes > 1_000_000));
    expect(dl.pause(d.id).state).toBe('paused');
    const paused = await dl.wait(d.id);
    expect(paused.state).toBe('paused');
    const kept = fs.statSync(path.join(modelsDir(), 'small.gguf.part')).size;
    expect(kept).toBeGreaterThan(1_000_000);
    dl.resume(d.id);
    await until(() => dl.get(d.id).state === 'downloading');
    const done = await dl.wait(d.id);
    expect(done.state).toBe('completed');
    expect(server.requests.at(-1)!.range).toBe(`bytes=${kept}-`);
    expect(server.bytesServed()).toBeLessThan(content.length * 1.5);

    server.serve('/m/other.gguf', { content });
    const c = dl.start(`${server.url}/m/other.gguf`);
    await until(() => dl.get(c.id).receivedBytes > 0);
    const cancelled = await dl.cancel(c.id);
    expect(cancelled.state).toBe('cancelled');
    expect(finalFiles()).toEqual(['small.gguf']);
  });

  it('resumes after an app restart from the part file and the stored validator', async () => {
    const content = small();
    server.serve('/m/small.gguf', { content });
    server.setOptions({ bytesPerSecond: 4 * 1024 * 1024 });
    const first = downloads({ progressIntervalMs: 50 });
    const d = first.dl.start(`${server.url}/m/small.gguf`);
    await until(() => first.events.some((e) => e.receivedBytes > 1_000_000));
    await first.dl.dispose();
    expect(first.dl.list()[0]!.state).toBe('downloading');
    server.setOptions({});
    const second = downloads();
    expect(second.dl.resumePending().map((x) => x.id)).toEqual([d.id]);
    const done = await second.dl.wait(d.id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(server.requests.at(-1)!.ifRange).toBe(`"${sha(content)}"`);
    expect(sha(fs.readFileSync(path.join(modelsDir(), 'small.gguf')))).toBe(sha(content));
  });

  it('leaves a download another live process is running alone (BUSY, row untouched), and takes over a dead one\'s lock', async () => {
    const content = small();
    server.serve('/m/small.gguf', { content });
    server.setOptions({ bytesPerSecond: 4 * 1024 * 1024 });
    const first = downloads({ progressIntervalMs: 50 });
    const d = first.dl.start(`${server.url}/m/small.gguf`);
    await until(() => first.events.some((e) => e.receivedBytes > 500_000));
    await first.dl.dispose();
    const other = spawn('sleep', ['30']);
    fs.writeFileSync(path.join(modelsDir(), 'small.gguf.part.lock'), String(other.pid));
    try {
      const second = downloads();
      expect(() => second.dl.start(`${server.url}/m/small.gguf`)).toThrow(/another Hearth process \(pid \d+\)/);
      expect(second.dl.get(d.id).state).toBe('downloading');
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
      server.setOptions({});
      const done = await second.dl.wait(second.dl.start(`${server.url}/m/small.gguf`).id);
      expect(done).toMatchObject({ id: d.id, state: 'completed' });
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('gives up after a bounded number of failed connections, and a cancel ends a backoff wait at once', async () => {
    const closed = await startFileServer();
    const url = `${closed.url}/x.gguf`;
    await closed.close();
    const { dl } = downloads({ retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 } });
    const failed = await dl.wait(dl.start(url).id);
    expect(failed.error?.code).toBe('DOWNLOAD_FAILED');
    expect(failed.error?.message).toMatch(/refused.*gave up after 4 attempts/);

    const slow = downloads({ retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const d = slow.dl.start(`${closed.url}/y.gguf`);
    await new Promise((r) => setTimeout(r, 200));
    const t = Date.now();
    expect((await slow.dl.cancel(d.id)).state).toBe('cancelled');
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('downloads every part of a split GGUF and registers the first', async () => {
    const part1 = tiny();
    const part2 = Buffer.alloc(100_000, 3);
    server.serve('/s/m-00001-of-00002.gguf', { content: part1 });
    server.serve('/s/m-00002-of-00002.gguf', { content: part2 });
    const { dl } = downloads();
    const done = await dl.wait(dl.start(`${server.url}/s/m-00002-of-00002.gguf`).id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(done.fileName).toBe('m-00001-of-00002.gguf');
    expect(done.totalBytes).toBe(part1.length + part2.length);
    expect(finalFiles()).toEqual(['m-00001-of-00002.gguf', 'm-00002-of-00002.gguf']);
    expect(done.modelId).toBe('m-00001-of-00002');
  });

  it('runs at most N downloads at once', async () => {
    server.setOptions({ bytesPerSecond: 2 * 1024 * 1024 });
    for (const n of [1, 2, 3]) server.serve(`/q/t${n}.gguf`, { content: tiny() });
    const { dl, events } = downloads({ concurrency: 2 });
    const ids = [1, 2, 3].map((n) => dl.start(`${server.url}/q/t${n}.gguf`).id);
    let most = 0;
    const states = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        while (!['completed', 'failed'].includes(dl.get(id).state)) {
          for (const x of dl.list()) states.set(x.id, x.state);
          most = Math.max(most, [...states.values()].filter((s) => s === 'downloading' || s === 'verifying').length);
          await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    expect(most).toBe(2);
    expect(ids.map((id) => dl.get(id).state)).toEqual(['completed', 'completed', 'completed']);
    expect(events.length).toBeGreaterThan(0);
  });

  it('refuses crafted file names and non-https sources before touching disk or network', () => {
    const { dl } = downloads();
    const bad = [
      `${server.url}/x/..%2F..%2Fevil.gguf`,
      `${server.url}/x/%2Fetc%2Fpasswd.gguf`,
      `${server.url}/x/..`,
      `${server.url}/x/notes.txt`,
      `${server.url}/x/C%3A%5Cevil.gguf`,
      'hf:a/b/../c.gguf',
      'hf:a/b/sub\\..\\c.gguf',
      'http://example.com/m.gguf',
      'ftp://127.0.0.1/m.gguf',
      'no-such-catalog-id',
    ];
    for (const source of bad) {
      expect(() => dl.start(source), source).toThrow(HearthError);
    }
    expect(() => dl.start(`${server.url}/x/..%2Fevil.gguf`)).toThrow(/path separator/);
    expect(server.requests).toEqual([]);
    expect(fs.existsSync(modelsDir())).toBe(false);
  });

  it('fails at once with OFFLINE while offline mode is on, and the server sees nothing', () => {
    const checked: string[] = [];
    const offline: NetworkPolicy = {
      isOffline: () => true,
      check: ({ url }) => {
        checked.push(String(url));
        throw new HearthError('OFFLINE', 'Offline mode is on. Turn it off to allow downloads.');
      },
    };
    server.serve('/m/t.gguf', { content: tiny() });
    const { dl } = downloads({ network: offline });
    expect(() => dl.start(`${server.url}/m/t.gguf`)).toThrow(/Offline mode/);
    expect(checked).toEqual([`${server.url}/m/t.gguf`]);
    expect(server.requests).toEqual([]);
    expect(dl.list()).toEqual([]);
  });
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
