import { HearthError } from '../../../main/contract/errors.js';
import type { EventName, MethodName, ParamsOf, PayloadOf, ResultOf } from '../../../main/contract/index.js';
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
}

/** An in-memory client for tests: records calls, answers from handlers, lets tests emit events. */
export function createFakeClient(shell: 'electron' | 'browser' = 'browser'): FakeClient {
  const hub = createEventHub();
  const listeners = createListeners<ConnectionInfo>();
  const handlers = new Map<string, (params: unknown) => unknown>();
  const calls: RecordedCall[] = [];
  let info: ConnectionInfo = { state: 'open', message: null };
  return {
    shell,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.params as never),
    handle(method, handler) {
      handlers.set(method, handler as (params: unknown) => unknown);
    },
    async call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      calls.push({ method, params });
      const handler = handlers.get(method);
      if (!handler) throw new HearthError('UNKNOWN_METHOD', `The fake client has no handler for ${method}.`);
      // Like a real transport, results arrive asynchronously.
      await Promise.resolve();
      return (await handler(params)) as ResultOf<M>;
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
