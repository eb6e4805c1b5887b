import { HearthError } from '../../../main/contract/errors.js';
import { describeIssues } from '../../../main/contract/describeIssues.js';
import type { EventName, MethodName, ParamsOf, PayloadOf, ResultOf } from '../../../main/contract/index.js';
import { methods } from '../../../main/contract/methods.js';
import { createEventHub, createListeners } from './createEventHub.js';
import type { ConnectionInfo, HearthClient } from './HearthClient.js';

export interface RecordedCall {
  method: MethodName;
  params: unknown;
}

type Handler<M extends MethodName> = (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

export interface FakeClient extends HearthClient {
  /** Every call, in order. */
  readonly calls: RecordedCall[];
  /** The params of each call to one method. */
  callsTo<M extends MethodName>(method: M): ParamsOf<M>[];
  /** Answers a method; a handler that throws a HearthError becomes an ok:false reply. */
  handle<M extends MethodName>(method: M, handler: Handler<M>): void;
  /** Pushes an event to the subscribers, as main would. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  setConnection(info: ConnectionInfo): void;
  /** Results handlers returned that the contract's result schema refuses: test data the real app could never see. */
  readonly violations: string[];
}

/** An in-memory client for tests: records calls, answers from handlers, lets tests emit events. */
export function createFakeClient(shell: 'electron' | 'browser' = 'browser'): FakeClient {
  const hub = createEventHub();
  const listeners = createListeners<ConnectionInfo>();
  const handlers = new Map<string, (params: unknown) => unknown>();
  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  let info: ConnectionInfo = { state: 'open', message: null };
  return {
    shell,
    calls,
    violations,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.params as never),
    handle(method, handler) {
      handlers.set(method, handler as (params: unknown) => unknown);
    },
    async call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      calls.push({ method, params });
      const handler = handlers.get(method);
      if (!handler) throw new HearthError('UNKNOWN_METHOD', `The fake client has no handler for ${method}.`);
      // As the real dispatcher does: params the method's schema refuses never reach a handler.
      const checked = methods[method].params.safeParse(params);
      if (!checked.success) throw new HearthError('INVALID_PARAMS', describeIssues(method, checked.error.issues));
      // Like a real transport, results arrive asynchronously.
      await Promise.resolve();
      const result = await handler(checked.data);
      // A result outside the contract is a fake that lies about main: fail the call (and the test) loudly.
      const valid = methods[method].result.safeParse(result);
      if (!valid.success) {
        const problem = `the fake handler for ${method} returned a result outside the contract: ${describeIssues(method, valid.error.issues)}`;
        violations.push(problem);
        throw new Error(problem);
      }
      return result as ResultOf<M>;
    },
    on: hub.on,
    emit: (event, payload) => hub.emit(event, payload),
    connection: () => info,
    onConnection: listeners.add,
    setConnection(next) {
      info = next;
      listeners.notify(next);
    },
    close() {},
  };
}
