import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock } from '../../app/instanceLock.js';
import { acquirePartLock } from '../library/downloads/acquirePartLock.js';
import { isProcessAlive, linuxProcessState } from './isProcessAlive.js';
import { makeZombie } from './makeZombie.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function zombie(): Promise<{ pid: number; parentPid: number }> {
  const z = await makeZombie();
  cleanups.push(z.cleanup);
  return z;
}

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-zombie-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('isProcessAlive', () => {
  it('is true for this process and false for a pid that does not exist', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('counts a zombie as dead, though signal 0 still reaches it', async () => {
    const z = await zombie();
    expect(linuxProcessState(z.pid)).toBe('Z');
    expect(() => process.kill(z.pid, 0)).not.toThrow(); // what the old check relied on
    expect(isProcessAlive(z.pid)).toBe(false);
    expect(isProcessAlive(z.parentPid)).toBe(true); // its parent is an ordinary live process
  });

  it.runIf(process.platform === 'linux')("takes over a part lock and the data folder's lock left by a zombie", async () => {
    const z = await zombie();
    const dir = scratch();
    const part = path.join(dir, 'm.gguf.part');
    fs.writeFileSync(`${part}.lock`, String(z.pid));
    const release = acquirePartLock(part); // threw BUSY "being downloaded by another Hearth process" before
    expect(fs.readFileSync(`${part}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    fs.writeFileSync(path.join(dir, 'hearth.pid'), String(z.pid));
    const lock = acquireInstanceLock(dir);
    expect(lock.held).toBe(true);
    lock.release();
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
