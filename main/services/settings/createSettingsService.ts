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
      // The API's parallel requests are sequences of the engine's contexts: the engine hears of them as it does of its own settings.
      if (patch.engine || patch.api?.parallel !== undefined) await deps.engine.configure({ ...next.engine, parallelSequences: next.api.parallel });
      deps.bus.emit('settings.changed', {});
      return next;
    },
  };
}
