import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HearthError } from '../../contract/index.js';
import { fixturePath, hasStoriesModel, STORIES_MODEL } from '../../../test/fixtures.js';
import { createEngineClient, type EngineClient } from './createEngineClient.js';
import { forkWorker } from './forkWorker.js';
import { englishProse } from '../../../test/englishProse.js';
import type { GenerateEvent, GenerateResult } from './engineOps.js';

// One thread: the default of 4 on a 2-core machine is ~70x slower.
const settings = { ...DEFAULT_SETTINGS.engine, threads: 1 };
const tiny = { modelId: 'tiny', modelPath: fixturePath('tiny') };
// Practically never samples end-of-sequence: for tests that need a reply still streaming.
const small = { modelId: 'small', modelPath: fixturePath('small') };
const hello = { system: 'You are a test.', history: [], olderOmitted: 0, message: { id: 'u1', role: 'user' as const, content: 'Hello there' } };
/** The reply's text events only. */
const onText = (listener: (text: string) => void) => (event: GenerateEvent) => {
  if (event.type === 'delta') listener(event.text);
};

function newEngine(): EngineClient {
  return createEngineClient({ spawnWorker: forkWorker, settings, env: { HEARTH_ENGINE_GPU: 'off' } });
}

/** Two replies with one seed are equal, their deltas add up to the text, and a stop string from the middle cuts the reply there. */
async function expectSeededRepliesAndStopCut(engine: EngineClient): Promise<GenerateResult> {
  const sampling = { maxTokens: 40, seed: 42, temperature: 0.9 };
  const deltas: string[] = [];
  const a = await engine.generate({ ...tiny, ...hello, sampling }, { onEvent: onText((t) => deltas.push(t)) });
  expect(deltas.join('')).toBe(a.text);
  const b = await engine.generate({ ...tiny, ...hello, sampling }, { onEvent: () => {} });
  expect(b.text).toBe(a.text);
  const stopAt = a.text.slice(Math.floor(a.text.length / 2), Math.floor(a.text.length / 2) + 3);
  expect(stopAt.length).toBe(3);
  const c = await engine.generate({ ...tiny, ...hello, sampling: { ...sampling, stop: [stopAt] } }, { onEvent: () => {} });
  expect(c.finishReason).toBe('stop');
  expect(c.text).toBe(a.text.slice(0, a.text.indexOf(stopAt)));
  return a;
}

describe('engine process on a generated model', () => {
  let engine: EngineClient;
  beforeAll(() => {
    engine = newEngine();
  });
  afterAll(async () => {
    await engine.dispose();
  });

  it('reports status without starting, then the backend once started', async () => {
    const idle = await engine.status();
    expect(idle.started).toBe(false);
    expect(engine.pid).toBeUndefined();
    const status = await engine.status({ start: true });
    expect(status.started).toBe(true);
    expect(status.backend).toBe('cpu');
    expect(status.ramTotalBytes).toBeGreaterThan(0);
  });

  it('loads with progress and lists the loaded model', async () => {
    const progress: number[] = [];
    const result = await engine.load(tiny, { onProgress: (p) => progress.push(p) });
    expect(result.contextSize).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    const status = await engine.status();
    expect(status.loaded.map((m) => m.modelId)).toEqual(['tiny']);
    expect(status.loaded[0]!.ramBytes).toBeGreaterThan(0);
  });

  it('streams a reply whose deltas add up to the text, with stats', async () => {
    const deltas: string[] = [];
    const result = await engine.generate({ ...tiny, ...hello, sampling: { maxTokens: 24, seed: 7 } }, { onEvent: onText((t) => deltas.push(t)) });
    expect(result.finishReason === 'length' || result.finishReason === 'eos').toBe(true);
    expect(deltas.join('')).toBe(result.text);
    expect(result.stats.completionTokens).toBeGreaterThan(0);
    expect(result.stats.completionTokens).toBeLessThanOrEqual(24);
    expect(result.stats.promptTokens).toBeGreaterThan(5);
    expect(result.stats.backend).toBe('cpu');
    expect(result.stats.modelId).toBe('tiny');
    expect(result.stats.threads).toBe(1);
    expect(result.stats.timeToFirstTokenMs).toBeGreaterThan(0);
  });

  it('is deterministic for a seed, and cuts at a stop string', async () => {
    await expectSeededRepliesAndStopCut(engine);
  });

  it('gives the same replies and stop-string cuts when the decode holds every core (text work between decodes)', async () => {
    // Every core decoding: overlapsTextWork is false and each token's text work runs before the next decode.
    const allCores = createEngineClient({ spawnWorker: forkWorker, settings: { ...settings, threads: os.availableParallelism() }, env: { HEARTH_ENGINE_GPU: 'off' } });
    try {
      const a = await expectSeededRepliesAndStopCut(allCores);
      expect(a.stats.threads).toBe(os.availableParallelism());
    } finally {
      await allCores.dispose();
    }
  });

  it('stops mid-reply through an AbortSignal', async () => {
    const controller = new AbortController();
    let received = '';
    const result = await engine.generate(
      { ...small, ...hello, sampling: { maxTokens: 100_000 } },
      {
        signal: controller.signal,
        onEvent: onText((t) => {
          received += t;
          if (received.length > 20) controller.abort();
        }),
      },
    );
    expect(result.finishReason).toBe('aborted');
    expect(result.stats.completionTokens).toBeGreaterThan(0);
    expect(result.stats.completionTokens).toBeLessThan(100_000);
    expect(result.text.startsWith(received.slice(0, 20))).toBe(true);
  });

  it('refuses a model that does not fit the memory budget, with the numbers', async () => {
    await engine.configure({ ...settings, memoryBudgetMb: 0.001 });
    try {
      const error = await engine.load({ modelId: 'tiny-f16', modelPath: fixturePath('tiny-f16') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HearthError);
      expect((error as HearthError).code).toBe('INSUFFICIENT_MEMORY');
      expect((error as HearthError).message).toMatch(/needs about \d+ MB of RAM/);
    } finally {
      await engine.configure(settings);
    }
  });

  it('keeps loaded models within the budget, unloading the least recently used', async () => {
    await engine.load(tiny);
    const ramTiny = (await engine.status()).loaded.find((m) => m.modelId === 'tiny')!.ramBytes;
    // Room for one tiny model, not two.
    await engine.configure({ ...settings, memoryBudgetMb: (ramTiny * 1.5) / 2 ** 20 });
    try {
      await engine.load({ modelId: 'tiny-q4', modelPath: fixturePath('tiny-q4_0') });
      expect((await engine.status()).loaded.map((m) => m.modelId)).toEqual(['tiny-q4']);
    } finally {
      await engine.unload('tiny-q4');
      await engine.configure(settings);
    }
  });

  it('unloads a model after its idle time', async () => {
    await engine.configure({ ...settings, idleUnloadMinutes: 0.5 / 60 });
    try {
      await engine.load(tiny);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await engine.status()).loaded).toEqual([]);
    } finally {
      await engine.configure(settings);
    }
  });

  it('unloads on request', async () => {
    await engine.load(tiny);
    expect(await engine.unload('tiny')).toBe(true);
    expect(await engine.unload('tiny')).toBe(false);
    expect((await engine.status()).loaded).toEqual([]);
  });

  it('turns a killed engine process into ENGINE_CRASHED and starts a fresh one next time', async () => {
    let killed = false;
    const error = await engine
      .generate(
        { ...small, ...hello, sampling: { maxTokens: 100_000 } },
        {
          onEvent: onText(() => {
            if (!killed && engine.pid) {
              killed = true;
              process.kill(engine.pid, 'SIGKILL');
            }
          }),
        },
      )
      .catch((e: unknown) => e);
    expect((error as HearthError).code).toBe('ENGINE_CRASHED');
    expect(engine.state).toBe('crashed');
    const again = await engine.generate({ ...tiny, ...hello, sampling: { maxTokens: 4 } }, { onEvent: () => {} });
    expect(again.stats.completionTokens).toBeGreaterThan(0);
    expect(engine.state).toBe('ready');
  });

  it('reports a file llama.cpp cannot use as an error, and keeps serving', async () => {
    const error = await engine.load({ modelId: 'nope', modelPath: '/nonexistent/model.gguf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect(['MODEL_INVALID', 'MODEL_LOAD_FAILED']).toContain((error as HearthError).code);
    expect((await engine.status()).started).toBe(true);
  });
});

describe.skipIf(!hasStoriesModel)('engine on the real stories260K model', () => {
  it('continues "Once upon a time" with English text', async () => {
    const engine = newEngine();
    try {
      const result = await engine.generate(
        { modelId: 'stories260k', modelPath: STORIES_MODEL, system: null, history: [], olderOmitted: 0, message: { id: 'u', role: 'user', content: 'Once upon a time' }, sampling: { maxTokens: 60, seed: 1 } },
        { onEvent: () => {} },
      );
      // Rates random tokens cannot reach (test/englishProse.test.ts shows the old word count passed them).
      expect(englishProse(result.text), result.text).toMatchObject({ ok: true });
    } finally {
      await engine.dispose();
    }
  });
});
