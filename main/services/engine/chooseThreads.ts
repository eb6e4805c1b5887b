/**
 * Below this size a token's matrix work is so small that splitting it across
 * threads costs more in wake-ups and barriers than it saves. Measured on a
 * 2-core machine with stories260K (1.2 MB): ~1,000 tok/s on 1 thread against
 * 70-600 tok/s on 2; on a 1.1B Q4_0 model (600 MB) 2 threads win (42 vs 24).
 */
export const SMALL_MODEL_BYTES = 64 * 1024 * 1024;

export interface ThreadChoice {
  /** Threads the user set in Settings; null for automatic. */
  configured: number | null;
  /** Cores that do math (node-llama-cpp's cpuMathCores: performance cores, not hyper-threads). */
  mathCores: number;
  modelBytes: number;
}

export function chooseThreads({ configured, mathCores, modelBytes }: ThreadChoice): number {
  const cores = Math.max(1, Math.floor(mathCores));
  if (configured !== null) return Math.max(1, Math.floor(configured));
  if (modelBytes < SMALL_MODEL_BYTES) return 1;
  return cores;
}

export interface OverlapChoice {
  threads: number;
  mathCores: number;
  /** Layers offloaded to a GPU: the decode then waits on the GPU, not on CPU threads. */
  gpuLayers: number;
}

/**
 * Whether a reply's per-token text work (detokenizing, stop strings, sending
 * the delta) should run while the next token decodes. With a core to spare it
 * is free: measured on the tiny fixture at 1 thread, it took the text work off
 * every token's time. When the decode threads hold every core it is not: the
 * text work preempts a llama.cpp thread and the others spin at the next
 * barrier. 1B-shaped model at 2 threads on 2 cores, 15 pairs against a bare
 * loop: 0.976 / 0.979 with the overlap, 0.985 / 0.987 without.
 */
export function overlapsTextWork({ threads, mathCores, gpuLayers }: OverlapChoice): boolean {
  return gpuLayers > 0 || threads < Math.max(1, Math.floor(mathCores));
}
