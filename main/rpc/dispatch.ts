import {
  isMethodName,
  methods,
  RequestFrame,
  toErrorPayload,
  type ErrorPayload,
  type MethodName,
  type ReplyFrame,
} from '../contract/index.js';
import type { Logger } from '../services/log/createLogger.js';
import { describeIssues } from '../contract/describeIssues.js';
import type { CallContext, Handlers } from './handlers.js';

/**
 * A reply to a frame whose id could not be read (not JSON, not an object, an
 * id of the wrong type). The contract's ReplyFrame has no such case yet; the
 * hosts send `id: null`, as JSON-RPC does, so the client can still show it.
 */
export interface OrphanReply {
  id: null;
  ok: false;
  error: ErrorPayload;
}
export type WireReply = ReplyFrame | OrphanReply;

export type RpcLogger = Pick<Logger, 'warn' | 'error'>;

export interface DispatcherOptions {
  handlers: Handlers;
  /** Unknown errors (bugs) are logged here with their stack; the caller only gets INTERNAL. */
  logger?: RpcLogger;
  /**
   * Dev mode: parse every result with the method's result schema and turn a
   * mismatch into INTERNAL (logged), so contract drift shows up in tests and
   * during development instead of as a confusing renderer bug. Default false.
   */
  checkResults?: boolean;
}

export interface Dispatcher {
  /** Never throws and never rejects: whatever `raw` is, the answer is a reply frame. */
  dispatch(raw: unknown, ctx: CallContext): Promise<WireReply>;
}

const MAX_ECHO = 64;
const clip = (text: string) => (text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

function fail(id: RequestFrame['id'] | null, code: ErrorPayload['code'], message: string): WireReply {
  return { id, ok: false, error: { code, message } } as WireReply;
}

/** The id, if the frame has a usable one: errors about the rest of the frame can then still be matched to the call. */
function readId(raw: object): RequestFrame['id'] | null {
  if (!Object.hasOwn(raw, 'id')) return null;
  const parsed = RequestFrame.shape.id.safeParse((raw as { id: unknown }).id);
  return parsed.success ? parsed.data : null;
}

function describe(error: unknown): string {
  try {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return '(an unprintable value)';
  }
}

/**
 * validate frame -> allowlist -> validate params -> call -> envelope. The one
 * place the untrusted renderer's input meets the services; both hosts use it.
 */
export function createDispatcher({ handlers, logger, checkResults = false }: DispatcherOptions): Dispatcher {
  const safePayload = (error: unknown, method: string): ErrorPayload => {
    let payload: ErrorPayload;
    try {
      payload = toErrorPayload(error);
    } catch {
      // A thrown Proxy or an object whose getters throw: nothing about it can be trusted.
      payload = toErrorPayload(undefined);
    }
    if (payload.code === 'INTERNAL') logger?.error(`${method} failed: ${describe(error)}`);
    return payload;
  };

  async function call(method: MethodName, id: RequestFrame['id'], params: unknown, ctx: CallContext): Promise<WireReply> {
    const spec = methods[method];
    const parsed = spec.params.safeParse(params === undefined ? {} : params, { reportInput: true });
    if (!parsed.success) return fail(id, 'INVALID_PARAMS', describeIssues(method, parsed.error.issues));
    const handler = Object.hasOwn(handlers, method) ? (handlers[method] as (p: unknown, c: CallContext) => unknown) : undefined;
    if (typeof handler !== 'function') {
      logger?.error(`no handler is registered for ${method}`);
      return fail(id, 'INTERNAL', `${method} is not available in this build of Hearth.`);
    }
    let result: unknown;
    try {
      result = await handler(parsed.data, ctx);
    } catch (error) {
      return { id, ok: false, error: safePayload(error, method) };
    }
    if (checkResults) {
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        logger?.error(`${method} returned a result outside the contract: ${describeIssues(method, checked.error.issues)}`);
        return fail(id, 'INTERNAL', `${method} returned an unexpected result. The details are in the log.`);
      }
    }
    return { id, ok: true, result };
  }

  return {
    async dispatch(raw, ctx) {
      let id: RequestFrame['id'] | null = null;
      try {
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
          return fail(null, 'INVALID_PARAMS', 'A request must be an object {id, method, params}.');
        }
        id = readId(raw);
        const method: unknown = Object.hasOwn(raw, 'method') ? (raw as { method: unknown }).method : undefined;
        if (typeof method !== 'string') return fail(id, 'INVALID_PARAMS', 'A request needs a method name (a string).');
        if (!isMethodName(method)) return fail(id, 'UNKNOWN_METHOD', `Unknown method "${clip(method)}".`);
        const frame = RequestFrame.safeParse(raw);
        if (!frame.success || id === null) {
          const why = frame.success ? 'id: expected a number or a string' : describeIssues('request', frame.error.issues).replace(/^request: /, '');
          return fail(id, 'INVALID_PARAMS', `${method}: malformed request: ${why}`);
        }
        return await call(method, id, frame.data.params, ctx);
      } catch (error) {
        // Only reachable through a bug here or a hostile in-process value; the wire cannot produce one.
        return { id, ok: false, error: safePayload(error, 'dispatch') } as WireReply;
      }
    },
  };
}
