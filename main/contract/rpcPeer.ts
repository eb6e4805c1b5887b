/**
 * The calling side of one RPC connection, for both of Hearth's process
 * boundaries: the app calling its engine process, and the renderer (or a test
 * client) calling the app over the WebSocket. It owns ids, the pending map,
 * aborts and the events a call streams back; the transport only moves frames.
 * When the peer dies, `failAll` rejects every pending call with one typed
 * error, so nothing waits forever.
 *
 * Frames (plain JSON / structured-clone data):
 *   request  {id, method, params}        caller -> callee
 *   abort    {id, abort: true}           caller -> callee (the callee's AbortSignal fires)
 *   stream   {id, stream: payload}       callee -> caller (events of that call: deltas, progress)
 *   reply    {id, ok: true, result} | {id, ok: false, error: {code, message}}
 */

export type FrameId = number | string;

export interface CallFrame {
  id: number;
  method: string;
  params: unknown;
}

export interface AbortFrame {
  id: number;
  abort: true;
}

export interface ErrorLike {
  code: string;
  message: string;
}

export interface RpcCallOptions {
  signal?: AbortSignal;
  /** The call's own events, in order, before its reply. */
  onStream?: (payload: unknown) => void;
}

export interface RpcPeerOptions {
  /** Sends a frame; throwing rejects the call. */
  send(frame: CallFrame | AbortFrame): void;
  /** Turns an error reply into the Error the caller sees (HearthError, with its code). */
  toError(payload: ErrorLike, method: string): Error;
}

export interface RpcPeer {
  call(method: string, params: unknown, options?: RpcCallOptions): Promise<unknown>;
  /** Feeds one incoming frame; true when it was a reply or stream frame of a pending call. */
  receive(frame: unknown): boolean;
  /** Rejects pending calls (those `which` selects, default all) with `error`, or the error made for each call's method. */
  failAll(error: Error | ((method: string) => Error), which?: (id: number) => boolean): void;
  readonly pending: number;
}

const MAX_STRING_ID = 64;

/** A frame's id when it has a usable one (a non-negative integer or a short string), else null: the one reader of frame ids. */
export function readFrameId(frame: unknown): FrameId | null {
  if (frame === null || typeof frame !== 'object' || !Object.hasOwn(frame, 'id')) return null;
  const id = (frame as { id: unknown }).id;
  if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 0 ? id : null;
  if (typeof id === 'string') return id.length <= MAX_STRING_ID ? id : null;
  return null;
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onStream?: (payload: unknown) => void;
  cleanup(): void;
}

export function createRpcPeer(options: RpcPeerOptions): RpcPeer {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function settle(id: number): Pending | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    p.cleanup();
    return p;
  }

  return {
    get pending() {
      return pending.size;
    },

    call(method, params, callOptions = {}) {
      const id = nextId++;
      const { signal, onStream } = callOptions;
      return new Promise<unknown>((resolve, reject) => {
        const onAbort = () => {
          try {
            options.send({ id, abort: true });
          } catch {
            // The peer is going away; its exit fails the call.
          }
        };
        pending.set(id, { method, resolve, reject, onStream, cleanup: () => signal?.removeEventListener('abort', onAbort) });
        try {
          options.send({ id, method, params });
        } catch (error) {
          settle(id);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
    },

    receive(frame) {
      const id = readFrameId(frame);
      if (typeof id !== 'number') return false;
      const f = frame as { ok?: unknown; result?: unknown; error?: unknown; stream?: unknown };
      if (Object.hasOwn(f, 'stream')) {
        const p = pending.get(id);
        p?.onStream?.(f.stream);
        return p !== undefined;
      }
      if (typeof f.ok !== 'boolean') return false;
      const p = settle(id);
      if (!p) return false;
      if (f.ok) p.resolve(f.result);
      else p.reject(options.toError(isErrorLike(f.error) ? f.error : { code: 'INTERNAL', message: `A malformed error came back for ${p.method}.` }, p.method));
      return true;
    },

    failAll(error, which = () => true) {
      for (const id of [...pending.keys()]) {
        if (!which(id)) continue;
        const p = settle(id);
        p?.reject(typeof error === 'function' ? error(p.method) : error);
      }
    },
  };
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as ErrorLike).code === 'string' && typeof (value as ErrorLike).message === 'string';
}
