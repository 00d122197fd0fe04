/**
 * The histogram buckets the exporters use: the model's LATENCY_BUCKETS (seconds), or a compact
 * set for large platforms (fewer series per edge), in seconds or in milliseconds for the
 * conventions that measure in ms (Istio, Linkerd).
 */
import { LATENCY_BUCKETS } from '../src/mocks/platform/latency.ts';

/** Six bounds: what a large platform exposes (9 series per histogram instead of 16). */
export const COMPACT_BUCKETS: readonly number[] = [0.005, 0.025, 0.1, 0.25, 1, 5];

/**
 * One value per bucket (including +Inf) that falls inside it: histograms are fed with the
 * representative of each bucket, so bucket counts follow the model exactly.
 */
export function representativesOf(bounds: readonly number[]): readonly number[] {
  return [
    ...bounds.map((le, i) => {
      const below = i === 0 ? le / 2 : (bounds[i - 1] ?? le / 2);
      return Math.sqrt(below * le);
    }),
    2 * (bounds[bounds.length - 1] ?? 10),
  ];
}

export const BUCKET_REPRESENTATIVES: readonly number[] = representativesOf(LATENCY_BUCKETS);

/** The bucket bounds and representatives in seconds or milliseconds. */
export function bucketsIn(
  unit: 'seconds' | 'milliseconds', bounds: readonly number[] = LATENCY_BUCKETS,
): { readonly buckets: readonly number[]; readonly representatives: readonly number[] } {
  const representatives = representativesOf(bounds);
  if (unit === 'seconds') return { buckets: bounds, representatives };
  const ms = (s: number): number => Math.round(s * 1e6) / 1e3;
  return { buckets: bounds.map(ms), representatives: representatives.map(ms) };
}
