import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile.ts';

const buckets = (pairs: readonly (readonly [number, number])[]) => pairs.map(([le, count]) => ({ le, count }));

describe('histogramQuantile (Prometheus semantics)', () => {
  it.each([
    { desc: 'interpolates inside the bucket', q: 0.5, b: [[0.1, 50], [0.2, 100], [Infinity, 100]], want: 0.1 },
    { desc: 'interpolates from 0 in the first bucket', q: 0.25, b: [[0.1, 50], [0.2, 100], [Infinity, 100]], want: 0.05 },
    { desc: 'interpolates in the middle of the second bucket', q: 0.75, b: [[0.1, 50], [0.2, 100], [Infinity, 100]], want: 0.15 },
    { desc: 'returns the highest finite bound in +Inf', q: 0.99, b: [[0.1, 10], [0.2, 20], [Infinity, 100]], want: 0.2 },
    { desc: 'NaN without observations', q: 0.5, b: [[0.1, 0], [Infinity, 0]], want: NaN },
    { desc: 'NaN without a +Inf bucket', q: 0.5, b: [[0.1, 1], [0.2, 2]], want: NaN },
    { desc: '+Inf for q > 1', q: 1.5, b: [[0.1, 1], [Infinity, 2]], want: Infinity },
    { desc: '-Inf for q < 0', q: -1, b: [[0.1, 1], [Infinity, 2]], want: -Infinity },
    { desc: 'unsorted buckets are sorted', q: 0.5, b: [[Infinity, 100], [0.2, 100], [0.1, 50]], want: 0.1 },
  ] as const)('$desc', ({ q, b, want }) => {
    const got = histogramQuantile(q, buckets(b));
    if (Number.isNaN(want)) expect(got).toBeNaN();
    else if (!Number.isFinite(want)) expect(got).toBe(want);
    else expect(got).toBeCloseTo(want, 10);
  });
});
