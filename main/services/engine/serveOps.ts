import { readFrameId } from '../../contract/rpcPeer.js';
import { HearthError, toErrorPayload, type ErrorPayload } from '../../contract/index.js';
import { describeIssues } from '../../contract/describeIssues.js';
import { engineOps, type EngineOp, type OpParams, type OpResult } from './engineOps.js';

export interface OpContext {
  signal: AbortSignal;
  /** Streams one event of this call to the caller (deltas, progress). */
  stream(payload: unknown): void;
}

/** One handler per engine operation: the table the engine process serves. No switch, no casts at the call site. */
export type OpHandlers = { [O in EngineOp]: (params: OpParams<O>, ctx: OpContext) => Promise<OpResult<O>> | OpResult<O> };

export type OutFrame = { id: number; stream: unknown } | { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ErrorPayload };

/**
 * The engine side of the RPC peer: request frames are checked against the
 * op table's params schema, run with an AbortSignal the caller's abort frame
 * fires, and answered with one reply frame. Unknown ops and bad params are
 * INVALID_PARAMS replies, never a crash.
 */
export function serveOps(handlers: OpHandlers, send: (frame: OutFrame) => void, onInternal: (error: unknown) => void = () => {}): (frame: unknown) => void {
  const controllers = new Map<number, AbortController>();

  async function run(id: number, method: unknown, params: unknown, signal: AbortSignal): Promise<unknown> {
    if (typeof method !== 'string' || !Object.hasOwn(engineOps, method)) throw new HearthError('INVALID_PARAMS', `The engine has no operation ${String(method).slice(0, 64)}.`);
    const op = method as EngineOp;
    const parsed = engineOps[op].params.safeParse(params ?? {});
    if (!parsed.success) throw new HearthError('INVALID_PARAMS', describeIssues(`engine ${op}`, parsed.error.issues));
    const handler = handlers[op] as (p: unknown, ctx: OpContext) => unknown;
    return handler(parsed.data, { signal, stream: (payload) => send({ id, stream: payload }) });
  }

  return (frame) => {
    const id = readFrameId(frame);
    if (typeof id !== 'number') return;
    const f = frame as { method?: unknown; params?: unknown; abort?: unknown };
    if (f.abort === true) {
      controllers.get(id)?.abort();
      return;
    }
    const controller = new AbortController();
    controllers.set(id, controller);
    run(id, f.method, f.params, controller.signal)
      .then(
        (result) => send({ id, ok: true, result }),
        (error: unknown) => {
          const payload = toErrorPayload(error);
          if (payload.code === 'INTERNAL') onInternal(error);
          send({ id, ok: false, error: payload });
        },
      )
      .finally(() => controllers.delete(id));
  };
}
