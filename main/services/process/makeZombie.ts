import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { linuxProcessState } from './isProcessAlive.js';

/**
 * For tests (Linux): a real zombie. The shell starts a short `sleep` in the
 * background, prints its pid, then becomes `sleep 30` (exec), which never
 * reaps children: when the short sleep exits it stays a zombie until its
 * parent dies. `cleanup` kills that parent (it started here, by its pid).
 */
export async function makeZombie(): Promise<{ pid: number; parentPid: number; cleanup(): void }> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const parentPid = parent.pid!;
  const cleanup = () => {
    try {
      process.kill(parentPid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
  const pid = Number(chunk.toString().trim());
  for (let i = 0; i < 200 && linuxProcessState(pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
  if (linuxProcessState(pid) !== 'Z') {
    cleanup();
    throw new Error(`makeZombie: pid ${pid} did not become a zombie`);
  }
  return { pid, parentPid, cleanup };
}
