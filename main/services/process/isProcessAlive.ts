import fs from 'node:fs';

/**
 * The one-letter state of a Linux process from /proc/<pid>/stat, or null when
 * there is no /proc (macOS, Windows) or it cannot be read. The state follows
 * the command name, which is in parentheses and may itself hold spaces and
 * parentheses ("(my (odd) name)"), so it is read after the LAST ')'.
 */
export function linuxProcessState(pid: number, readStat: (file: string) => string = (file) => fs.readFileSync(file, 'utf8')): string | null {
  let stat: string;
  try {
    stat = readStat(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const state = stat.slice(close + 1).trim().charAt(0);
  return state === '' ? null : state;
}

/**
 * Whether a process with this pid is alive. Signal 0 checks without sending
 * anything; EPERM means it exists but belongs to another user (still alive).
 * A zombie (state Z: it exited, its parent has not reaped it) answers signal 0
 * too, and in a container without an init it may never be reaped: it holds no
 * lock any more, so it counts as dead. A dead process (X) likewise.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  const state = linuxProcessState(pid);
  return state !== 'Z' && state !== 'X';
}
