import type { EngineStatus, PayloadOf } from '../../../main/contract/index.js';
import type { SliceCreator } from './types.js';

export type EngineState = PayloadOf<'engine.status'>['state'];

export interface EngineSlice {
  engine: EngineStatus | null;
  engineState: EngineState | null;
  /** Why the engine is not ready (a crash, a status that could not be read), for the status bar. */
  engineMessage: string | null;
  refreshEngine(): Promise<void>;
  applyEngineEvent(payload: PayloadOf<'engine.status'>): void;
}

export const createEngineSlice: SliceCreator<EngineSlice> = (set, get, client) => ({
  engine: null,
  engineState: null,
  engineMessage: null,

  // Status is background information: a failure shows in the status bar, not as a toast.
  async refreshEngine() {
    try {
      const engine = await client.call('engine.status', {});
      set((s) => ({ engine, engineState: s.engineState === 'crashed' ? 'crashed' : engine.started ? 'ready' : 'idle' }));
    } catch (error) {
      set({ engineMessage: error instanceof Error ? error.message : String(error) });
    }
  },

  // The engine pushes its full status on start, load, unload and crash.
  applyEngineEvent({ state, message, status }) {
    set((s) => ({ engineState: state, engineMessage: message, engine: status ?? (state === 'crashed' || state === 'idle' ? (s.engine ? { ...s.engine, loaded: [] } : null) : s.engine) }));
    if (state === 'crashed' && message) get().pushToast('error', message, 'ENGINE_CRASHED');
  },
});
