import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, linuxProcessState } from './isProcessAlive.js';

const parents: number[] = [];
afterEach(() => {
  for (const pid of parents.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * A real zombie: the shell starts a short `sleep` in the background, prints
 * its pid, then becomes `sleep 30` (exec), which never waits for children.
 * When the short sleep exits it stays a zombie until its parent dies.
 */
async function makeZombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'inherit'] });
  parents.push(parent.pid!);
  const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
  const pid = Number(chunk.toString().trim());
  for (let i = 0; i < 100 && linuxProcessState(pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
  return pid;
}

describe('isProcessAlive', () => {
  it('is true for this process and false for a pid that does not exist', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('counts a zombie as dead, though signal 0 still reaches it', async () => {
    const zombie = await makeZombie();
    expect(linuxProcessState(zombie)).toBe('Z');
    expect(() => process.kill(zombie, 0)).not.toThrow(); // what the old check relied on
    expect(isProcessAlive(zombie)).toBe(false);
    expect(isProcessAlive(parents[0]!)).toBe(true); // its parent is an ordinary live process
  });

  it('reads the state after the last parenthesis, whatever the command name holds', () => {
    const stat = (text: string) => () => text;
    expect(linuxProcessState(1, stat('42 (a) R (b) Z 1 2 3'))).toBe('Z');
    expect(linuxProcessState(1, stat('42 (Z) S 1 2 3'))).toBe('S');
    expect(linuxProcessState(1, stat('42 (sleep) S 1'))).toBe('S');
    expect(linuxProcessState(1, stat('garbage'))).toBeNull();
    expect(
      linuxProcessState(1, () => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
  });
});
