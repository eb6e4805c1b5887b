#!/usr/bin/env node
// The npm registry this project is built against (a mirror) lacks node-llama-cpp's
// macOS, Windows and riscv64 prebuilt packages, so `npm install` here writes a lock
// without them, and `npm ci` then refuses the lock as out of sync with
// node-llama-cpp's optionalDependencies. This adds the missing entries with the
// platform fields that make npm skip them on other machines; on a Mac or a Windows
// PC npm fetches them from the registry by name and version. Run after `npm install`.
import fs from 'node:fs';

const PLATFORM = {
  'linux-riscv64': { os: ['linux'], cpu: ['riscv64'], libc: ['glibc'] },
  'mac-arm64-metal': { os: ['darwin'], cpu: ['arm64'] },
  'mac-x64': { os: ['darwin'], cpu: ['x64'] },
  'win-arm64': { os: ['win32'], cpu: ['arm64'] },
  'win-x64': { os: ['win32'], cpu: ['x64'] },
  'win-x64-cuda': { os: ['win32'], cpu: ['x64'] },
  'win-x64-cuda-ext': { os: ['win32'], cpu: ['x64'] },
  'win-x64-vulkan': { os: ['win32'], cpu: ['x64'] },
};

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const optional = lock.packages['node_modules/node-llama-cpp']?.optionalDependencies ?? {};
let added = 0;
for (const [name, version] of Object.entries(optional)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const platform = PLATFORM[name.replace('@node-llama-cpp/', '')];
  if (!platform) throw new Error(`No platform fields known for ${name}: add it to scripts/complete-lockfile.mjs`);
  lock.packages[key] = { version, ...platform, license: 'MIT', optional: true, engines: { node: '>=20.0.0' } };
  added++;
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} platform package(s) of node-llama-cpp added\n`);
