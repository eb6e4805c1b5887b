import { WebSocket } from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../main/contract/index.js';

export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RpcClient {
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
  /** Sends a call without waiting: for a kill timed between the request and its answer. */
  fire(method: string, params?: unknown): void;
  /** Every event frame, with the time it arrived (performance.now(), for the benchmark). */
  onEvent(listener: (event: string, payload: Record<string, unknown>, at: number) => void): () => void;
  /** Resolves when the connection is gone (the app died or closed it). */
  closed: Promise<void>;
  close(): void;
}

/**
 * The renderer's view of browser mode: the token subprotocol, same-origin
 * Origin, JSON frames (the durability harness and the benchmark drive the app
 * through it, so the transport's cost is in what they measure). Calls in flight when the app dies reject with
 * DISCONNECTED instead of hanging.
 */
export async function connectRpc(port: number, token: string): Promise<RpcClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`], { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(event: string, payload: Record<string, unknown>, at: number) => void>();
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  void closed.then(() => {
    for (const waiter of pending.values()) waiter.reject(new RpcError('DISCONNECTED', 'the connection to Hearth closed'));
    pending.clear();
  });
  ws.on('error', () => {});
  ws.on('message', (data) => {
    const at = performance.now();
    const frame = JSON.parse(data.toString()) as { id?: number; ok?: boolean; result?: unknown; error?: { code: string; message: string }; event?: string; payload?: Record<string, unknown> };
    if (frame.event) {
      for (const listener of listeners) listener(frame.event, frame.payload ?? {}, at);
      return;
    }
    const waiter = pending.get(frame.id ?? -1);
    if (!waiter) return;
    pending.delete(frame.id!);
    if (frame.ok) waiter.resolve(frame.result);
    else waiter.reject(new RpcError(frame.error?.code ?? 'UNKNOWN', frame.error?.message ?? 'call failed'));
  });
  const send = (method: string, params: unknown): number => {
    const id = nextId++;
    ws.send(JSON.stringify({ id, method, params: params ?? {} }));
    return id;
  };
  return {
    call<T>(method: string, params?: unknown) {
      if (ws.readyState !== ws.OPEN) return Promise.reject(new RpcError('DISCONNECTED', 'the connection to Hearth is closed'));
      const id = send(method, params);
      return new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    },
    fire(method, params) {
      if (ws.readyState === ws.OPEN) send(method, params);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    closed,
    close() {
      ws.close();
    },
  };
}
