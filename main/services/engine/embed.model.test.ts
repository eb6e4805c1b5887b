import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { fixturePath } from '../../../test/fixtures.js';
import { createEngineClient, type EngineClient } from './createEngineClient.js';
import { forkWorker } from './forkWorker.js';

// Any GGUF the engine can run also embeds (a decoder's pooled hidden state); the tiny generated model is enough
// to prove the path from the app to node-llama-cpp's embedding context and back. Real routing uses an encoder.
describe('engine: embeddings', () => {
  let engine: EngineClient;
  beforeAll(() => {
    engine = createEngineClient({ spawnWorker: forkWorker, settings: { ...DEFAULT_SETTINGS.engine, threads: 1 }, env: { HEARTH_ENGINE_GPU: 'off' } });
  });
  afterAll(async () => engine.dispose());

  it('returns one vector per text, deterministic, without disturbing chat generation', async () => {
    const ref = { modelId: 'tiny-embed', modelPath: fixturePath('tiny') };
    const vectors = await engine.embed(ref, ['hello there', 'hello there', 'a different sentence entirely']);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]!.length).toBeGreaterThan(0);
    expect(vectors.every((v) => v.length === vectors[0]!.length && v.every(Number.isFinite))).toBe(true);
    expect(vectors[1]).toEqual(vectors[0]);
    expect(vectors[2]).not.toEqual(vectors[0]);
    const reply = await engine.generate(
      { modelId: 'tiny', modelPath: fixturePath('tiny'), system: null, history: [], olderOmitted: 0, message: { id: 'u', role: 'user', content: 'Hi' }, sampling: { maxTokens: 4, seed: 1 } },
      { onEvent: () => {} },
    );
    expect(reply.stats.completionTokens).toBeGreaterThan(0);
  });

  it('refuses a file that is not a model with MODEL_LOAD_FAILED, and the engine lives on', async () => {
    await expect(engine.embed({ modelId: 'nope', modelPath: '/nonexistent/x.gguf' }, ['x'])).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    expect((await engine.status({ start: true })).started).toBe(true);
  });
});
