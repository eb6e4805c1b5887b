import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ENGINE_WORKER_PATH } from './forkWorker.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

it('the engine process refuses every connection, and says so in the app log', async () => {
  let connections = 0;
  const server = http.createServer((_q, s) => s.end());
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => server.close());
  const { port } = server.address() as net.AddressInfo;

  // Something inside the engine process (a library, say) tries to fetch once the worker is ready.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-engine-net-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const probe = path.join(dir, 'probe.mjs');
  fs.writeFileSync(
    probe,
    `const send = process.send.bind(process);
process.send = (m, ...rest) => {
  if (m && m.notice === 'ready') fetch('http://127.0.0.1:${port}/x').then(() => send({ probe: 'fetched' }), (e) => send({ probe: String(e.cause?.message ?? e) }));
  return send(m, ...rest);
};
`,
  );
  const child = fork(ENGINE_WORKER_PATH, [], { execArgv: ['--import', 'tsx', '--import', probe], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, HEARTH_ENGINE_GPU: 'off' } });
  cleanups.push(() => child.kill('SIGKILL'));
  const messages: Array<Record<string, unknown>> = [];
  const outcome = await new Promise<string>((resolve) => {
    child.on('message', (m: Record<string, unknown>) => {
      messages.push(m);
      if (typeof m.probe === 'string') resolve(m.probe);
    });
  });
  expect(outcome).toMatch(/engine process refused a tcp attempt to 127\.0\.0\.1:\d+/);
  expect(messages).toContainEqual(expect.objectContaining({ notice: 'log', level: 'warn', message: expect.stringMatching(/never uses the network/) }));
  expect(connections).toBe(0);
});
