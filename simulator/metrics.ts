/**
 * The histogram buckets every exporter uses: the model's LATENCY_BUCKETS (seconds), or the same
 * bounds in milliseconds for the conventions that measure in ms (Istio, Linkerd).
 */
import { LATENCY_BUCKETS } from '../src/mocks/platform/latency.ts';

/**
 * One value per bucket (including +Inf) that falls inside it: histograms are fed with the
 * representative of each bucket, so bucket counts follow the model exactly.
 */
export const BUCKET_REPRESENTATIVES: readonly number[] = [
  ...LATENCY_BUCKETS.map((le, i) => {
    const below = i === 0 ? le / 2 : (LATENCY_BUCKETS[i - 1] ?? le / 2);
    return Math.sqrt(below * le);
  }),
  2 * (LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1] ?? 10),
];

/** The bucket bounds and representatives in seconds or milliseconds. */
export function bucketsIn(unit: 'seconds' | 'milliseconds'): { readonly buckets: readonly number[]; readonly representatives: readonly number[] } {
  if (unit === 'seconds') return { buckets: LATENCY_BUCKETS, representatives: BUCKET_REPRESENTATIVES };
  const ms = (s: number): number => Math.round(s * 1e6) / 1e3;
  return { buckets: LATENCY_BUCKETS.map(ms), representatives: BUCKET_REPRESENTATIVES.map(ms) };
}
