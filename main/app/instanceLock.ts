import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive as alive } from '../services/process/isProcessAlive.js';

export interface InstanceLock {
  /** True when this process owns the data folder's replies (no other live Hearth process does). */
  readonly held: boolean;
  release(): void;
}

/**
 * A pid file in the data folder. Replies left 'streaming' are only marked
 * interrupted by a process that holds it: while the app streams, a CLI
 * `chats show` must not declare its live reply dead.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  const file = path.join(dataDir, 'hearth.pid');
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        held: true,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { held: false, release() {} };
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) return { held: false, release() {} };
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  return { held: false, release() {} };
}
