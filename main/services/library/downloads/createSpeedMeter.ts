export interface SpeedMeter {
  /** Records the total bytes so far; returns bytes per second over the last window. */
  sample(totalBytes: number, now: number): number;
  reset(): void;
}

/**
 * Speed over a sliding window (default 5 s): steady enough for an ETA that
 * does not jump on every chunk, quick enough to follow a changing link.
 */
export function createSpeedMeter(windowMs = 5000): SpeedMeter {
  let samples: Array<{ t: number; bytes: number }> = [];
  return {
    sample(totalBytes, now) {
      samples.push({ t: now, bytes: totalBytes });
      while (samples.length > 2 && samples[1]!.t <= now - windowMs) samples.shift();
      const first = samples[0]!;
      const dt = (now - first.t) / 1000;
      return dt > 0.05 ? Math.max(0, (totalBytes - first.bytes) / dt) : 0;
    },
    reset() {
      samples = [];
    },
  };
}
