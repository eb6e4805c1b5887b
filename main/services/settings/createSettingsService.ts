import type { Settings } from '../../contract/index.js';
import type { EngineClient } from '../engine/createEngineClient.js';
import type { EventBus } from '../events/eventBus.js';
import type { Store } from '../store/createStore.js';
import type { DeepPartial } from '../store/mergeSettings.js';

export interface SettingsService {
  get(): Settings;
  /** Validates and stores the patch, hands engine settings to the running engine, and tells every window. */
  update(patch: DeepPartial<Settings>): Promise<Settings>;
}

export function createSettingsService(deps: { store: Store; engine: Pick<EngineClient, 'configure'>; bus: EventBus }): SettingsService {
  return {
    get: () => deps.store.getSettings(),
    async update(patch) {
      const next = deps.store.updateSettings(patch);
      if (patch.engine) await deps.engine.configure(next.engine);
      deps.bus.emit('settings.changed', {});
      return next;
    },
  };
}
