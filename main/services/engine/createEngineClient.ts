import os from 'node:os';
import { DEFAULT_SETTINGS, fromErrorPayload, HearthError, type EngineSettings, type EngineStatus, type ModelFit } from '../../contract/index.js';
import { createRpcPeer, type RpcPeer } from '../../contract/rpcPeer.js';
import { describeIssues } from '../../contract/describeIssues.js';
import {
  engineOps,
  isEngineNotice,
  type CoreStatus,
  type EngineOp,
  type EngineTuning,
  type GenerateArgs,
  type GenerateEvent,
  type GenerateResult,
  type LoadResult,
  type ModelRef,
  type OpParams,
  type OpResult,
} from './engineOps.js';
import type { SpawnWorker, WorkerHandle } from './workerHandle.js';
import type { CompleteArgs, CompleteEvent, CompleteResult } from './completeOps.js';

export type EngineState = 'idle' | 'starting' | 'ready' | 'crashed';

export interface EngineClientDeps {
  spawnWorker: SpawnWorker;
  settings?: EngineSettings | EngineTuning;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** Every change the app should show: state, and the engine's full status while it runs (pushed on load, unload, crash). */
  onStatus?: (state: EngineState, message: string | null, status: EngineStatus | null) => void;
  /** Extra environment for the engine process (tests force the CPU backend). */
  env?: Record<string, string>;
  /** How long a stopped reply may take to end before the engine is restarted (a render or decode that ignores Stop). */
  stopGraceMs?: number;
}

export interface GenerateCallbacks {
  signal?: AbortSignal;
  onEvent(event: GenerateEvent): void;
}

/** The app's side of the engine process. */
export interface EngineClient {
  /** With start: false (the default) a stopped engine is not started just to answer. */
  status(options?: { start?: boolean }): Promise<EngineStatus>;
  load(ref: ModelRef, options?: { signal?: AbortSignal; onProgress?: (p: number) => void }): Promise<LoadResult>;
  unload(modelId: string): Promise<boolean>;
  generate(args: GenerateArgs, callbacks: GenerateCallbacks): Promise<GenerateResult>;
  /** An OpenAI-style completion for the local API: text or a tool call, streamed as events; aborting ends it as 'aborted'. */
  complete(args: CompleteArgs, callbacks: { signal?: AbortSignal; onEvent?(event: CompleteEvent): void }): Promise<CompleteResult>;
  estimate(modelPath: string): Promise<ModelFit>;
  /** Embedding vectors, one per text (the router's similarity to example phrases). */
  embed(ref: ModelRef, texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
  /** Relevance scores in [0, 1] of texts for a query, from a reranker, in order. */
  rank(ref: ModelRef, query: string, texts: string[], options?: { signal?: AbortSignal }): Promise<number[]>;
  /** Engine settings, and how many API completions may run at once (parallelSequences, from Settings.api.parallel). */
  configure(settings: EngineSettings | EngineTuning): Promise<void>;
  /** The context size a model was last loaded with, if it was loaded in this engine's life. */
  knownContextSize(modelId: string): number | null;
  readonly state: EngineState;
  readonly pid: number | undefined;
  dispose(): Promise<void>;
}

/** What an op streams before its result. */
type StreamOf<O extends EngineOp> = O extends 'complete' ? CompleteEvent : GenerateEvent;

const SHUTDOWN_GRACE_MS = 3000;
const STOP_GRACE_MS = 5000;

/**
 * Starts the engine process on first use, calls its typed operations through
 * one RPC peer, and turns a dead process into ENGINE_CRASHED for every call in
 * flight. The next call starts a fresh process. A reply whose Stop gets no
 * answer within stopGraceMs (a hostile template rendering, say) restarts the
 * engine: the reply ends as stopped, with the text it had.
 */
export function createEngineClient(deps: EngineClientDeps): EngineClient {
  const log = deps.log ?? (() => {});
  const stopGraceMs = deps.stopGraceMs ?? STOP_GRACE_MS;
  let settings: EngineSettings | EngineTuning = deps.settings ?? DEFAULT_SETTINGS.engine;
  let worker: WorkerHandle | null = null;
  let peer: RpcPeer | null = null;
  let ready: Promise<RpcPeer> | null = null;
  let state: EngineState = 'idle';
  let disposed = false;
  const contextSizes = new Map<string, number>();
  /** Calls whose Stop timed out: they end as ABORTED when the restart fails them, not as a crash. */
  const stoppedByWatchdog = new Set<Promise<unknown>>();

  function setState(next: EngineState, message: string | null = null, status: CoreStatus | null = null): void {
    state = next;
    if (status) for (const l of status.loaded) contextSizes.set(l.modelId, l.contextSize);
    deps.onStatus?.(next, message, status ? { started: true, ...status } : null);
  }

  function start(): Promise<RpcPeer> {
    if (disposed) return Promise.reject(new HearthError('ENGINE_UNAVAILABLE', 'The engine is shutting down.'));
    if (ready) return ready;
    setState('starting');
    ready = new Promise<RpcPeer>((resolve, reject) => {
      const handle = deps.spawnWorker({ env: { UV_THREADPOOL_SIZE: '1', ...deps.env } });
      const rpc = createRpcPeer({ send: (frame) => handle.send(frame), toError: (payload) => fromErrorPayload(payload as never) });
      worker = handle;
      peer = rpc;
      let started = false;
      handle.onMessage((raw) => {
        if (rpc.receive(raw) || !isEngineNotice(raw)) return;
        if (raw.notice === 'log') log(raw.level, `[engine] ${raw.message}`);
        else if (raw.notice === 'status') setState('ready', null, raw.status);
        else if (raw.notice === 'ready') {
          started = true;
          setState('ready');
          log('info', `engine process ${raw.pid} ready`);
          // Settings first, so the first load uses them.
          void rpc.call('configure', settings).catch(() => {});
          resolve(rpc);
        }
      });
      handle.onExit((code, signal) => {
        if (worker === handle) {
          worker = null;
          peer = null;
          ready = null;
        }
        contextSizes.clear();
        const tail = (handle as { stderrTail?: () => string }).stderrTail?.().trim().split('\n').slice(-3).join(' | ');
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (!started) {
          const error = new HearthError('ENGINE_UNAVAILABLE', `The engine process could not start (${how})${tail ? `: ${tail}` : ''}.`);
          setState('crashed', error.message);
          reject(error);
        }
        rpc.failAll(
          disposed
            ? new HearthError('ENGINE_UNAVAILABLE', 'The engine was shut down.')
            : new HearthError('ENGINE_CRASHED', `The inference engine stopped unexpectedly (${how}). Your chat is saved; send again to restart it.`),
        );
        if (disposed) return setState('idle');
        log('error', `engine process exited (${how})${tail ? `: ${tail}` : ''}`);
        if (started) setState('crashed', `The engine stopped (${how}). It restarts on the next request.`);
      });
    });
    return ready;
  }

  async function call<O extends EngineOp>(op: O, params: OpParams<O>, options: { signal?: AbortSignal; onStream?: (e: StreamOf<O>) => void } = {}): Promise<OpResult<O>> {
    const rpc = await start();
    const result = await rpc.call(op, params, { signal: options.signal, onStream: options.onStream as (p: unknown) => void });
    const checked = engineOps[op].result.safeParse(result);
    if (!checked.success) throw new HearthError('INTERNAL', `The engine answered ${describeIssues(`engine ${op}`, checked.error.issues)}`);
    return checked.data as OpResult<O>;
  }

  /** Restarts the engine when a stopped call has not ended after the grace time. */
  function watchStop<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) return promise;
    const onAbort = () => {
      const timer = setTimeout(() => {
        log('warn', `a stopped reply did not end within ${stopGraceMs} ms; restarting the engine`);
        stoppedByWatchdog.add(promise);
        worker?.kill();
      }, stopGraceMs);
      timer.unref?.();
      void promise.finally(() => clearTimeout(timer)).catch(() => {});
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return promise.catch((error: unknown) => {
      if (!stoppedByWatchdog.delete(promise)) throw error;
      throw new HearthError('ABORTED', `The reply was stopped; the engine did not respond within ${stopGraceMs / 1000} s and was restarted.`);
    }).finally(() => signal.removeEventListener('abort', onAbort));
  }

  return {
    get state() {
      return state;
    },
    get pid() {
      return worker?.pid;
    },
    async status(options = {}) {
      if (!peer && !options.start) {
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
      return { started: true, ...(await call('status', {})) };
    },
    load: (ref, options = {}) =>
      call('load', ref, {
        signal: options.signal,
        onStream: (e) => {
          if (e.type === 'loading') options.onProgress?.(e.progress);
        },
      }),
    async unload(modelId) {
      if (!peer) return false;
      return call('unload', { modelId });
    },
    generate: (args, callbacks) => watchStop(call('generate', args, { signal: callbacks.signal, onStream: callbacks.onEvent }), callbacks.signal),
    complete: (args, callbacks) => watchStop(call('complete', args, { signal: callbacks.signal, onStream: callbacks.onEvent }), callbacks.signal),
    estimate: (modelPath) => call('estimate', { modelPath }),
    embed: (ref, texts, options = {}) => call('embed', { ...ref, texts }, { signal: options.signal }),
    rank: (ref, query, texts, options = {}) => call('rank', { ...ref, query, texts }, { signal: options.signal }),
    async configure(next) {
      settings = next;
      if (peer) await call('configure', next);
    },
    knownContextSize: (modelId) => contextSizes.get(modelId) ?? null,
    async dispose() {
      if (disposed) return;
      const handle = worker;
      const rpc = peer;
      disposed = true;
      if (handle && rpc) {
        const exited = new Promise<void>((resolve) => handle.onExit(() => resolve()));
        const timer = setTimeout(() => handle.kill(), SHUTDOWN_GRACE_MS);
        rpc.call('shutdown', {}).catch(() => {});
        await exited;
        clearTimeout(timer);
      }
      setState('idle');
    },
  };
}
