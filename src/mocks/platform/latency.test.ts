import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, latencyDistribution, normalCdf } from './latency.ts';

describe('latencyDistribution', () => {
  it.each([
    { desc: 'a tight log-normal', shape: { medianSeconds: 0.02, sigma: 0.3 } },
    { desc: 'a long tail', shape: { medianSeconds: 0.25, sigma: 1.2 } },
    { desc: 'with 5 % timeouts at 1 s', shape: { medianSeconds: 0.05, sigma: 0.6, timeoutShare: 0.05, timeoutSeconds: 1 } },
  ])('quantile and bucket fraction are inverse: $desc', ({ shape }) => {
    const d = latencyDistribution(shape);
    expect(d.latencyQuantile(0.5)).toBeCloseTo(shape.medianSeconds, 2);
    for (const q of [0.1, 0.5, 0.9, 0.94]) expect(d.bucketFraction(d.latencyQuantile(q))).toBeCloseTo(q, 4);
    expect(d.bucketFraction(Infinity)).toBe(1);
    expect(d.bucketFraction(0)).toBe(0);
  });

  it('puts the timeouts exactly at the timeout', () => {
    const d = latencyDistribution({ medianSeconds: 0.01, sigma: 0.3, timeoutShare: 0.2, timeoutSeconds: 2 });
    expect(d.latencyQuantile(0.95)).toBeCloseTo(2, 3);
    expect(d.bucketFraction(1.99)).toBeCloseTo(0.8, 4);
    expect(d.bucketFraction(2)).toBeCloseTo(1, 4);
  });

  it.each([
    { desc: 'Φ(0)', got: normalCdf(0), want: 0.5 },
    { desc: 'Φ(1.6449)', got: normalCdf(1.6449), want: 0.95 },
    { desc: 'Φ⁻¹(0.99)', got: inverseNormalCdf(0.99), want: 2.3263 },
    { desc: 'Φ⁻¹(0.01)', got: inverseNormalCdf(0.01), want: -2.3263 },
  ])('normal helpers: $desc', ({ got, want }) => {
    expect(got).toBeCloseTo(want, 3);
  });
});
