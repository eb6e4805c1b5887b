import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive as alive } from '../../process/isProcessAlive.js';
import { HearthError } from '../../../contract/index.js';

/**
 * Lock files this process holds. The pid in the file cannot tell two holders
 * in one process apart (both write our pid), so without this a second
 * download of the same file in this process took the lock over and truncated
 * the first one's part.
 */
const heldHere = new Set<string>();

/** Whether this process already holds the part's lock (another download of the same file is running here). */
export function partLockHeldHere(partPath: string): boolean {
  return heldHere.has(path.resolve(`${partPath}.lock`));
}

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
 * folder must never append to the same part file at once, and neither must
 * two downloads in one process (BUSY). A lock left by a process that died
 * (killed mid-download, or a zombie) is taken over, as is one with our own pid
 * that this process does not hold (a previous process had the same pid).
 */
export function acquirePartLock(partPath: string): () => void {
  const file = path.resolve(`${partPath}.lock`);
  if (heldHere.has(file)) {
    throw new HearthError('BUSY', `${path.basename(partPath, '.part')} is already being downloaded by this Hearth. Let that download finish, or cancel it first.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
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
