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

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}
