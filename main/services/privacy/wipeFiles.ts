import fs from 'node:fs';
import path from 'node:path';
import { convertingPath } from './convertDatabase.js';

/**
 * Empties the log files (kept, so a logger's open descriptor stays valid and
 * its next line starts a fresh file), removes the caches folder's contents and
 * any copy a killed conversion left. Returns the paths it touched.
 */
export function wipeFiles(paths: { logs: string; cache: string; database: string }): string[] {
  const touched: string[] = [];
  if (fs.existsSync(paths.logs)) {
    for (const entry of fs.readdirSync(paths.logs, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(paths.logs, entry.name);
      fs.truncateSync(file, 0);
      touched.push(file);
    }
  }
  if (fs.existsSync(paths.cache)) {
    for (const entry of fs.readdirSync(paths.cache)) {
      const target = path.join(paths.cache, entry);
      fs.rmSync(target, { recursive: true, force: true });
      touched.push(target);
    }
  }
  const leftover = convertingPath(paths.database);
  for (const f of [leftover, `${leftover}-journal`, `${leftover}-wal`, `${leftover}-shm`]) {
    if (fs.existsSync(f)) {
      fs.rmSync(f, { force: true });
      touched.push(f);
    }
  }
  return touched;
}
