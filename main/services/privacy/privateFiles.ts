import fs from 'node:fs';
import path from 'node:path';

/** Folders only the user can enter: another account on the computer must not read chats, logs or caches. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files only the user can read and write. */
export const PRIVATE_FILE_MODE = 0o600;

/** POSIX modes mean nothing on Windows (ACLs rule there, and %APPDATA% is per-user already). */
const POSIX = process.platform !== 'win32';

function tighten(target: string, mode: number): boolean {
  if (!POSIX) return false;
  const current = fs.statSync(target).mode & 0o777;
  if ((current & ~mode) === 0) return false;
  fs.chmodSync(target, current & mode);
  return true;
}

/**
 * Creates `dir` (and missing parents) as 0700, or tightens an existing one
 * that others can read. Returns true when an existing folder was tightened,
 * so the caller can say so in the log. mkdir's mode is filtered by the umask,
 * hence the chmod after it.
 */
export function ensurePrivateDir(dir: string): boolean {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const changed = tighten(dir, PRIVATE_DIR_MODE);
  return existed && changed;
}

/** Tightens an existing file to 0600 (group and others lose every bit). Missing files are left alone. */
export function ensurePrivateFile(file: string): boolean {
  try {
    return tighten(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Creates `file` empty with mode 0600 if it does not exist, else tightens it:
 * for files another library creates with its own default mode (SQLite makes
 * the database 0644, and its -wal and -shm copy the database's mode).
 */
export function createPrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  ensurePrivateFile(file);
}

/**
 * Tightens a folder and the files directly inside it (not recursively: model
 * files can be gigabytes in nested folders, and the folder's own 0700 already
 * keeps others out of everything below it). Returns the paths it changed.
 */
export function tightenTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const changed: string[] = [];
  if (ensurePrivateDir(dir)) changed.push(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && ensurePrivateFile(full)) changed.push(full);
    else if (entry.isDirectory() && ensurePrivateDir(full)) changed.push(full);
  }
  return changed;
}
