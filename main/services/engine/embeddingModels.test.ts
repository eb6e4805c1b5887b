import type { Llama } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { createEmbeddingModels } from './embeddingModels.js';

/** A stand-in llama whose model records the options its contexts were created with. */
function fakeLlama(modelBytes: number) {
  const created: Array<{ kind: string; threads?: number }> = [];
  const context = { dispose: async () => {}, getEmbeddingFor: async () => ({ vector: [1, 2] }), rank: async () => 0.5 };
  const model = {
    size: modelBytes,
    dispose: async () => {},
    createEmbeddingContext: async (o: { threads?: number }) => (created.push({ kind: 'embed', threads: o.threads }), context),
    createRankingContext: async (o: { threads?: number }) => (created.push({ kind: 'rank', threads: o.threads }), context),
  };
  const llama = { cpuMathCores: 8, loadModel: async () => model } as unknown as Llama;
  return { llama, created };
}

describe('embedding and ranking contexts', () => {
  it('get the thread count chosen for the model’s size, as chat contexts do, not node-llama-cpp’s default', async () => {
    const { llama, created } = fakeLlama(40 * 2 ** 20);
    const asked: Array<[number, number]> = [];
    const models = createEmbeddingModels({
      getLlama: async () => llama,
      idleMinutes: () => 0,
      serial: (task) => task(),
      log: () => {},
      threads: (bytes, cores) => (asked.push([bytes, cores]), bytes < 64 * 2 ** 20 ? 1 : cores),
    });
    expect(await models.embed({ modelId: 'e', modelPath: '/m/e.gguf' }, ['a'])).toEqual([[1, 2]]);
    expect(await models.rank({ modelId: 'r', modelPath: '/m/r.gguf' }, 'q', ['a'])).toEqual([0.5]);
    expect(asked).toEqual([
      [40 * 2 ** 20, 8],
      [40 * 2 ** 20, 8],
    ]);
    expect(created).toEqual([
      { kind: 'embed', threads: 1 },
      { kind: 'rank', threads: 1 },
    ]);
    await models.dispose();
  });
});
