/** Nearest-rank percentile of sorted values; `empty` when there are none. */
export function percentile(sorted: readonly number[], p: number, empty = 0): number {
  if (sorted.length === 0) return empty;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
