/**
 * The one gate every outbound connection in Hearth passes. Services that mean
 * to reach the network (downloads, catalog refresh, update checks) call
 * `check` first, so offline mode fails them with OFFLINE before any socket is
 * made; the socket-level guard behind it (createNetworkGuard) catches whatever
 * forgot to ask. Both record the attempt in the network log.
 */
export interface NetworkTarget {
  url: string | URL;
  /** Why: 'download', 'catalog', 'update-check', 'renderer'... shown in the network log. */
  purpose: string;
}

export interface NetworkPolicy {
  /** Throws HearthError('OFFLINE') while offline mode is on; records the attempt either way. */
  check(target: NetworkTarget): void;
  isOffline(): boolean;
}

/** For tests and tools that have no offline mode: allows everything, records nothing. */
export const allowAllNetwork: NetworkPolicy = { check() {}, isOffline: () => false };
