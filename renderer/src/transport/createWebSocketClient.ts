import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../../main/contract/bridge.js';
import { fromErrorPayload, HearthError, type ErrorPayload } from '../../../main/contract/errors.js';
import type { MethodName } from '../../../main/contract/index.js';
import { createRpcPeer, type CallFrame } from '../../../main/contract/rpcPeer.js';
import { createEventHub, createListeners, createSeqTracker } from './createEventHub.js';
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

type Incoming = { event?: unknown; payload?: unknown; seq?: unknown };

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
  const seq = createSeqTracker();
  /** Calls made before the first connection opened, sent when it opens. */
  const unsent = new Map<number, string>();
  const peer = createRpcPeer({
    send(frame) {
      const text = JSON.stringify(frame);
      if (socket && socket.readyState === Impl.OPEN) socket.send(text);
      else if (!everOpened && 'method' in frame) unsent.set(frame.id, text);
      else throw new HearthError('ENGINE_UNAVAILABLE', `Not connected to Hearth (reconnecting), so ${(frame as CallFrame).method} was not sent. Try again in a moment.`);
    },
    toError: (payload) => fromErrorPayload(payload as ErrorPayload),
  });
  let info: ConnectionInfo = { state: 'connecting', message: null };
  let socket: WebSocket | null = null;
  let attempts = 0;
  let everOpened = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const protocols = [WS_PROTOCOL, ...(options.token ? [WS_TOKEN_PROTOCOL_PREFIX + options.token] : [])];

  function setInfo(next: ConnectionInfo): void {
    info = next;
    connectionListeners.notify(next);
  }

  function connect(): void {
    const ws = new Impl(options.url, protocols);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempts = 0;
      everOpened = true;
      setInfo({ state: 'open', message: null });
      seq.reset();
      // Calls made before the first connection opened go out now, in order.
      for (const text of unsent.values()) ws.send(text);
      unsent.clear();
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
        seq.see(frame.seq);
        hub.emit(frame.event, frame.payload);
        return;
      }
      peer.receive(frame);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      peer.failAll((method) => new HearthError('ENGINE_UNAVAILABLE', `The connection to Hearth was lost before ${method} finished. Hearth is reconnecting; try again in a moment.`), (id) => !unsent.has(id));
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
      return peer.call(method, params);
    },
    on: hub.on,
    onGap: seq.onGap,
    connection: () => info,
    onConnection: connectionListeners.add,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      unsent.clear();
      peer.failAll((method) => new HearthError('ENGINE_UNAVAILABLE', `Hearth's connection was closed before ${method} finished.`));
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
