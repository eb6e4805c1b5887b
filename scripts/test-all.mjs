#!/usr/bin/env node
// `npm test`: typecheck, lint, unit and integration tests (real SQLite, real
// engine on generated models), the renderer build, then the Playwright e2e
// suite against browser mode. Every step runs even if an earlier one fails,
// so one run shows everything that is wrong; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);

/** The Electron binary Playwright's electron project launches (the same lookup as e2e/hearthApp.ts electronBinary()). */
function electronBinary() {
  const dir = path.join(root, 'node_modules/electron');
  try {
    const exe = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** Why the offline journey cannot run here (e2e/support/netns.ts asks the same), or null. */
function netnsUnavailable() {
  if (process.platform !== 'linux') return `network namespaces are Linux-only (this is ${process.platform})`;
  const probe = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `\`unshare -n\` is not allowed here: ${probe.stderr.trim() || `exit ${probe.status}`}`;
  return null;
}

/**
 * Which Playwright projects run, and why one does not, said before anything
 * runs: a project with no binary would otherwise only show as a pile of
 * skipped tests in the closing count. A project that cannot run is not
 * started at all, so its tests are not counted as skipped either.
 */
function playwrightPlan() {
  const electron = electronBinary();
  const projects = electron ? ['browser', 'electron'] : ['browser'];
  const lines = [
    `e2e projects: ${projects.join(', ')}`,
    electron ? `  electron: runs with ${electron}` : '  electron: NOT RUN: no Electron binary in node_modules/electron (it cannot be downloaded here); the browser project runs the same specs',
  ];
  const netns = netnsUnavailable();
  lines.push(
    netns === null
      ? '  offline journey (e2e/offline.spec.ts): runs inside `unshare -n`'
      : `  offline journey (e2e/offline.spec.ts): cannot run: ${netns}; ${process.env.CI ? 'CI is set, so it FAILS' : 'skipped (it fails when CI is set)'}`,
  );
  return { projects, electron, lines };
}

const plan = playwrightPlan();
// `node scripts/test-all.mjs --plan`: the plan alone (what test/testAllPlan.test.ts checks).
if (only.includes('--plan')) {
  process.stdout.write(`${plan.lines.join('\n')}\n`);
  process.exit(0);
}
const wantsE2e = (only.length === 0 || only.includes('e2e')) && fs.existsSync(path.join(root, 'playwright.config.ts'));
if (wantsE2e) process.stdout.write(`${plan.lines.join('\n')}\n`);

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-b'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'unit', cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/results/vitest.json'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'], optional: 'scripts/build.mjs' },
  { name: 'e2e', cmd: bin('playwright'), args: ['test', ...plan.projects.map((p) => `--project=${p}`)], optional: 'playwright.config.ts' },
];

const results = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  if (step.optional && !fs.existsSync(path.join(root, step.optional))) continue;
  const started = Date.now();
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const ok = r.status === 0;
  results.push({ name: step.name, ok, seconds: Math.round((Date.now() - started) / 1000) });
}
process.stdout.write('\n=== summary ===\n');
if (wantsE2e) process.stdout.write(`${plan.lines.join('\n')}\n`);
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds}s)\n`);
const failed = results.filter((r) => !r.ok).length;
// One closing line with the real test counts of both runners.
const counts = { passed: 0, failed: 0, skipped: 0 };
const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, '.cache/results', file), 'utf8'));
  } catch {
    return null;
  }
};
const vitest = results.some((r) => r.name === 'unit') ? read('vitest.json') : null;
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
}
const e2e = results.some((r) => r.name === 'e2e') ? read('playwright.json') : null;
if (e2e?.stats) {
  counts.passed += e2e.stats.expected + e2e.stats.flaky;
  counts.failed += e2e.stats.unexpected;
  counts.skipped += e2e.stats.skipped;
}
if (failed > 0 && counts.failed === 0) counts.failed = failed; // a step failed outside any test (typecheck, lint, build)
process.stdout.write(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
