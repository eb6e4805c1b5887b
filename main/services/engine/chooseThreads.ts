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
