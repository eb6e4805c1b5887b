#!/usr/bin/env node
// Builds everything the app runs from: the renderer (Vite), the preload (one
// CommonJS file, as a sandboxed preload must be) and main (tsc to dist/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const parts = process.argv.slice(2);
const want = (name) => parts.length === 0 || parts.includes(name);

function run(label, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}build ${label} failed\n`);
    process.exit(1);
  }
  process.stdout.write(`built ${label} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}

if (want('renderer')) run('renderer', bin('vite'), ['build', '--logLevel', 'warn']);
if (want('preload') && fs.existsSync(path.join(root, 'vite.preload.config.ts'))) run('preload', bin('vite'), ['build', '-c', 'vite.preload.config.ts', '--logLevel', 'warn']);
if (want('main')) run('main', bin('tsc'), ['-p', 'tsconfig.build.json']);
