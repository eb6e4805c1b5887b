import type { EventName, MethodName, ParamsOf, PayloadOf, ResultOf } from '../../../main/contract/index.js';

/** Where the link to main stands, for the status bar and for resyncing after a drop. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionInfo {
  state: ConnectionState;
  /** Why the link is not open, in words for the user; null when open. */
  message: string | null;
}

/**
 * The renderer's only way to main: the contract's methods and events, over
 * Electron IPC or a WebSocket. Store actions use it; components never do.
 */
export interface HearthClient {
  readonly shell: 'electron' | 'browser';
  /** Resolves with the result, or throws a HearthError carrying the server's code and message. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void;
  connection(): ConnectionInfo;
  onConnection(listener: (info: ConnectionInfo) => void): () => void;
  /** Called when an event frame's sequence number skips: events were missed and the store should read everything again. */
  onGap?(listener: () => void): () => void;
  close(): void;
}
