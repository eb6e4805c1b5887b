import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const WITNESS = path.resolve(import.meta.dirname, '../e2e/support/recordConnects.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a script under the witness and returns what it recorded. */
function witness(script: string): Array<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-witness-'));
  dirs.push(dir);
  const log = path.join(dir, 'connects.jsonl');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, NODE_OPTIONS: `--import=${WITNESS}`, HEARTH_CONNECT_LOG: log },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

// The offline e2e trusts this witness to see what Hearth's guard might miss: it must see attempts at the bottom layer.
describe('recordConnects witness', () => {
  it('records TCP connects from net, http and fetch, DNS queries and UDP sends, and says it was loaded', () => {
    const seen = witness(`
      import net from 'node:net'; import http from 'node:http'; import dns from 'node:dns'; import dgram from 'node:dgram';
      const server = net.createServer((s) => s.destroy()).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const port = server.address().port;
      const settle = (p) => Promise.race([p, new Promise((r) => setTimeout(r, 1000))]).catch(() => {});
      await settle(new Promise((r, j) => net.connect(port, '127.0.0.1').once('connect', r).once('error', j)));
      await settle(new Promise((r, j) => http.get('http://127.0.0.1:' + port + '/x', r).once('error', j)));
      await settle(fetch('http://127.0.0.1:' + port + '/y'));
      await settle(dns.promises.lookup('witness-test.invalid'));
      await settle(dns.promises.resolve4('witness-test.invalid'));
      const udp = dgram.createSocket('udp4');
      await settle(new Promise((r) => udp.send('x', 9, '127.0.0.1', r)));
      udp.close();
      console.log(port);
      process.exit(0);
    `);
    expect(seen[0]).toMatchObject({ kind: 'loaded' });
    const tcp = seen.filter((e) => e.kind === 'tcp');
    expect(tcp.length).toBeGreaterThanOrEqual(3);
    expect(tcp.every((e) => e.host === '127.0.0.1')).toBe(true);
    expect(seen.filter((e) => e.kind === 'dns').map((e) => e.host)).toEqual(['witness-test.invalid', 'witness-test.invalid']);
    expect(seen.some((e) => e.kind === 'udp' && e.port === 9)).toBe(true);
  });
});
