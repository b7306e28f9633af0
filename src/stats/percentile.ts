// Latency figures are reported as percentiles (nearest rank), the way the benchmark and the pages
// show them: p50 is the median, p99 the tail a user meets once in a hundred runs.

/** The value at or below which `p` percent of `values` fall (nearest rank); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
