import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.ts';
import type { AppConfig } from './types.ts';

const PROM = { url: 'http://prometheus.example:9090' };

describe('baseline: good values', () => {
  const cases: { desc: string; value: unknown; expected: AppConfig['baseline'] }[] = [
    { desc: 'absent: a week, default bounds', value: undefined, expected: { offset: '7d', drop: -0.5, surge: 1, minRate: 1 } },
    { desc: '"1d"', value: '1d', expected: { offset: '1d', drop: -0.5, surge: 1, minRate: 1 } },
    { desc: 'any duration', value: '90m', expected: { offset: '90m', drop: -0.5, surge: 1, minRate: 1 } },
    { desc: '"off"', value: 'off', expected: undefined },
    { desc: 'an object, bounds set', value: { offset: '1d', drop: -0.3, surge: 0.5, minRate: 0 }, expected: { offset: '1d', drop: -0.3, surge: 0.5, minRate: 0 } },
    { desc: 'an object, offset defaulted', value: { minRate: 5 }, expected: { offset: '7d', drop: -0.5, surge: 1, minRate: 5 } },
    { desc: 'an object with offset "off"', value: { offset: 'off', drop: -0.3 }, expected: undefined },
  ];
  it.each(cases)('$desc', ({ value, expected }) => {
    const result = parseConfig({ prometheus: PROM, ...(value === undefined ? {} : { baseline: value }) });
    expect(result.ok && result.config.baseline).toEqual(result.ok ? expected : 'not ok');
  });
});

describe('baseline: bad values name the field', () => {
  const cases: { desc: string; value: unknown; path: string; message: RegExp }[] = [
    { desc: 'not a duration', value: 'last week', path: 'baseline', message: /^expected "off" or a duration such as "7d" \(a number and ms, s, m, h, d, w or y\), got "last week"$/ },
    { desc: 'a number', value: 7, path: 'baseline', message: /^expected "7d", "1d", another duration, "off", or \{"offset".*got 7$/ },
    { desc: 'zero offset', value: '0s', path: 'baseline', message: /got "0s"/ },
    { desc: 'bad offset in the object', value: { offset: '7 days' }, path: 'baseline.offset', message: /^expected "off" or a duration such as "7d".*got "7 days"$/ },
    { desc: 'drop positive', value: { drop: 0.5 }, path: 'baseline.drop', message: /^expected a number between -1 and 0 \(-1 and 0 excluded\), got 0.5$/ },
    { desc: 'drop of -100 %', value: { drop: -1 }, path: 'baseline.drop', message: /between -1 and 0/ },
    { desc: 'surge zero', value: { surge: 0 }, path: 'baseline.surge', message: /^expected a number above 0, such as 1 \(\+100 %\), got 0$/ },
    { desc: 'surge a text', value: { surge: '100%' }, path: 'baseline.surge', message: /above 0.*got "100%"/ },
    { desc: 'negative minimum rate', value: { minRate: -1 }, path: 'baseline.minRate', message: /0 or more, got -1/ },
    { desc: 'a misspelt field', value: { ofset: '1d' }, path: 'baseline.ofset', message: /did you mean "offset"/ },
  ];
  it.each(cases)('$desc', ({ value, path, message }) => {
    const result = parseConfig({ prometheus: PROM, baseline: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path);
    expect(problem, `problems: ${JSON.stringify(result.problems)}`).toBeDefined();
    expect(problem?.message).toMatch(message);
  });
});
