import type { Settings } from '../../contract/entities.js';
import { HearthError } from '../../contract/errors.js';
import type { NetworkAttempt } from '../../contract/library.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import type { NetworkAttemptInput, NetworkLog } from './createNetworkLog.js';
import { describeTarget, normalizeHost } from './describeTarget.js';
import type { NetworkPolicy, NetworkTarget } from './NetworkPolicy.js';

/** A connection the socket guard saw (net/tls/http/fetch all end in one), or a DNS query. */
export interface SocketAttempt {
  kind: 'tcp' | 'udp' | 'dns';
  host: string;
  port: number | null;
}

export interface NetworkPolicyService extends NetworkPolicy {
  /**
   * The socket guard's question. Offline: records the attempt as blocked and
   * throws OFFLINE. Online: lets it through, recording it unless a `check` for
   * the same host announced it moments ago (that entry already says why).
   */
  checkConnection(attempt: SocketAttempt): void;
  /** A request refused outside Node (the Electron window's session): logged, never allowed. */
  recordRefused(target: NetworkTarget, reason: string): void;
  list(options?: { limit?: number }): NetworkAttempt[];
  /** Called when offline mode turns on or off (through the app, or `hearth offline` from another process). */
  onOfflineChange(listener: (offline: boolean) => void): () => void;
  dispose(): void;
}

export interface NetworkPolicyDeps {
  /** Read on every decision, so the switch takes effect at once, even when flipped by the CLI in another process. */
  store: { getSettings(): Pick<Settings, 'offline'> };
  log: NetworkLog;
  bus?: EventBus;
  logger?: Logger;
  now?: () => number;
  /** How often to re-read the setting to notice a change made by another process. Default 2000 ms; 0: never. */
  pollMs?: number;
}

/** How long a `check` covers the connections that follow it to the same host (redirects to it, retries, parallel ranges). */
const ANNOUNCED_FOR_MS = 120_000;

export const HOW_TO_ALLOW = 'To allow it, turn offline mode off in Settings, or run `hearth offline off`.';

export function offlineError(what: string): HearthError {
  return new HearthError('OFFLINE', `Offline mode is on, so Hearth did not ${what}. ${HOW_TO_ALLOW}`);
}

/**
 * The one place that decides whether Hearth may reach the network, and the
 * network log's only writer. Services call `check` before they connect; the
 * socket guard (createNetworkGuard) calls `checkConnection` for every socket
 * and DNS query, announced or not.
 */
export function createNetworkPolicy(deps: NetworkPolicyDeps): NetworkPolicyService {
  const { store, log, bus, logger } = deps;
  const now = deps.now ?? Date.now;
  const announced = new Map<string, { purpose: string; until: number }>();
  const listeners = new Set<(offline: boolean) => void>();

  function isOffline(): boolean {
    try {
      return store.getSettings().offline;
    } catch (error) {
      // A setting that cannot be read (database closing) must not open the network.
      logger?.warn(`network policy: could not read the offline setting, refusing: ${String(error)}`);
      return true;
    }
  }

  function record(attempt: NetworkAttemptInput): void {
    let entry: NetworkAttempt;
    try {
      entry = log.record(attempt);
    } catch (error) {
      // The decision stands even when the log cannot be written (a closed or read-only database).
      logger?.warn(`network log: could not record ${attempt.allowed ? 'an allowed' : 'a blocked'} attempt to ${attempt.host}: ${String(error)}`);
      return;
    }
    bus?.emit('network.attempt', entry);
  }

  let lastOffline = isOffline();
  function noticeChange(): void {
    const offline = isOffline();
    if (offline === lastOffline) return;
    lastOffline = offline;
    if (offline) announced.clear();
    logger?.info(`offline mode is now ${offline ? 'on' : 'off'}`);
    for (const listener of listeners) {
      try {
        listener(offline);
      } catch (error) {
        logger?.warn(`offline change listener failed: ${String(error)}`);
      }
    }
  }
  const unsubscribe = bus?.subscribe((event) => {
    if (event === 'settings.changed') noticeChange();
  });
  const pollMs = deps.pollMs ?? 2000;
  const poll = pollMs > 0 ? setInterval(noticeChange, pollMs) : null;
  poll?.unref();

  return {
    isOffline,
    check({ url, purpose }) {
      const { host, port, display } = describeTarget(url);
      if (isOffline()) {
        record({ host, port, purpose, allowed: false, detail: `blocked: offline mode is on (${display})` });
        throw offlineError(`connect to ${host} (${purpose}: ${display})`);
      }
      announced.set(host, { purpose, until: now() + ANNOUNCED_FOR_MS });
      record({ host, port, purpose, allowed: true, detail: display });
    },
    checkConnection({ kind, host: rawHost, port }) {
      const host = normalizeHost(rawHost);
      const where = port === null ? host : `${host}:${port}`;
      const known = announced.get(host);
      if (isOffline()) {
        const what = kind === 'dns' ? `look up ${host}` : `open a ${kind.toUpperCase()} connection to ${where}`;
        record({ host, port, purpose: 'unknown', allowed: false, detail: `blocked by the socket guard: ${kind} ${where}` });
        throw offlineError(what);
      }
      if (known && known.until > now()) {
        known.until = now() + ANNOUNCED_FOR_MS;
        return;
      }
      record({ host, port, purpose: 'unknown', allowed: true, detail: `${kind} ${where}, not announced to the network policy` });
    },
    recordRefused({ url, purpose }, reason) {
      const { host, port, display } = describeTarget(url);
      record({ host, port, purpose, allowed: false, detail: `blocked: ${reason} (${display})` });
    },
    list: (options) => log.list(options),
    onOfflineChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (poll) clearInterval(poll);
      unsubscribe?.();
      listeners.clear();
    },
  };
}
