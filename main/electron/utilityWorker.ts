import { utilityProcess } from 'electron';
import { ENGINE_WORKER_PATH } from '../services/engine/forkWorker.js';
import type { SpawnWorker, WorkerHandle } from '../services/engine/workerHandle.js';

const STDERR_TAIL = 4096;

/**
 * The engine under Electron: a utilityProcess (Chromium's process model, no
 * ELECTRON_RUN_AS_NODE needed, which the fuses turn off) running the same
 * engineWorker as the Node fork. It talks over process.parentPort, which
 * engineWorker detects; messages are structured clones, as with
 * fork(serialization: 'advanced').
 */
export const utilityWorker: SpawnWorker = ({ env }) => {
  const child = utilityProcess.fork(ENGINE_WORKER_PATH, [], {
    env: { ...process.env, ...env } as Record<string, string>,
    serviceName: 'Hearth Engine',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
  });

  let exit: { code: number | null } | null = null;
  const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  child.once('exit', (code) => {
    exit = { code };
    // utilityProcess reports no signal; a crash shows as a non-zero code.
    for (const listener of exitListeners.splice(0)) listener(code, null);
  });

  const handle: WorkerHandle & { stderrTail(): string } = {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (exit) return; // postMessage after exit throws; the engine notices the exit on its own
      child.postMessage(message);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      // The engine registers more than one listener, some after the fact: a late one still hears about it.
      if (exit) {
        const { code } = exit;
        queueMicrotask(() => listener(code, null));
      } else {
        exitListeners.push(listener);
      }
    },
    kill() {
      if (!exit) child.kill();
    },
    stderrTail: () => stderrTail,
  };
  return handle;
};
