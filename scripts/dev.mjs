#!/usr/bin/env node
// `npm run dev`: the renderer from Vite's dev server with hot reload, against
// the real services. With Electron: the desktop window loads the dev server
// (HEARTH_DEV_URL). Without it: browser mode, where Vite proxies the
// WebSocket to Hearth's server and presents the server's own Origin, so the
// server's Origin check stays as strict as in production.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITE_PORT = Number(process.env.HEARTH_VITE_PORT ?? 5173);
const children = [];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop(), process.exit(0)));

function electronPath() {
  try {
    const dir = path.join(root, 'node_modules/electron');
    const exe = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8'));
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

function startVite(env) {
  const vite = spawn(path.join(root, 'node_modules/.bin/vite'), ['--port', String(VITE_PORT), '--strictPort'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(vite);
  return vite;
}

const electron = electronPath();
if (electron) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'preload', 'main'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
  startVite({});
  children.push(spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, HEARTH_DEV_URL: `http://127.0.0.1:${VITE_PORT}/` } }));
} else {
  const server = spawn(process.execPath, [path.join(root, 'bin/hearth.mjs'), 'serve', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(server);
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk.toString();
    const match = /Hearth is running at http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)/.exec(out);
    if (!match || children.length > 1) return;
    startVite({ HEARTH_DEV_API_PORT: match[1] });
    process.stdout.write(`Hearth (dev, hot reload) at http://127.0.0.1:${VITE_PORT}/#token=${match[2]}\n`);
  });
  server.on('exit', (code) => (stop(), process.exit(code ?? 1)));
}
