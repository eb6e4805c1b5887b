import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogEntry, Download } from '../../../contract/index.js';
import { fixturePath } from '../../../../test/fixtures.js';
import { useFileServer } from '../../../../test/useFileServer.js';
import { allowAllNetwork } from '../../network/NetworkPolicy.js';
import { createStore, type Store } from '../../store/createStore.js';
import { openDatabase } from '../../store/openDatabase.js';
import { createModelRegistry } from '../registry/createModelRegistry.js';
import { acquirePartLock } from './acquirePartLock.js';
import { DEFAULT_COMPLETE_IO, type CompleteIo } from './completeDownload.js';
import { createDownloadStore } from './createDownloadStore.js';
import { createDownloads, type Downloads, type DownloadsDeps } from './createDownloads.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tiny = () => fs.readFileSync(fixturePath('tiny'));
const small = () => fs.readFileSync(fixturePath('small'));

const files = useFileServer('hearth-dl-hard');
let store: Store;
let db: ReturnType<typeof openDatabase>;
const services: Downloads[] = [];
beforeEach(() => {
  db = openDatabase(path.join(files.dir, 'hearth.db'));
  store = createStore({ db });
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
  store.close();
});

const modelsDir = () => path.join(files.dir, 'models');
const inCache = () => (fs.existsSync(modelsDir()) ? fs.readdirSync(modelsDir()).sort() : []);

function downloads(overrides: Partial<DownloadsDeps> = {}): Downloads {
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
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
    timeoutMs: 5000,
    hfEndpoint: files.server.url,
    ...overrides,
  });
  services.push(dl);
  return dl;
}

function catalog(fileName: string, sizeBytes: number | null): CatalogEntry[] {
  return [
    {
      id: 'test-model', name: 'Test model', family: 'Test', kind: 'chat', description: 'A fixture', parameters: null, contextLength: null, licence: null, domains: ['general'],
      files: [{ quantization: 'Q8_0', uri: `hf:a/b/${fileName}`, fileName, sizeBytes, sha256: null, parts: 1 }],
    },
  ] as CatalogEntry[];
}

/** A server that answers 200 with no Content-Length (chunked) and `extra` bytes past the file, optionally announcing X-Linked-Size. */
async function noLengthServer(content: Buffer, extra: number, linkedSize: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', ...(linkedSize ? { 'x-linked-size': String(content.length) } : {}) });
    res.write(content);
    res.end(Buffer.alloc(extra, 0x41));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('two downloads of one file', () => {
  it('refuses a second holder of a part lock in the same process', () => {
    const part = path.join(files.dir, 'x.gguf.part');
    const release = acquirePartLock(part);
    expect(() => acquirePartLock(part)).toThrow(/already being downloaded by this Hearth/);
    release();
    acquirePartLock(part)(); // free again once released
  });

  it('treats a second start of the same target file from another URL as a duplicate (BUSY), and the first installs the right bytes', async () => {
    const content = small();
    files.server.serve('/one/small.gguf', { content, etag: 'sha256' });
    files.server.serve('/two/small.gguf', { content: tiny(), etag: 'sha256' });
    files.server.setOptions({ bytesPerSecond: 4 * 1024 * 1024 });
    const dl = downloads();
    const first = dl.start(`${files.server.url}/one/small.gguf`);
    expect(() => dl.start(`${files.server.url}/two/small.gguf`)).toThrow(/small\.gguf is already being downloaded/);
    expect(dl.start(`${files.server.url}/one/small.gguf`).id).toBe(first.id); // the same URL: the same download
    const done = await dl.wait(first.id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(sha(fs.readFileSync(path.join(modelsDir(), 'small.gguf')))).toBe(sha(content));
    expect(dl.list()).toHaveLength(1);
  });

  it("never deletes another download's part when one is cancelled", async () => {
    const content = small();
    files.server.serve('/gone/small.gguf', { content, etag: 'sha256' });
    files.server.setOptions({ misbehave: (i) => (i === 0 ? { status: 404 } : undefined), bytesPerSecond: 4 * 1024 * 1024 });
    const dl = downloads();
    const failed = await dl.wait(dl.start(`${files.server.url}/gone/small.gguf`).id);
    expect(failed.state).toBe('failed');
    files.server.serve('/here/small.gguf', { content, etag: 'sha256' });
    const running = dl.start(`${files.server.url}/here/small.gguf`);
    await waitFor(() => dl.get(running.id).receivedBytes > 0);
    await dl.cancel(failed.id); // the old, failed row of the same file
    expect(fs.existsSync(path.join(modelsDir(), 'small.gguf.part'))).toBe(true);
    const done = await dl.wait(running.id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(sha(fs.readFileSync(path.join(modelsDir(), 'small.gguf')))).toBe(sha(content));
  });
});

describe('a body with no Content-Length', () => {
  it("is capped at the server's X-Linked-Size: more bytes fail the download and install nothing", async () => {
    const content = tiny();
    const raw = await noLengthServer(content, 4096, true);
    try {
      const dl = downloads();
      const done = await dl.wait(dl.start(`${raw.url}/m/tiny.gguf`).id);
      expect(done.state).toBe('failed');
      expect(done.error?.code).toBe('DOWNLOAD_FAILED');
      expect(done.error?.message).toMatch(new RegExp(`more than the ${content.length} bytes the server's X-Linked-Size`));
      expect(inCache().filter((f) => f.endsWith('.gguf'))).toEqual([]);
      expect(fs.existsSync(path.join(modelsDir(), 'tiny.gguf.part')) ? fs.statSync(path.join(modelsDir(), 'tiny.gguf.part')).size : 0).toBeLessThanOrEqual(content.length);
      expect(store.listModels()).toEqual([]);
    } finally {
      await raw.close();
    }
  });

  it("is capped at the catalog's size when the server says nothing", async () => {
    const content = tiny();
    const raw = await noLengthServer(content, 100, false);
    try {
      const dl = downloads({ hfEndpoint: raw.url, catalog: () => catalog('tiny.gguf', content.length) });
      const done = await dl.wait(dl.start('test-model').id);
      expect(done.state).toBe('failed');
      expect(done.error?.message).toMatch(/more than the \d+ bytes the catalog/);
      expect(store.listModels()).toEqual([]);
    } finally {
      await raw.close();
    }
  });
});

describe('the file renamed into place', () => {
  /** Flips one byte of the part once it is written and before the rename (the 'verifying' state is emitted between). */
  const tamper = (d: Download) => {
    if (d.state !== 'verifying') return;
    const part = path.join(modelsDir(), `${d.fileName}.part`);
    const fd = fs.openSync(part, 'r+');
    fs.writeSync(fd, Buffer.from([0x5a]), 0, 1, 4096);
    fs.closeSync(fd);
  };

  it('is hashed on disk: a part altered between write and rename fails CHECKSUM_MISMATCH (with an expected hash)', async () => {
    files.server.serve('/m/small.gguf', { content: small(), etag: 'sha256' });
    const dl = downloads({ emit: tamper });
    const done = await dl.wait(dl.start(`${files.server.url}/m/small.gguf`).id);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('CHECKSUM_MISMATCH');
    expect(done.error?.message).toMatch(/holds on disk/);
    expect(inCache()).toEqual([]);
    expect(store.listModels()).toEqual([]);
  });

  it('is hashed on disk: without an expected hash, it must match what arrived', async () => {
    files.server.serve('/m/small.gguf', { content: small(), etag: 'opaque' });
    const dl = downloads({ emit: tamper });
    const done = await dl.wait(dl.start(`${files.server.url}/m/small.gguf`).id);
    expect(done.error?.code).toBe('CHECKSUM_MISMATCH');
    expect(inCache()).toEqual([]);
  });

  it('is fsynced before it is hashed and renamed, and the folder after', async () => {
    files.server.serve('/m/tiny.gguf', { content: tiny(), etag: 'sha256' });
    const order: string[] = [];
    const io: CompleteIo = {
      syncFile: async (f) => (order.push(`sync ${path.basename(f)}`), DEFAULT_COMPLETE_IO.syncFile(f)),
      hash: async (f) => (order.push(`hash ${path.basename(f)}`), DEFAULT_COMPLETE_IO.hash(f)),
      rename: async (a, b) => (order.push(`rename ${path.basename(a)} ${path.basename(b)}`), DEFAULT_COMPLETE_IO.rename(a, b)),
      syncDir: async (d) => (order.push(`syncdir ${path.basename(d)}`), DEFAULT_COMPLETE_IO.syncDir(d)),
    };
    const dl = downloads({ completeIo: io });
    const done = await dl.wait(dl.start(`${files.server.url}/m/tiny.gguf`).id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(order).toEqual(['sync tiny.gguf.part', 'hash tiny.gguf.part', 'rename tiny.gguf.part tiny.gguf', 'syncdir models']);
  });
});

describe('a disk that fills up mid-stream', () => {
  it('ends DISK_FULL with the part removed and nothing installed', async () => {
    const content = small();
    files.server.serve('/m/small.gguf', { content, etag: 'sha256' });
    const limit = 1_000_000;
    /** The real file, whose writes fail with ENOSPC once `limit` bytes are in it. */
    const openFile = async (file: string, flags: 'r+' | 'w+'): Promise<FileHandle> => {
      const handle = await fs.promises.open(file, flags);
      let written = 0;
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'write') {
            return async (data: Buffer, offset: number, length: number, position: number) => {
              if (written + length > limit) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
              const r = await target.write(data, offset, length, position);
              written += r.bytesWritten;
              return r;
            };
          }
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    };
    const dl = downloads({ openFile });
    const done = await dl.wait(dl.start(`${files.server.url}/m/small.gguf`).id);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('DISK_FULL');
    expect(done.error?.message).toMatch(/disk filled up/);
    expect(inCache().filter((f) => !f.endsWith('.lock'))).toEqual([]);
    expect(store.listModels()).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
