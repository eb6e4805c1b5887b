import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNetworkGuard, type NetworkGuard } from './createNetworkGuard.js';
import { tempNetwork } from './testNetwork.js';

/** A loopback HTTP server that counts the TCP connections it accepted: the proof that nothing reached it. */
async function countingServer(): Promise<{ port: number; connections: () => number; requests: () => number; close(): Promise<void> }> {
  let connections = 0;
  let requests = 0;
  const server = http.createServer({ keepAlive: true }, (_req, res) => {
    requests++;
    res.end('ok');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves with the error code (or the cause's, for fetch) an attempt failed with; 'connected' if it did not fail. */
function outcome(start: (done: (error?: unknown) => void) => void): Promise<string> {
  return new Promise((resolve) => {
    start((error) => {
      const e = error as { code?: string; cause?: { code?: string } } | undefined;
      resolve(e ? String(e.code ?? e.cause?.code ?? e) : 'connected');
    });
  });
}

const tcp = (port: number) => outcome((done) => net.connect(port, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); done(); }).once('error', done));
const httpGet = (url: string, agent?: http.Agent) =>
  outcome((done) => {
    http.get(url, { agent }, (res) => res.resume().once('end', () => done())).once('error', done);
  });

describe('network guard', () => {
  let t: ReturnType<typeof tempNetwork>;
  let guard: NetworkGuard;
  let server: Awaited<ReturnType<typeof countingServer>>;
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;

  beforeEach(async () => {
    server = await countingServer();
    t = tempNetwork({ offline: true });
    guard = createNetworkGuard({ policy: t.policy });
    guard.install();
  });
  afterEach(async () => {
    guard.uninstall();
    await server.close();
    t.cleanup();
  });

  it('offline: net, tls, http, https and fetch all fail with OFFLINE, loopback included, and the server sees no connection', async () => {
    const { port } = server;
    const results = {
      netConnect: await tcp(port),
      socketConnect: await outcome((done) => new net.Socket().connect({ port, host: '127.0.0.1' }).once('connect', () => done()).once('error', done)),
      tlsConnect: await outcome((done) => tls.connect({ port, host: '127.0.0.1' }).once('secureConnect', () => done()).once('error', done)),
      httpGet: await httpGet(`http://127.0.0.1:${port}/x.gguf`),
      httpLocalhost: await httpGet(`http://localhost:${port}/x.gguf`),
      httpsGet: await outcome((done) => https.get(`https://127.0.0.1:${port}/`, () => done()).once('error', done)),
      fetchLoopback: await outcome((done) => fetch(`http://127.0.0.1:${port}/x.gguf`).then(() => done(), done)),
      fetchRemote: await outcome((done) => fetch('https://huggingface.co/').then(() => done(), done)),
    };
    expect(results).toEqual({
      netConnect: 'OFFLINE',
      socketConnect: 'OFFLINE',
      tlsConnect: 'OFFLINE',
      httpGet: 'OFFLINE',
      httpLocalhost: 'OFFLINE',
      httpsGet: 'OFFLINE',
      fetchLoopback: 'OFFLINE',
      fetchRemote: 'OFFLINE',
    });
    expect(server.connections()).toBe(0);
    const log = t.policy.list();
    expect(log.length).toBeGreaterThanOrEqual(8);
    expect(log.every((a) => !a.allowed && a.purpose === 'unknown')).toBe(true);
    expect(log.map((a) => a.host)).toContain('huggingface.co');
  });

  it('offline: DNS queries fail with OFFLINE except IP literals and localhost, and lookup keeps its promisified shape', async () => {
    const dnsOutcome = (p: Promise<unknown>) => outcome((done) => p.then(() => done(), done));
    expect(await outcome((done) => dns.lookup('huggingface.co', (e) => done(e ?? undefined)))).toBe('OFFLINE');
    expect(await dnsOutcome(dns.promises.lookup('huggingface.co'))).toBe('OFFLINE');
    expect(await dnsOutcome(dns.promises.resolve4('huggingface.co'))).toBe('OFFLINE');
    expect(await dnsOutcome(new dns.promises.Resolver().resolveTxt('example.org'))).toBe('OFFLINE');
    expect(await outcome((done) => new dns.Resolver().resolve6('example.org', (e) => done(e ?? undefined)))).toBe('OFFLINE');
    expect(await outcome((done) => dns.resolve4('example.org', (e) => done(e ?? undefined)))).toBe('OFFLINE');
    expect(await outcome((done) => dns.reverse('1.1.1.1', (e) => done(e ?? undefined)))).toBe('OFFLINE');
    expect(await promisify(dns.lookup)('127.0.0.1')).toEqual({ address: '127.0.0.1', family: 4 });
    expect(await outcome((done) => dns.lookup('localhost', (e) => done(e ?? undefined)))).toBe('connected');
  });

  it('offline: UDP sends are refused; Unix-domain sockets (local IPC) still work', async () => {
    const receiver = dgram.createSocket('udp4');
    let datagrams = 0;
    receiver.on('message', () => datagrams++);
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const sender = dgram.createSocket('udp4');
    const sent = await outcome((done) => sender.send('hello', receiver.address().port, '127.0.0.1', (e) => done(e ?? undefined)));
    expect(sent).toBe('OFFLINE');
    // As node does for a failed connect: the callback gets the error (typed as taking none).
    const connected = await outcome((done) => sender.connect(receiver.address().port, '127.0.0.1', ((e?: Error) => done(e)) as () => void));
    expect(connected).toBe('OFFLINE');
    await new Promise((r) => setTimeout(r, 50));
    expect(datagrams).toBe(0);
    sender.close();
    receiver.close();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pipe-'));
    const pipe = net.createServer((s) => s.on('error', () => {}).end('hi'));
    await new Promise<void>((resolve) => pipe.listen(path.join(dir, 'ipc.sock'), resolve));
    expect(await outcome((done) => net.connect(path.join(dir, 'ipc.sock')).once('connect', function (this: net.Socket) { this.destroy(); done(); }).once('error', done))).toBe('connected');
    await new Promise((r) => pipe.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('online: connections go through and are logged as unknown unless the policy announced the host', async () => {
    t.setOffline(false);
    expect(await tcp(server.port)).toBe('connected');
    t.policy.check({ url: `http://127.0.0.1:${server.port}/x.gguf`, purpose: 'download' });
    expect(await httpGet(`http://127.0.0.1:${server.port}/x.gguf`)).toBe('connected');
    expect(server.requests()).toBe(1);
    expect(t.policy.list().map((a) => [a.purpose, a.allowed])).toEqual([
      ['download', true],
      ['unknown', true],
    ]);
  });

  it('turning offline mode on closes connections opened while online: a keep-alive socket cannot carry the next request', async () => {
    t.setOffline(false);
    const agent = new http.Agent({ keepAlive: true });
    expect(await httpGet(`http://127.0.0.1:${server.port}/a`, agent)).toBe('connected');
    expect(server.connections()).toBe(1);
    t.setOffline(true);
    expect(await httpGet(`http://127.0.0.1:${server.port}/b`, agent)).toBe('OFFLINE');
    expect(server.requests()).toBe(1);
    expect(server.connections()).toBe(1);
    agent.destroy();
  });

  it('uninstalling puts the original functions back; installing twice is one install', () => {
    guard.install();
    expect(net.Socket.prototype.connect).not.toBe(originalConnect);
    expect(dns.lookup).not.toBe(originalLookup);
    guard.uninstall();
    expect(guard.installed).toBe(false);
    expect(net.Socket.prototype.connect).toBe(originalConnect);
    expect(dns.lookup).toBe(originalLookup);
    guard.install(); // for afterEach
  });
});
