import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** `npm test`'s opening lines: which Playwright projects run, why one does not, and whether the offline proof can run. */
function plan(env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/test-all.mjs'), '--plan'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('scripts/test-all.mjs --plan', () => {
  it('names the projects that run and says why Electron does not, when it does not', () => {
    const out = plan({});
    const hasElectron = fs.existsSync(path.join(root, 'node_modules/electron/path.txt'));
    expect(out).toMatch(hasElectron ? /^e2e projects: browser, electron$/m : /^e2e projects: browser$/m);
    expect(out).toMatch(hasElectron ? /electron: runs with / : /electron: NOT RUN: no Electron binary/);
  });

  it('says the offline journey fails in CI when `unshare -n` is refused', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-nounshare-'));
    try {
      // An unshare that refuses, first on PATH: what an unprivileged CI container answers.
      fs.writeFileSync(path.join(bin, 'unshare'), '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n', { mode: 0o755 });
      const PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
      expect(plan({ PATH, CI: '1' })).toMatch(/offline journey \(e2e\/offline\.spec\.ts\): cannot run: `unshare -n` is not allowed here: unshare: unshare failed: Operation not permitted; CI is set, so it FAILS/);
      expect(plan({ PATH, CI: '' })).toMatch(/cannot run: .*skipped \(it fails when CI is set\)/);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});
