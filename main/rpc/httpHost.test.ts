import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../contract/index.js';
import { createEventBus, type EventBus } from '../services/events/eventBus.js';
import { createDispatcher } from './dispatch.js';
import { fakeHandlers } from './fakeHandlers.js';
import { createHttpHost, type HttpHost, type HttpHostOptions } from './httpHost.js';
import { makeRendererFixture, type RendererFixture } from '../../test/rendererFixture.js';

const TOKEN = 'test-token_0123456789abcdefABCDEF';
let fixture: RendererFixture;
let staticDir: string;

beforeAll(() => {
  fixture = makeRendererFixture('hearth-httphost-', {
    'index.html': '<!doctype html><title>Hearth</title><script type="module" src="/assets/app.js"></script>',
    'assets/app.js': 'console.log("app")',
    'assets/app.css': 'body{}',
  });
  staticDir = fixture.root;
});
afterAll(() => fixture.remove());

const hosts: HttpHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function start(overrides: Partial<HttpHostOptions> = {}): Promise<{ host: HttpHost; bus: EventBus; logger: { warn: ReturnType<typeof vi.fn>; error: ReturnType<typeof vi.fn> } }> {
  const bus = createEventBus();
  const logger = { warn: vi.fn(), error: vi.fn() };
  const dispatcher = createDispatcher({
    handlers: fakeHandlers({
      'chat.turn': ({ action }) => ({ chatId: 'c1', userMessageId: 'u1', messageId: `m-${action.type === 'send' ? action.text : ''}` }) as never,
      'app.info': (_p, ctx) => ({ version: '0', dataDir: '/d', platform: process.platform, shell: ctx.shell }),
    }),
    logger,
  });
  const host = await createHttpHost({ dispatcher, bus, staticDir, token: TOKEN, logger, ...overrides });
  hosts.push(host);
  return { host, bus, logger };
}

interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw http.request: fetch cannot set Host, and these tests are about what a hostile client can send. */
function get(port: number, urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Connected = { ws: WebSocket; status?: undefined } | { ws?: undefined; status: number };

function connect(port: number, opts: { protocols?: string[]; origin?: string | null; host?: string; wsPath?: string } = {}): Promise<Connected> {
  const protocols = opts.protocols ?? [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${TOKEN}`];
  const headers: Record<string, string> = {};
  if (opts.host) headers.Host = opts.host;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${opts.wsPath ?? WS_PATH}`, protocols, {
    headers,
    ...(opts.origin === null ? {} : { origin: opts.origin ?? `http://127.0.0.1:${port}` }),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  const reply = nextMessage(ws);
  ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return reply;
}

describe('createHttpHost: static files', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in the fragment', async () => {
    const { host } = await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    // Another local interface (a LAN or container address) must not reach the server; ::1 neither.
    for (const address of [...external, '::1']) {
      const result = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(result, `connecting via ${address}`).not.toBe('connected');
    }
  });

  it('serves index.html and assets with their MIME types and a strict CSP, without CORS headers', async () => {
    const { host } = await start();
    const index = await get(host.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Hearth</title>');
    const csp = index.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(Object.keys(index.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);

    const js = await get(host.port, '/assets/app.js', { Origin: 'http://evil.example' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(host.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get(host.port, '/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('falls back to index.html for routes but not for missing assets', async () => {
    const { host } = await start();
    const route = await get(host.port, '/chats/c1?x=1');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Hearth</title>');
    expect((await get(host.port, '/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/link.txt',
    '/.env',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses to leave the renderer folder: %s', async (p) => {
    const { host } = await start();
    const res = await get(host.port, p);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('outside the renderer');
    expect(res.body).not.toContain('SECRET');
  });

  it('answers 421 to a foreign Host (DNS rebinding) and 405 to other methods', async () => {
    const { host } = await start();
    expect((await get(host.port, '/', { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get(host.port, '/', { Host: '127.0.0.1:1' })).status).toBe(421);
    expect((await get(host.port, '/', { Host: `localhost:${host.port}` })).status).toBe(200);
    expect((await get(host.port, '/', {}, 'POST')).status).toBe(405);
  });

  it('says the renderer is not built when there is no static folder', async () => {
    const { host } = await start({ staticDir: null });
    const res = await get(host.port, '/');
    expect(res.status).toBe(404);
    expect(res.body).toContain('npm run build');
  });

  it('reports a taken port clearly', async () => {
    const { host } = await start();
    await expect(start({ port: host.port })).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining(String(host.port)) });
  });
});

describe('createHttpHost: WebSocket', () => {
  it('refuses a handshake without a token, with a wrong token, or without the protocol', async () => {
    const { host } = await start();
    expect((await connect(host.port, { protocols: [WS_PROTOCOL] })).status).toBe(401);
    expect((await connect(host.port, { protocols: [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}nope`] })).status).toBe(401);
    expect((await connect(host.port, { protocols: [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${TOKEN}x`] })).status).toBe(401);
    expect((await connect(host.port, { protocols: [`${WS_TOKEN_PROTOCOL_PREFIX}${TOKEN}`] })).status).toBe(400);
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    const { host } = await start();
    expect((await connect(host.port, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect(host.port, { origin: `https://127.0.0.1:${host.port}` })).status).toBe(403);
    expect((await connect(host.port, { origin: 'null' })).status).toBe(403);
    expect((await connect(host.port, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await connect(host.port, { wsPath: '/other' })).status).toBe(404);
  });

  it('accepts the app origin or no Origin (a non-browser client) with the token, and never echoes the token', async () => {
    const { host } = await start();
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`, null]) {
      const { ws } = await connect(host.port, { origin });
      expect(ws).toBeDefined();
      expect(ws!.protocol).toBe(WS_PROTOCOL);
      ws!.close();
    }
  });

  it('carries calls and events end to end, with a per-connection seq', async () => {
    const { host, bus } = await start();
    const a = (await connect(host.port)).ws!;
    const b = (await connect(host.port)).ws!;

    expect(await call(a, { id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'hi' } } })).toEqual({ id: 1, ok: true, result: { chatId: 'c1', userMessageId: 'u1', messageId: 'm-hi' } });
    expect(await call(a, { id: 2, method: 'app.info' })).toMatchObject({ id: 2, ok: true, result: { shell: 'browser' } });
    expect(await call(a, { id: 3, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 5 } } })).toMatchObject({ id: 3, ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(await call(a, { id: 4, method: 'nope' })).toMatchObject({ id: 4, ok: false, error: { code: 'UNKNOWN_METHOD' } });

    const firstA = nextMessage(a);
    const firstB = nextMessage(b);
    bus.emit('chat.delta', { chatId: 'c1', messageId: 'm1', seq: 0, text: 'Hel' });
    expect(await firstA).toEqual({ event: 'chat.delta', payload: { chatId: 'c1', messageId: 'm1', seq: 0, text: 'Hel' }, seq: 1 });
    expect((await firstB).seq).toBe(1);
    const secondA = nextMessage(a);
    bus.emit('engine.status', { state: 'ready', message: null, status: null });
    expect(await secondA).toEqual({ event: 'engine.status', payload: { state: 'ready', message: null, status: null }, seq: 2 });
    a.close();
    b.close();
  });

  it('answers bad JSON and binary frames with an error and keeps the connection', async () => {
    const { host } = await start();
    const { ws } = await connect(host.port);
    expect(await call(ws!, '{not json')).toMatchObject({ id: null, ok: false, error: { code: 'INVALID_PARAMS' } });
    const binary = nextMessage(ws!);
    ws!.send(Buffer.from('{"id":1,"method":"app.info"}'), { binary: true });
    expect(await binary).toMatchObject({ id: null, ok: false });
    expect(await call(ws!, '"just a string"')).toMatchObject({ id: null, ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(await call(ws!, JSON.stringify({ id: 9, method: 'app.info', __proto__: { x: 1 } }))).toMatchObject({ id: 9, ok: true });
    expect(ws!.readyState).toBe(WebSocket.OPEN);
    ws!.close();
  });

  it('closes a connection that sends a frame over maxPayload, and the server keeps serving', async () => {
    const { host } = await start({ maxPayloadBytes: 64 * 1024 });
    const { ws } = await connect(host.port);
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    ws!.send(JSON.stringify({ id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x'.repeat(100 * 1024) } } }));
    expect(await closed).toBe(1009);
    const again = (await connect(host.port)).ws!;
    expect(await call(again, { id: 2, method: 'app.info' })).toMatchObject({ ok: true });
    again.close();
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const { host, bus, logger } = await start({ maxBufferedBytes: 256 * 1024 });
    const { ws } = await connect(host.port);
    let received = 0;
    ws!.on('message', () => received++);
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    const raw = (ws as unknown as { _socket: net.Socket })._socket;
    raw.pause();
    const text = 'x'.repeat(256 * 1024);
    const emitted = 200; // 50 MiB: far more than the kernel's loopback buffers hold
    for (let i = 0; i < emitted; i++) bus.emit('chat.delta', { chatId: 'c1', messageId: 'm1', seq: i, text });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('dropping a WebSocket client'));
    raw.resume();
    expect(await closed).toBe(1006);
    expect(received).toBeLessThan(emitted);
  });

  it('closes open sockets on close()', async () => {
    const { host } = await start();
    const { ws } = await connect(host.port);
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    await host.close();
    expect(await closed).toBe(1001);
    await expect(connect(host.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
