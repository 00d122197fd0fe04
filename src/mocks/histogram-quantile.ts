/**
 * PromQL's histogram_quantile over cumulative buckets, as Prometheus computes it
 * (promql/quantile.go `bucketQuantile`): linear interpolation inside the bucket holding the
 * rank, the highest finite bound when the rank falls in the +Inf bucket, NaN without requests.
 */

export interface Bucket {
  /** Upper bound (seconds), Infinity for the +Inf bucket. */
  readonly le: number;
  /** Cumulative count (or rate) of observations <= le. */
  readonly count: number;
}

export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (!last || last.le !== Infinity || sorted.length < 2) return NaN;
  // Cumulative counts must not decrease (float noise in rates can make them).
  let max = 0;
  const counts = sorted.map((b) => (max = Math.max(max, b.count)));
  const total = counts[counts.length - 1] ?? 0;
  if (!(total > 0)) return NaN;
  let rank = q * total;
  const index = counts.findIndex((count) => count >= rank);
  const b = index === -1 ? counts.length - 1 : index;
  if (b === sorted.length - 1) return sorted[sorted.length - 2]?.le ?? NaN;
  const upper = sorted[b]?.le ?? NaN;
  if (b === 0 && upper <= 0) return upper;
  const lower = b === 0 ? 0 : (sorted[b - 1]?.le ?? 0);
  const below = b === 0 ? 0 : (counts[b - 1] ?? 0);
  const inBucket = (counts[b] ?? 0) - below;
  rank -= below;
  return lower + (upper - lower) * (inBucket > 0 ? rank / inBucket : 0);
}
