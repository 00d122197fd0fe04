import { describe, expect, it } from 'vitest';
import { formatLatency, formatRate } from './format.ts';

describe('formatRate', () => {
  const cases = [
    { desc: 'thousands', rps: 4200, expected: '4.2k/s' },
    { desc: 'tens of thousands, no decimals', rps: 42_000, expected: '42k/s' },
    { desc: 'tens', rps: 42.4, expected: '42/s' },
    { desc: 'units', rps: 4.24, expected: '4.2/s' },
    { desc: 'fractions', rps: 0.424, expected: '0.42/s' },
    { desc: 'a trickle is not shown as nothing', rps: 0.001, expected: '<0.01/s' },
    { desc: 'zero is zero', rps: 0, expected: '0.00/s' },
    { desc: 'NaN is a dash', rps: NaN, expected: '–' },
  ];
  for (const c of cases) it(c.desc, () => expect(formatRate(c.rps)).toBe(c.expected));
});

describe('formatLatency', () => {
  const cases = [
    { desc: 'seconds', s: 1.234, expected: '1.23 s' },
    { desc: 'tens of ms', s: 0.0456, expected: '46 ms' },
    { desc: 'ms with a decimal', s: 0.0034, expected: '3.4 ms' },
    { desc: 'unknown', s: NaN, expected: '–' },
  ];
  for (const c of cases) it(c.desc, () => expect(formatLatency(c.s)).toBe(c.expected));
});
