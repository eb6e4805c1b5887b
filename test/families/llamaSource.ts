import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The llama.cpp source node-llama-cpp ships, as a git bundle of one squashed commit. */
export const LLAMA_BUNDLE = path.join(repoRoot, 'node_modules/node-llama-cpp/llama/gitRelease.bundle');
/** Where it is extracted (gitignored, never committed): shared by every test process and run. */
export const LLAMA_SOURCE_DIR = path.join(repoRoot, '.cache/llama-src');

/**
 * The extracted llama.cpp source, cloned from the bundle on first use; null
 * when the bundle is absent (a node-llama-cpp without it), so callers skip.
 * The clone goes to a temporary folder renamed into place: concurrent test
 * processes either see no source or a complete one, and a loser of the race
 * drops its copy.
 */
export function ensureLlamaSource(): string | null {
  if (fs.existsSync(path.join(LLAMA_SOURCE_DIR, 'models/templates'))) return LLAMA_SOURCE_DIR;
  if (!fs.existsSync(LLAMA_BUNDLE)) return null;
  fs.mkdirSync(path.dirname(LLAMA_SOURCE_DIR), { recursive: true });
  const temp = `${LLAMA_SOURCE_DIR}.${process.pid}.partial`;
  fs.rmSync(temp, { recursive: true, force: true });
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', LLAMA_BUNDLE, temp], { stdio: 'pipe' });
  try {
    fs.renameSync(temp, LLAMA_SOURCE_DIR);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(LLAMA_SOURCE_DIR, 'models/templates'))) throw error;
  }
  return LLAMA_SOURCE_DIR;
}
