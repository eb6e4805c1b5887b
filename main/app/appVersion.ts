import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** Hearth's version from its package.json, found upward from here: the same from sources, dist/ and the asar. */
export function appVersion(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hearth' && pkg.version) return (cached = pkg.version);
    } catch {
      /* keep looking upward */
    }
    dir = path.dirname(dir);
  }
  return (cached = '0.0.0');
}
