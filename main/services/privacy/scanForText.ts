import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file under `dir` (recursively) whose bytes contain `text`, in UTF-8
 * or UTF-16 (SQLite may store either): the check behind "deleted means gone"
 * and "encrypted means unreadable".
 */
export function filesContaining(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && needles.some((n) => fs.readFileSync(full).includes(n))) found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found;
}
