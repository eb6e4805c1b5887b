import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Chunk } from './chunkBlocks.js';

export interface ReaderRequest {
  id: number;
  file: string;
  budgetTokens: number;
}

export type ReaderReply = { id: number; ok: true; title: string | null; chunks: Chunk[]; textBytes: number } | { id: number; ok: false; reason: string };
export type ReadResult = Omit<Extract<ReaderReply, { ok: true }>, 'id'> | Omit<Extract<ReaderReply, { ok: false }>, 'id'>;

export interface ReaderPoolOptions {
  /** A file that takes longer is skipped and the thread replaced. Default 30 000 ms. */
  timeoutMs?: number;
  /** V8 heap cap of the reader thread. Default 512 MB. */
  maxMemoryMb?: number;
  /** Chunk budget in estimated tokens. Default 300. */
  budgetTokens?: number;
  /** The worker module; tests point it at a misbehaving one. Default readerWorker beside this file. */
  workerFile?: string;
}

export interface ReaderPool {
  read(file: string, signal?: AbortSignal): Promise<ReadResult>;
  dispose(): Promise<void>;
}

const here = fileURLToPath(import.meta.url);
const DEFAULT_WORKER = path.join(path.dirname(here), `readerWorker${path.extname(here)}`);

function spawn(file: string, maxMemoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, maxMemoryMb / 4) };
  if (file.endsWith('.ts')) {
    // From sources (dev, tests) the thread needs tsx's loader, which --import does not pass to threads.
    const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
    return new Worker(code, { eval: true, resourceLimits });
  }
  return new Worker(file, { resourceLimits });
}

/**
 * One reader thread, reused file after file (a thread start costs ~0.1-0.4 s)
 * and replaced when a file times out, exhausts its memory or crashes it. The
 * failed file is reported as skipped with the reason; the next one gets a
 * fresh thread. Reads are serial: one at a time keeps memory predictable.
 */
export function createReaderPool(options: ReaderPoolOptions = {}): ReaderPool {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxMemoryMb = options.maxMemoryMb ?? 512;
  const budgetTokens = options.budgetTokens ?? 300;
  const workerFile = options.workerFile ?? DEFAULT_WORKER;
  let worker: Worker | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const kill = (): void => {
    const w = worker;
    worker = null;
    void w?.terminate();
  };

  function readOne(file: string, signal?: AbortSignal): Promise<ReadResult> {
    if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'cancelled' });
    const w = (worker ??= spawn(workerFile, maxMemoryMb));
    // An idle thread must not keep a CLI process alive; a busy one must.
    w.ref();
    const id = nextId++;
    return new Promise<ReadResult>((resolve) => {
      const finish = (result: ReadResult, replace: boolean): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        w.unref();
        if (replace && worker === w) kill();
        resolve(result);
      };
      const onMessage = (reply: ReaderReply): void => {
        if (reply.id !== id) return;
        const { id: _id, ...result } = reply;
        finish(result, false);
      };
      const onError = (error: Error & { code?: string }): void => {
        const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needed more than ${maxMemoryMb} MB of memory to read` : `reader crashed (${error.message})`;
        finish({ ok: false, reason }, true);
      };
      const onExit = (code: number): void => finish({ ok: false, reason: `reader stopped (exit code ${code})` }, true);
      const onAbort = (): void => finish({ ok: false, reason: 'cancelled' }, true);
      const timer = setTimeout(() => finish({ ok: false, reason: `took longer than ${Math.round(timeoutMs / 1000)} s to read` }, true), timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      w.postMessage({ id, file, budgetTokens } satisfies ReaderRequest);
    });
  }

  return {
    read(file, signal) {
      const result = queue.then(() => readOne(file, signal));
      queue = result.catch(() => undefined);
      return result;
    },
    async dispose() {
      await queue;
      kill();
    },
  };
}
