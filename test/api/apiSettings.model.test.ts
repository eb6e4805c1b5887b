import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixtures.js';
import { eventsOf, tempServices } from '../tempServices.js';

type S = Awaited<ReturnType<typeof tempServices>>;

/** A port nothing listens on now (the OS's pick, released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const until = async (what: () => boolean) => {
  const end = Date.now() + 10_000;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('local API in the app: follows Settings.api', () => {
  let s: S;
  beforeAll(async () => {
    // resumeDownloads marks the long-running shells (the app, browser mode): they manage the API server.
    s = await tempServices({ resumeDownloads: true });
  });
  afterAll(async () => s.cleanup());

  it('is off by default, starts when enabled, moves with the port, reports a busy port, and stops when disabled', async () => {
    expect(s.api.status()).toEqual({ running: false, url: null, error: null, exposed: false });
    const port = await freePort();
    await s.handlers['settings.update']({ api: { enabled: true, port } }, { shell: 'browser' } as never);
    await until(() => s.api.status().running);
    expect(s.api.status()).toEqual({ running: true, url: `http://127.0.0.1:${port}/v1`, error: null, exposed: false });
    expect(eventsOf(s.events, 'api.changed').some((e) => e.reason === 'status')).toBe(true);

    const blocker = net.createServer();
    const taken = await freePort();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', r));
    try {
      await s.settings.update({ api: { port: taken } });
      await until(() => s.api.status().error !== null);
      expect(s.api.status()).toMatchObject({ running: false, error: `Port ${taken} is in use by another program. Choose another port for the local API.` });
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
    const next = await freePort();
    await s.settings.update({ api: { port: next } });
    await until(() => s.api.status().running);
    expect(s.api.status().url).toBe(`http://127.0.0.1:${next}/v1`);

    await s.settings.update({ api: { enabled: false } });
    await until(() => !s.api.status().running);
    await expect(fetch(`http://127.0.0.1:${next}/v1/models`)).rejects.toThrow();
  });

  it('waives keys only on loopback: listening on every interface, a request without a key is still 401', async () => {
    s.store.updateSettings({ api: { requireKey: false } });
    try {
      const local = await s.api.serve({ host: '127.0.0.1', port: 0 });
      expect((await fetch(`${local.url}/models`)).status).toBe(200);
      const wide = await s.api.serve({ host: '0.0.0.0', port: 0 });
      expect(wide.exposed).toBe(true);
      const port = new URL(wide.url!).port;
      const refused = await fetch(`http://127.0.0.1:${port}/v1/models`);
      expect(refused.status).toBe(401);
    } finally {
      s.store.updateSettings({ api: { requireKey: true } });
      await s.api.stop();
    }
  });

  it('serves in offline mode (it serves this computer), and answers embeddings with an installed embedding model', async () => {
    const key = s.api.keys.create('offline-check');
    const status = await s.api.serve({ host: '127.0.0.1', port: 0 });
    s.store.updateSettings({ offline: true });
    // Offline mode guards this process's own outgoing connections; the client is another program, as it is in real use.
    const script = `fetch(process.argv[1], { headers: { authorization: 'Bearer ' + process.argv[2] } }).then(async (r) => console.log(r.status, await r.text()))`;
    // Asynchronously: the server runs in this very process and must keep answering meanwhile.
    const offline = await promisify(execFile)(process.execPath, ['-e', script, `${status.url}/models`, key.key], { encoding: 'utf8', timeout: 30_000 });
    expect(offline.stdout).toMatch(/^200 \{"object":"list"/);
    s.store.updateSettings({ offline: false });
    // The generated tiny model stands in for an embedding model under a catalog embedding model's file name:
    // any GGUF the engine runs also embeds; what is checked here is the API's path to the engine and back.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-embed-'));
    const file = path.join(dir, 'bge-small-en-v1.5-q8_0.gguf');
    fs.copyFileSync(fixturePath('tiny'), file);
    try {
      const embedder = await s.models.add(file, { mode: 'link' });
      const client = new OpenAI({ baseURL: status.url!, apiKey: key.key, maxRetries: 0 });
      const listed = await client.models.list();
      expect(listed.data.find((m) => m.id === embedder.id)).toMatchObject({ hearth: { kind: 'embedding' } });
      // The openai client asks for base64 and decodes it; floats are checked as sent too.
      const r = await client.embeddings.create({ model: embedder.id, input: ['hello there', 'a different sentence'] });
      expect(r.data).toHaveLength(2);
      expect(r.data[0]!.embedding.length).toBeGreaterThan(0);
      expect(r.data[0]!.embedding.every(Number.isFinite)).toBe(true);
      expect(r.data[0]!.embedding).not.toEqual(r.data[1]!.embedding);
      const floats = await client.embeddings.create({ model: embedder.id, input: 'hello there', encoding_format: 'float' });
      expect(floats.data[0]!.embedding.map((x) => Math.fround(x))).toEqual(r.data[0]!.embedding);
      // A chat model is not an embedding model, and an embedding model does not chat.
      await expect(client.chat.completions.create({ model: embedder.id, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 400, code: 'model_not_supported' });
    } finally {
      s.store.updateSettings({ offline: false });
      await s.api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
