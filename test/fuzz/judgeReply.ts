import { isDeepStrictEqual } from 'node:util';
import { METHOD_NAMES, methods, type MethodName } from '../../main/contract/index.js';
import type { Handlers } from '../../main/rpc/handlers.js';

export interface Call {
  method: string;
  params: unknown;
}

/** Handlers that only record what reached them: the fuzz is about the boundary, not the services behind it. */
export function recordingHandlers(): { handlers: Handlers; calls: Call[] } {
  const calls: Call[] = [];
  const handlers = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      (params: unknown) => {
        calls.push({ method, params });
        return { fuzzed: method };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

export interface Reply {
  id: unknown;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/**
 * The verdict on one call, judged against the contract itself: params the
 * method's schema accepts (as the host received them, after JSON or
 * structured clone) must reach the handler exactly as parsed and succeed;
 * anything else must be INVALID_PARAMS, reach no handler, and say so in a
 * short message with no stack. Returns what went wrong, or null.
 */
export function judgeReply(method: MethodName, id: number, received: unknown, reply: Reply, newCalls: readonly Call[]): string | null {
  const expected = methods[method].params.safeParse(received === undefined ? {} : received);
  if (reply.id !== id) return `reply id ${JSON.stringify(reply.id)} instead of ${id}`;
  if (expected.success) {
    if (!reply.ok) return `valid params refused: ${reply.error?.code} ${reply.error?.message}`;
    if (newCalls.length !== 1 || newCalls[0]!.method !== method) return `expected one call of ${method}, got ${newCalls.map((c) => c.method).join(', ') || 'none'}`;
    if (!isDeepStrictEqual(newCalls[0]!.params, expected.data)) return 'the handler got other params than the contract parses';
    return null;
  }
  if (reply.ok) return 'invalid params accepted';
  if (reply.error?.code !== 'INVALID_PARAMS') return `invalid params answered ${reply.error?.code}: ${reply.error?.message}`;
  if (newCalls.length > 0) return `invalid params reached the handler of ${newCalls[0]!.method}`;
  return checkMessage(reply.error.message, `${method}: `);
}

/** Error messages are one short line naming the method, never a stack or an echo of a huge input. */
export function checkMessage(message: string, prefix: string | null): string | null {
  if (typeof message !== 'string') return 'the error has no message';
  if (prefix && !message.startsWith(prefix)) return `message ${JSON.stringify(message.slice(0, 80))} does not start with ${JSON.stringify(prefix)}`;
  if (message.length > 300) return `message of ${message.length} characters`;
  if (/\n\s+at /.test(message)) return 'message carries a stack trace';
  return null;
}

/** Nothing a payload did may have reached Object.prototype. */
export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return Object.keys(Object.prototype).length === 0 && probe.polluted === undefined && typeof ({} as { constructor: unknown }).constructor === 'function';
}

/** A payload as a short line for a failure message. */
export function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  } catch {
    return String(value);
  }
}
