import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive as alive } from '../../process/isProcessAlive.js';
import { HearthError } from '../../../contract/index.js';

/** The pid of another live process holding the part's lock, or null. */
export function partLockHolder(partPath: string): number | null {
  try {
    const owner = Number.parseInt(fs.readFileSync(`${partPath}.lock`, 'utf8'), 10);
    return Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner) ? owner : null;
  } catch {
    return null;
  }
}

/**
 * `<name>.part.lock` holding our pid: the app and a CLI run on the same data
 * folder must never append to the same part file at once. A lock left by a
 * process that died (killed mid-download) is taken over.
 */
export function acquirePartLock(partPath: string): () => void {
  const file = `${partPath}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new HearthError('BUSY', `${path.basename(partPath, '.part')} is being downloaded by another Hearth process (pid ${owner}). Let it finish, or stop it first.`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new HearthError('BUSY', `Could not lock ${file}.`);
}
