#!/usr/bin/env node
// `npm start`: build, then launch the desktop app. Electron 45 fetches its
// binary on first use; where that cannot happen (no network, CI, a locked-down
// machine) Hearth says so in one line and serves the same UI in the browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passthrough = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(dir)) return { error: 'the electron package is not installed' };
  const installed = () => fs.existsSync(pathFile) && fs.existsSync(path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8')));
  if (!installed() && process.env.HEARTH_NO_ELECTRON !== '1') {
    process.stdout.write('Fetching Electron for the first start...\n');
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 10 * 60_000 });
    if (r.status !== 0) {
      const why = (r.stderr || '').split('\n').find((l) => /Error|error:/.test(l))?.trim() ?? `exit code ${r.status}`;
      return { error: `its binary could not be downloaded (${why.slice(0, 160)})` };
    }
  }
  if (!installed()) return { error: 'its binary is missing' };
  return { path: createRequire(path.join(dir, 'index.js'))(path.join(dir, 'index.js')) };
}

/**
 * better-sqlite3-multiple-ciphers (SQLite with SQLCipher-format encryption) is a native addon: npm built it for Node's ABI, which the
 * tests and the CLI use. Electron needs its own build; it is made once per
 * Electron version in .cache/ and handed to the app, leaving Node's alone.
 * (Packaged apps are rebuilt in place by electron-builder.)
 */
function sqliteForElectron() {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const dir = path.join(root, '.cache', 'electron-native', `electron-${version}-${process.platform}-${process.arch}`, 'better-sqlite3-multiple-ciphers');
  const addon = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(addon)) return { path: addon };
  process.stdout.write(`Building SQLite for Electron ${version} (once)...\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3-multiple-ciphers'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const attempts = [
    [path.join(root, 'node_modules/.bin/prebuild-install'), ['--runtime', 'electron', '--target', version, '--arch', process.arch]],
    ['npx', ['--yes', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']],
  ];
  for (const [cmd, args] of attempts) {
    const r = spawnSync(cmd, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' });
    if (r.status === 0 && fs.existsSync(addon)) return { path: addon };
  }
  return { error: `SQLite could not be built for Electron ${version}` };
}

let electron = process.env.HEARTH_NO_ELECTRON === '1' ? { error: 'HEARTH_NO_ELECTRON=1 is set' } : electronBinary();
const sqlite = electron.path ? sqliteForElectron() : null;
if (sqlite?.error) electron = { error: sqlite.error };
let child;
if (electron.path) {
  child = spawn(electron.path, [root, ...passthrough], { cwd: root, stdio: 'inherit', env: { ...process.env, HEARTH_SQLITE_BINDING: sqlite.path } });
} else {
  process.stdout.write(`Electron is not available here: ${electron.error}. Starting Hearth in your browser instead.\n`);
  child = spawn(process.execPath, [path.join(root, 'bin/hearth.mjs'), 'serve', '--open', ...passthrough], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
