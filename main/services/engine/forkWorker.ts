import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpawnWorker, WorkerHandle } from './workerHandle.js';

const here = fileURLToPath(import.meta.url);
const ext = path.extname(here);
/** The worker sits beside this file: .ts when run through tsx (dev, tests), .js when built. */
export const ENGINE_WORKER_PATH = path.join(path.dirname(here), `engineWorker${ext}`);

/** How many bytes of the engine's stderr to keep, so a crash can say what llama.cpp printed last. */
const STDERR_TAIL = 4096;

/** Under Node the engine is a forked child process with an IPC channel. */
export const forkWorker: SpawnWorker = ({ env }) => {
  const child = fork(ENGINE_WORKER_PATH, [], {
    env: { ...process.env, ...env },
    // Running from TypeScript sources needs tsx's loader in the child too.
    execArgv: ext === '.ts' ? ['--import', 'tsx'] : [],
    serialization: 'advanced',
    // stdout stays closed so nothing the runtime prints can corrupt the CLI's --json output.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
  });
  const handle: WorkerHandle & { stderrTail(): string } = {
    pid: child.pid,
    send(message) {
      if (child.connected) child.send(message as never);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      child.once('exit', (code, signal) => listener(code, signal));
    },
    kill() {
      child.kill('SIGKILL');
    },
    stderrTail: () => stderrTail,
  };
  return handle;
};
