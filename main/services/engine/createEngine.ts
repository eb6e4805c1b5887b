import os from 'node:os';
import { DEFAULT_SETTINGS, fromErrorPayload, HearthError, type EngineSettings, type EngineStatus, type ModelFit } from '../../contract/index.js';
import type { EngineOp, EngineOps, GenerateArgs, GenerateResult, LoadResult, ModelRef, WorkerMessage } from './protocol.js';
import { isWorkerMessage } from './protocol.js';
import type { SpawnWorker, WorkerHandle } from './workerHandle.js';

export type EngineState = 'idle' | 'starting' | 'ready' | 'crashed';

export interface EngineDeps {
  spawnWorker: SpawnWorker;
  settings?: EngineSettings;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  onStateChange?: (state: EngineState, message: string | null) => void;
  /** Extra environment for the engine process (tests force the CPU backend). */
  env?: Record<string, string>;
}

export interface Engine {
  /** With start: false (the default) a stopped engine is not started just to answer. */
  status(options?: { start?: boolean }): Promise<EngineStatus>;
  load(ref: ModelRef, options?: { signal?: AbortSignal; onProgress?: (p: number) => void }): Promise<LoadResult>;
  unload(modelId: string): Promise<boolean>;
  generate(args: GenerateArgs, options: { signal?: AbortSignal; onDelta: (text: string) => void; onLoadProgress?: (p: number) => void }): Promise<GenerateResult>;
  estimate(modelPath: string): Promise<ModelFit>;
  /** Embedding vectors, one per text (the router's similarity to example phrases). */
  embed(ref: ModelRef, texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
  configure(settings: EngineSettings): Promise<void>;
  readonly state: EngineState;
  readonly pid: number | undefined;
  dispose(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onDelta?: (text: string) => void;
  onProgress?: (p: number) => void;
  op: EngineOp;
}

const SHUTDOWN_GRACE_MS = 3000;

/**
 * The app's side of the engine process: starts it on first use, forwards
 * requests and aborts, and turns a dead process into ENGINE_CRASHED for every
 * request in flight. The next request starts a fresh process.
 */
export function createEngine(deps: EngineDeps): Engine {
  const log = deps.log ?? (() => {});
  let settings = deps.settings ?? DEFAULT_SETTINGS.engine;
  let worker: WorkerHandle | null = null;
  let ready: Promise<WorkerHandle> | null = null;
  let state: EngineState = 'idle';
  let nextId = 1;
  let disposed = false;
  const pending = new Map<number, Pending>();

  function setState(next: EngineState, message: string | null = null): void {
    state = next;
    deps.onStateChange?.(next, message);
  }

  function start(): Promise<WorkerHandle> {
    if (disposed) return Promise.reject(new HearthError('ENGINE_UNAVAILABLE', 'The engine is shutting down.'));
    if (ready) return ready;
    setState('starting');
    ready = new Promise<WorkerHandle>((resolve, reject) => {
      const handle = deps.spawnWorker({ env: { UV_THREADPOOL_SIZE: '1', ...deps.env } });
      worker = handle;
      let started = false;
      handle.onMessage((raw) => {
        if (!isWorkerMessage(raw)) return;
        if (raw.type === 'ready') {
          started = true;
          setState('ready');
          log('info', `engine process ${raw.pid} ready`);
          // Settings first, so the first load uses them.
          handle.send({ type: 'request', id: 0, op: 'configure', args: settings });
          resolve(handle);
          return;
        }
        onWorkerMessage(raw);
      });
      handle.onExit((code, signal) => {
        if (worker === handle) {
          worker = null;
          ready = null;
        }
        const tail = (handle as { stderrTail?: () => string }).stderrTail?.().trim().split('\n').slice(-3).join(' | ');
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (!started) {
          const error = new HearthError('ENGINE_UNAVAILABLE', `The engine process could not start (${how})${tail ? `: ${tail}` : ''}.`);
          setState('crashed', error.message);
          reject(error);
        }
        const error = disposed
          ? new HearthError('ENGINE_UNAVAILABLE', 'The engine was shut down.')
          : new HearthError('ENGINE_CRASHED', `The inference engine stopped unexpectedly (${how}). Your chat is saved; send again to restart it.`);
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(error);
        }
        if (disposed) return setState('idle');
        log('error', `engine process exited (${how})${tail ? `: ${tail}` : ''}`);
        if (started) setState('crashed', `The engine stopped (${how}). It restarts on the next request.`);
      });
    });
    return ready;
  }

  function onWorkerMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'log':
        log(message.level, `[engine] ${message.message}`);
        return;
      case 'delta':
        pending.get(message.id)?.onDelta?.(message.text);
        return;
      case 'progress':
        pending.get(message.id)?.onProgress?.(message.progress);
        return;
      case 'result': {
        const p = pending.get(message.id);
        if (!p) return;
        pending.delete(message.id);
        if (message.ok) p.resolve(message.value);
        else p.reject(fromErrorPayload(message.error));
        return;
      }
    }
  }

  async function request<O extends EngineOp>(
    op: O,
    args: EngineOps[O]['args'],
    options: { signal?: AbortSignal; onDelta?: (t: string) => void; onProgress?: (p: number) => void } = {},
  ): Promise<EngineOps[O]['result']> {
    const handle = await start();
    const id = nextId++;
    return new Promise<EngineOps[O]['result']>((resolve, reject) => {
      const onAbort = () => handle.send({ type: 'abort', id });
      pending.set(id, {
        op,
        resolve: (v) => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(v as EngineOps[O]['result']);
        },
        reject: (e) => {
          options.signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onDelta: options.onDelta,
        onProgress: options.onProgress,
      });
      handle.send({ type: 'request', id, op, args });
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    get state() {
      return state;
    },
    get pid() {
      return worker?.pid;
    },
    async status(options = {}) {
      if (!worker && !options.start) {
        return {
          started: false,
          backend: null,
          devices: [],
          threads: settings.threads ?? 0,
          ramTotalBytes: os.totalmem(),
          ramFreeBytes: os.freemem(),
          vramTotalBytes: 0,
          vramFreeBytes: 0,
          loaded: [],
        };
      }
      return { started: true, ...(await request('status', {})) };
    },
    load: (ref, options = {}) => request('load', ref, { signal: options.signal, onProgress: options.onProgress }),
    async unload(modelId) {
      if (!worker) return false;
      return request('unload', { modelId });
    },
    generate: (args, options) => request('generate', args, { signal: options.signal, onDelta: options.onDelta, onProgress: options.onLoadProgress }),
    estimate: (modelPath) => request('estimate', { modelPath }),
    embed: (ref, texts, options = {}) => request('embed', { ...ref, texts }, { signal: options.signal }),
    async configure(next) {
      settings = next;
      if (worker) await request('configure', next);
    },
    async dispose() {
      if (disposed) return;
      const handle = worker;
      if (handle) {
        const exited = new Promise<void>((resolve) => handle.onExit(() => resolve()));
        const timer = setTimeout(() => handle.kill(), SHUTDOWN_GRACE_MS);
        request('shutdown', {}).catch(() => {});
        disposed = true;
        await exited;
        clearTimeout(timer);
      }
      disposed = true;
      setState('idle');
    },
  };
}
