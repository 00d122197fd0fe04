import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixed, threeSignificant } from './decimal.ts';

/** Doubles of every magnitude, ties and their neighbours, and the values rates and shares take. */
const doubles = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1000 + 0.0005),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n + 0.5),
  fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100 + 0.005),
  fc.tuple(fc.integer({ min: 100, max: 999 }), fc.integer({ min: -8, max: 16 })).map(([m, e]) => (m + 0.5) * 10 ** e),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -8, max: 16 })).map(([m, e]) => m * 10 ** e),
  fc.constantFrom(0, -0, 1e-6, 999.5, 9.995, 99.95, 0.0995, 1000, 1e15, Infinity, -Infinity, NaN, Number.MIN_VALUE, Number.MAX_VALUE),
);
const nudged = fc.tuple(doubles, fc.constantFrom(-2, -1, 0, 1, 2)).map(([x, ulps]) => nudge(x, ulps));

/** x moved by a few ulps (the neighbours of a tie are where arithmetic and the built-ins could part). */
function nudge(x: number, ulps: number): number {
  if (!Number.isFinite(x) || ulps === 0) return x;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(ulps));
  return view.getFloat64(0);
}

describe('threeSignificant', () => {
  it('equals Number(x.toPrecision(3)) for any double', () => {
    fc.assert(fc.property(nudged, (x) => {
      expect(threeSignificant(x)).toBe(Number(x.toPrecision(3)));
    }), { numRuns: 20_000 });
  });

  it.each([
    { desc: 'rounds half up like toPrecision', x: 12.25, want: 12.3 },
    { desc: 'carries into the next power of ten', x: 999.7, want: 1000 },
    { desc: 'large rates keep three digits', x: 123456, want: 123000 },
    { desc: 'small rates keep three digits', x: 0.000123456, want: 0.000123 },
  ])('$desc', ({ x, want }) => {
    expect(threeSignificant(x)).toBe(want);
  });
});

describe('fixed', () => {
  it.each([0, 1, 2] as const)('equals x.toFixed(%i) for any double', (digits) => {
    fc.assert(fc.property(nudged, (x) => {
      expect(fixed(x, digits)).toBe(x.toFixed(digits));
    }), { numRuns: 20_000 });
  });

  it.each([
    { desc: 'pads the fraction', x: 0.05, digits: 2 as const, want: '0.05' },
    { desc: 'no point without digits', x: 12.5, digits: 0 as const, want: '13' },
    { desc: 'one digit', x: 7.25, digits: 1 as const, want: '7.3' },
  ])('$desc', ({ x, digits, want }) => {
    expect(fixed(x, digits)).toBe(want);
  });
});
