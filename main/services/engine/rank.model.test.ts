import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { ensureFixtureModels, fixturePath } from '../../../test/fixtures.js';
import { createEngineClient, type EngineClient } from './createEngineClient.js';
import { forkWorker } from './forkWorker.js';

// The reranker fixture has random weights: its scores mean nothing, but they come from llama.cpp's rank
// pooling over a real Qwen3-Reranker layout, through the engine process and back.
describe('engine: reranking', () => {
  let engine: EngineClient;
  const reranker = { modelId: 'reranker', modelPath: fixturePath('reranker') };
  beforeAll(async () => {
    await ensureFixtureModels(['reranker']);
    engine = createEngineClient({ spawnWorker: forkWorker, settings: { ...DEFAULT_SETTINGS.engine, threads: 1 }, env: { HEARTH_ENGINE_GPU: 'off' } });
  });
  afterAll(async () => engine.dispose());

  it('scores each text for the query, in order, the same each time and whatever the order asked in', async () => {
    const texts = ['The ferry leaves at noon.', 'Trains run every hour.', 'Buy tickets at the pier.', 'The ferry leaves at noon.'];
    const scores = await engine.rank(reranker, 'When does the ferry leave?', texts);
    expect(scores).toHaveLength(4);
    expect(scores.every((p) => p > 0 && p < 1)).toBe(true);
    expect(scores[3]).toBe(scores[0]);
    expect(new Set(scores.slice(0, 3)).size).toBe(3);
    const reversed = await engine.rank(reranker, 'When does the ferry leave?', [...texts].reverse());
    expect(reversed).toEqual([...scores].reverse());
    // Another question, other scores.
    expect(await engine.rank(reranker, 'How often do trains run?', texts)).not.toEqual(scores);
  });

  it('scores an excerpt longer than its context by its windows rather than refusing it', async () => {
    const long = 'The harbour master keeps the ferry timetable in the office by the pier. '.repeat(120);
    const [score] = await engine.rank(reranker, 'Where is the timetable?', [long]);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
  });

  it('refuses a chat model and a missing file with MODEL_LOAD_FAILED, and the engine lives on', async () => {
    await expect(engine.rank({ modelId: 'tiny', modelPath: fixturePath('tiny') }, 'q', ['x'])).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('cannot compute reranking') });
    await expect(engine.rank({ modelId: 'nope', modelPath: '/nonexistent/x.gguf' }, 'q', ['x'])).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    expect(await engine.rank(reranker, 'q', ['x'])).toHaveLength(1);
  });

  it('cancels between texts', async () => {
    const controller = new AbortController();
    const pending = engine.rank(reranker, 'q', Array.from({ length: 200 }, (_, i) => `excerpt number ${i} about ferries and trains`), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await engine.rank(reranker, 'q', ['x'])).toHaveLength(1);
  });
});
