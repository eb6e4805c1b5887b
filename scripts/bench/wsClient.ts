import { WebSocket } from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../main/contract/index.js';

export interface BenchClient {
  call<T = unknown>(method: string, params: unknown): Promise<T>;
  /** Every event frame, with the time it arrived. */
  onEvent(listener: (event: string, payload: Record<string, unknown>, at: number) => void): () => void;
  close(): void;
}

/**
 * A client of the browser-mode transport, as the renderer uses it: the same
 * handshake (token subprotocol, Origin) and frames. The benchmark drives the
 * app through it so the transport's cost is in what it measures.
 */
export async function connectBenchClient(port: number, token: string): Promise<BenchClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`], { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(event: string, payload: Record<string, unknown>, at: number) => void>();
  ws.on('message', (data) => {
    const at = performance.now();
    const frame = JSON.parse(data.toString()) as { id?: number; ok?: boolean; result?: unknown; error?: { message: string }; event?: string; payload?: Record<string, unknown> };
    if (frame.event) {
      for (const listener of listeners) listener(frame.event, frame.payload ?? {}, at);
      return;
    }
    const waiter = pending.get(frame.id ?? -1);
    if (!waiter) return;
    pending.delete(frame.id!);
    if (frame.ok) waiter.resolve(frame.result);
    else waiter.reject(new Error(frame.error?.message ?? 'call failed'));
  });
  return {
    call<T>(method: string, params: unknown) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      ws.close();
    },
  };
}
