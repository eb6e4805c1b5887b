import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { ensureFixtureModels, fixturePath } from '../../../test/fixtures.js';
import { createEngineCore, type EngineCore } from './createEngineCore.js';

/** Timers the test runs by hand: the idle unload must be scheduled, re-armed by use, and happen only when its timer fires. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  return {
    pending,
    setTimeout(run: () => void, ms: number) {
      const id = ++next;
      pending.set(id, { run, ms });
      return { id, unref: () => undefined };
    },
    clearTimeout(timer: unknown) {
      pending.delete((timer as { id: number }).id);
    },
    /** Fires every timer due within `ms` (all of them here: they are idle timers), as time passing would. */
    fire(ms: number) {
      for (const [id, t] of [...pending]) {
        if (t.ms > ms) continue;
        pending.delete(id);
        t.run();
      }
    },
  };
}

const IDLE_MINUTES = 5;
const tiny = { modelId: 'tiny', modelPath: '' };
let core: EngineCore;
const timers = manualTimers();
const loadedIds = async () => (await core.status()).loaded.map((m) => m.modelId);
/** The unload runs on the engine's serial chain: wait for it through a call that queues behind it. */
const settle = async () => void (await core.estimate(tiny.modelPath).catch(() => null));

beforeAll(async () => {
  await ensureFixtureModels(['tiny']);
  tiny.modelPath = fixturePath('tiny');
  core = createEngineCore({ settings: { ...DEFAULT_SETTINGS.engine, threads: 1, idleUnloadMinutes: IDLE_MINUTES }, gpu: false, timers });
}, 120_000);
afterAll(async () => core?.dispose());

describe('idle unload', () => {
  it('waits for the idle timeout, restarts it on use, and unloads when it runs out', async () => {
    await core.load(tiny);
    expect(await loadedIds()).toEqual(['tiny']);
    // One timer, for the configured idle time: not sooner.
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([IDLE_MINUTES * 60_000]);
    timers.fire(IDLE_MINUTES * 60_000 - 1);
    await settle();
    expect(await loadedIds()).toEqual(['tiny']);

    // Using the model re-arms the timer: still one pending, the old one cleared.
    const before = [...timers.pending.keys()];
    await core.generate(
      { ...tiny, system: null, history: [], olderOmitted: 0, message: { id: 'u', role: 'user', content: 'Hello' }, sampling: { maxTokens: 2, seed: 1 } },
      { signal: new AbortController().signal, onText: () => {} },
    );
    expect(timers.pending.size).toBe(1);
    expect([...timers.pending.keys()]).not.toEqual(before);

    timers.fire(IDLE_MINUTES * 60_000);
    await settle();
    expect(await loadedIds()).toEqual([]);
    expect(timers.pending.size).toBe(0);
  }, 120_000);
});
