import { describe, expect, it } from 'vitest';
import { chooseThreads, overlapsTextWork, SMALL_MODEL_BYTES } from './chooseThreads.js';

describe('chooseThreads', () => {
  it('uses one thread for small models, where thread sync costs more than it saves', () => {
    expect(chooseThreads({ configured: null, mathCores: 8, modelBytes: 1_200_000 })).toBe(1);
  });
  it('uses every math core for big models', () => {
    expect(chooseThreads({ configured: null, mathCores: 8, modelBytes: SMALL_MODEL_BYTES * 10 })).toBe(8);
    expect(chooseThreads({ configured: null, mathCores: 2, modelBytes: 600e6 })).toBe(2);
  });
  it('respects the user setting', () => {
    expect(chooseThreads({ configured: 3, mathCores: 8, modelBytes: 1 })).toBe(3);
  });
});

describe('overlapsTextWork', () => {
  it('overlaps text work with decoding only while a core is left over or the GPU decodes', () => {
    expect(overlapsTextWork({ threads: 1, mathCores: 2, gpuLayers: 0 })).toBe(true);
    expect(overlapsTextWork({ threads: 2, mathCores: 2, gpuLayers: 0 })).toBe(false);
    expect(overlapsTextWork({ threads: 3, mathCores: 2, gpuLayers: 0 })).toBe(false);
    expect(overlapsTextWork({ threads: 8, mathCores: 8, gpuLayers: 33 })).toBe(true);
    expect(overlapsTextWork({ threads: 1, mathCores: 0, gpuLayers: 0 })).toBe(false);
  });
});
