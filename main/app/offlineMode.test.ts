import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkAttempt } from '../contract/library.js';
import { createServices, type Services } from './createServices.js';

/**
 * Offline mode as the composition root wires it: one switch (the `offline`
 * setting), the guard installed by createServices for whichever shell runs it,
 * the log served as `network.log`, and every attempt pushed as `network.attempt`.
 */
describe('offline mode in createServices', () => {
  let services: Services | null = null;
  let dataDir = '';
  let server: http.Server | null = null;
  const originalConnect = net.Socket.prototype.connect;

  afterEach(async () => {
    await services?.dispose();
    services = null;
    await new Promise((r) => (server ? server.close(r) : r(null)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('blocks a loopback fetch once the setting is on, logs it, emits it, and lets go on dispose', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-offline-'));
    let connections = 0;
    server = http.createServer((_req, res) => res.end('model bytes'));
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/x.gguf`;

    services = await createServices({ dataDir, shell: 'browser' });
    const events: NetworkAttempt[] = [];
    services.bus.subscribe((event, payload) => {
      if (event === 'network.attempt') events.push(payload as NetworkAttempt);
    });
    const ctx = { shell: 'browser' as const };

    // Online: allowed, and logged as an unannounced connection.
    expect((await fetch(url)).status).toBe(200);
    expect(connections).toBe(1);

    await services.handlers['settings.update']({ offline: true }, ctx);
    const error = await fetch(url).then(
      () => null,
      (e: { cause?: { code?: string; message?: string } }) => e.cause,
    );
    expect(error?.code).toBe('OFFLINE');
    expect(error?.message).toMatch(/hearth offline off/);
    expect(() => services!.network.check({ url, purpose: 'download' })).toThrow(/Offline mode is on/);
    expect(connections).toBe(1);

    const log = await services.handlers['network.log']({}, ctx);
    expect(log.map((a) => [a.purpose, a.allowed])).toEqual([
      ['download', false],
      ['unknown', false],
      ['unknown', true],
    ]);
    expect(events.map((e) => e.id)).toEqual(log.map((a) => a.id).reverse());
    expect(await services.handlers['network.log']({ limit: 1 }, ctx)).toHaveLength(1);

    await services.dispose();
    services = null;
    expect(net.Socket.prototype.connect).toBe(originalConnect);
  });
});
