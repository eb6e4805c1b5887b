import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../../main/contract/bridge.js';
import { fromErrorPayload, HearthError, type ErrorPayload } from '../../../main/contract/errors.js';
import type { MethodName } from '../../../main/contract/index.js';
import { createEventHub, createListeners } from './createEventHub.js';
import type { ConnectionInfo, HearthClient } from './HearthClient.js';

export interface WebSocketClientOptions {
  url: string;
  token: string | null;
  /** Injected in tests; the global WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
  /** First retry delay; doubles per failed attempt up to maxRetryMs. Defaults: 250 ms, 5 s. */
  initialRetryMs?: number;
  maxRetryMs?: number;
}

interface Pending {
  method: string;
  frame: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Incoming = { id?: unknown; ok?: unknown; result?: unknown; error?: ErrorPayload; event?: unknown; payload?: unknown };

/**
 * Browser mode: the same frames as IPC over one WebSocket. The token travels as
 * a subprotocol. If the socket drops, calls in flight fail with a clear error,
 * the client reconnects with backoff, and listeners hear every state change so
 * the store can resync what it may have missed.
 */
export function createWebSocketClient(options: WebSocketClientOptions): HearthClient {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const initialRetryMs = options.initialRetryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5000;
  const hub = createEventHub();
  const connectionListeners = createListeners<ConnectionInfo>();
  const pending = new Map<number, Pending>();
  let info: ConnectionInfo = { state: 'connecting', message: null };
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempts = 0;
  let everOpened = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const protocols = [WS_PROTOCOL, ...(options.token ? [WS_TOKEN_PROTOCOL_PREFIX + options.token] : [])];

  function setInfo(next: ConnectionInfo): void {
    info = next;
    connectionListeners.notify(next);
  }

  function failAll(map: Iterable<Pending>, message: (method: string) => string): void {
    for (const p of map) p.reject(new HearthError('ENGINE_UNAVAILABLE', message(p.method)));
  }

  function connect(): void {
    const ws = new Impl(options.url, protocols);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempts = 0;
      everOpened = true;
      setInfo({ state: 'open', message: null });
      // Calls made before the first connection opened go out now, in order.
      for (const p of pending.values()) {
        if (!p.sent) {
          p.sent = true;
          ws.send(p.frame);
        }
      }
    };
    ws.onmessage = (event: MessageEvent) => {
      if (socket !== ws || typeof event.data !== 'string') return;
      let frame: Incoming;
      try {
        frame = JSON.parse(event.data) as Incoming;
      } catch {
        return;
      }
      if (typeof frame.event === 'string') {
        hub.emit(frame.event, frame.payload);
        return;
      }
      if (typeof frame.id !== 'number') return;
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      if (frame.ok === true) call.resolve(frame.result);
      else call.reject(fromErrorPayload(frame.error ?? { code: 'INTERNAL', message: `Hearth sent a malformed reply to ${call.method}.` }));
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      const inFlight: Pending[] = [];
      for (const [id, p] of pending) {
        if (p.sent) {
          inFlight.push(p);
          pending.delete(id);
        }
      }
      failAll(inFlight, (method) => `The connection to Hearth was lost before ${method} finished. Hearth is reconnecting; try again in a moment.`);
      if (closed) return;
      const delay = Math.min(maxRetryMs, initialRetryMs * 2 ** attempts);
      attempts++;
      const message = everOpened
        ? 'Connection to Hearth lost. Reconnecting…'
        : 'Cannot reach Hearth. Is `hearth serve` still running? Open the link it printed (with its #token) if this page was opened another way.';
      setInfo({ state: 'reconnecting', message });
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (!closed) connect();
      }, delay);
    };
    // onerror is always followed by onclose, which does the work.
    ws.onerror = () => {};
  }

  connect();

  return {
    shell: 'browser',
    call(method: MethodName, params: unknown) {
      if (closed) return Promise.reject(new HearthError('ENGINE_UNAVAILABLE', `Hearth's connection is closed; ${method} was not sent. Reload the page.`));
      const id = nextId++;
      const frame = JSON.stringify({ id, method, params });
      return new Promise<unknown>((resolve, reject) => {
        if (socket && socket.readyState === Impl.OPEN) {
          pending.set(id, { method, frame, sent: true, resolve, reject });
          socket.send(frame);
        } else if (!everOpened) {
          pending.set(id, { method, frame, sent: false, resolve, reject });
        } else {
          reject(new HearthError('ENGINE_UNAVAILABLE', `Not connected to Hearth (reconnecting), so ${method} was not sent. Try again in a moment.`));
        }
      });
    },
    on: hub.on,
    connection: () => info,
    onConnection: connectionListeners.add,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const all = [...pending.values()];
      pending.clear();
      failAll(all, (method) => `Hearth's connection was closed before ${method} finished.`);
      socket?.close();
      socket = null;
      setInfo({ state: 'closed', message: 'Disconnected from Hearth.' });
    },
  } as HearthClient;
}

/** ws(s)://host/rpc for the page's own origin. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>, path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}
