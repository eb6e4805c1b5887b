import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { ensureFamilyFixture, familyFiles } from '../../../test/families/familyFixture.js';
import { FAMILY_SPECS } from '../../../test/families/familySpecs.js';
import { ensureLlamaSource } from '../../../test/families/llamaSource.js';
import { createEngineClient, type EngineClient } from './createEngineClient.js';
import type { GenerateEvent } from './engineOps.js';
import { forkWorker } from './forkWorker.js';

/**
 * A thinking family through the engine process: thought deltas reach the app
 * marked as such (never merged with answer text by the coalescer), and the
 * result, checked against the engine ops' schema by the client, holds the
 * thought apart. The Qwen3 family fixture has random weights, so thinking is
 * switched on (the prompt opens the thought) and a budget closes it.
 */
const source = ensureLlamaSource();
const qwen3 = FAMILY_SPECS.find((s) => s.id === 'qwen3')!;
const available = source !== null && familyFiles(source, qwen3) !== null;
const chat = { system: 'You are a test.', history: [], olderOmitted: 0, message: { id: 'u1', role: 'user' as const, content: 'What is 3+3?' } };

describe.skipIf(!available)('engine process: a thinking model', () => {
  let engine: EngineClient;
  let ref: { modelId: string; modelPath: string };
  beforeAll(async () => {
    ref = { modelId: 'qwen3-family', modelPath: await ensureFamilyFixture(source!, qwen3) };
    engine = createEngineClient({ spawnWorker: forkWorker, settings: { ...DEFAULT_SETTINGS.engine, threads: 1, contextSize: 1024 }, env: { HEARTH_ENGINE_GPU: 'off' } });
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('streams the thought as thought deltas and the answer apart, with the thought in the result', async () => {
    const events: GenerateEvent[] = [];
    const result = await engine.generate(
      { ...ref, ...chat, sampling: { maxTokens: 10, seed: 3, temperature: 0 }, thinking: { mode: 'on', budget: 3 } },
      { onEvent: (e) => events.push(e) },
    );
    const deltas = events.filter((e) => e.type === 'delta');
    const thought = deltas.filter((d) => d.segment === 'thought');
    expect(thought.length).toBeGreaterThan(0);
    expect(thought.map((d) => d.text).join('')).toBe(result.thought?.text);
    expect(deltas.filter((d) => d.segment === undefined).map((d) => d.text).join('')).toBe(result.text);
    expect(result.thought?.tokens).toBe(3);
    expect(result.stats.thoughtTokens).toBe(3);
    expect(result.stats.completionTokens).toBe(10);
  });

  it("ends the prompt with an empty thought when thinking is off: nothing is thought", async () => {
    const events: GenerateEvent[] = [];
    const result = await engine.generate({ ...ref, ...chat, sampling: { maxTokens: 6, seed: 3, temperature: 0 }, thinking: { mode: 'off', budget: null } }, { onEvent: (e) => events.push(e) });
    expect(events.some((e) => e.type === 'delta' && e.segment === 'thought')).toBe(false);
    // A random model may write "<think>" itself; this seed does not.
    expect(result.thought).toBeNull();
    expect(result.stats.thoughtTokens).toBeUndefined();
  });
});

describe.skipIf(available)('engine process: a thinking model', () => {
  it('is skipped: the llama.cpp source bundle or its qwen2 vocabulary is absent', () => {
    expect(available).toBe(false);
  });
});
