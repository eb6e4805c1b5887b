/** Small statistics for benchmarks: medians and spread, never a single sample. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation relative to the median, in percent: robust to one noisy run. */
export function spreadPct(values: number[]): number {
  const m = median(values);
  if (!Number.isFinite(m) || m === 0) return NaN;
  return (median(values.map((v) => Math.abs(v - m))) / m) * 100;
}

/** Nearest-rank percentile, p in percent (95 for p95). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median with the full range of the samples: the spread a reader can check at a glance. */
export function summarize(values: number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** "12.3 (11.9–14.0)": a median and its range. */
export function fmtSummary(s: Summary, digits = 1): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}
