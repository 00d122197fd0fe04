import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './duration.ts';

describe('parseDurationMs', () => {
  const cases: { desc: string; text: string; expected: number | null }[] = [
    { desc: 'seconds', text: '15s', expected: 15_000 },
    { desc: 'milliseconds', text: '500ms', expected: 500 },
    { desc: 'compound', text: '1h30m', expected: 5_400_000 },
    { desc: 'days and weeks', text: '1w1d', expected: 8 * 86_400_000 },
    { desc: 'zero', text: '0s', expected: 0 },
    { desc: 'no unit', text: '15', expected: null },
    { desc: 'fraction', text: '1.5m', expected: null },
    { desc: 'empty', text: '', expected: null },
    { desc: 'spaces', text: ' 1m', expected: null },
  ];
  it.each(cases)('$desc', ({ text, expected }) => {
    expect(parseDurationMs(text)).toBe(expected);
  });
});
