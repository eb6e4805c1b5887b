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

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-b'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'unit', cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/results/vitest.json'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'], optional: 'scripts/build.mjs' },
  { name: 'e2e', cmd: bin('playwright'), args: ['test'], optional: 'playwright.config.ts' },
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
