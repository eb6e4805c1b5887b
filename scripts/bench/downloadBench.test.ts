import { describe, expect, it } from 'vitest';
import { runDownloadBench } from './downloadBench.js';

// Keeps the benchmark runnable; no timing is asserted (that is what the bench prints, side by side).
describe('runDownloadBench', () => {
  it('measures Hearth and the raw stream on the same file and returns their ratio', async () => {
    const r = await runDownloadBench({ mib: 2, reps: 2 });
    expect(r.reps).toBe(2);
    for (const v of [r.hearthMBps, r.rawMBps, r.ratio]) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(r.hearth.n).toBe(2);
  });
});
