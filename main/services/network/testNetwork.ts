import type { NetworkAttempt } from '../../contract/library.js';
import { createEventBus } from '../events/eventBus.js';
import { createStore, type Store } from '../store/createStore.js';
import { openDatabase } from '../store/openDatabase.js';
import { tempDir } from '../store/tempStore.js';
import { createNetworkLog, type NetworkLog } from './createNetworkLog.js';
import { createNetworkPolicy, type NetworkPolicyService } from './createNetworkPolicy.js';

/** A network policy over a real temp database, for tests: the events it emitted are collected in `events`. */
export function tempNetwork(options: { offline?: boolean; maxEntries?: number; pollMs?: number } = {}): {
  store: Store;
  log: NetworkLog;
  policy: NetworkPolicyService;
  events: NetworkAttempt[];
  setOffline(offline: boolean): void;
  cleanup(): void;
} {
  const tmp = tempDir();
  const db = openDatabase(tmp.file);
  const store = createStore({ db });
  store.updateSettings({ offline: options.offline ?? false });
  const bus = createEventBus();
  const events: NetworkAttempt[] = [];
  bus.subscribe((event, payload) => {
    if (event === 'network.attempt') events.push(payload as NetworkAttempt);
  });
  const log = createNetworkLog({ db, maxEntries: options.maxEntries });
  const policy = createNetworkPolicy({ store, log, bus, pollMs: options.pollMs ?? 0 });
  return {
    store,
    log,
    policy,
    events,
    setOffline(offline) {
      store.updateSettings({ offline });
      bus.emit('settings.changed', {});
    },
    cleanup() {
      policy.dispose();
      store.close();
      tmp.cleanup();
    },
  };
}
