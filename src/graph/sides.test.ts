import { describe, expect, it } from 'vitest';
import { disagreementOf, formatRate, unexplainedIngress } from './sides.ts';
import { emptyAccumulator, finishStats } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import type { StatusClass, Thresholds, TrafficStats } from './types.ts';

const THRESHOLDS: Thresholds = { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 };

function acc(byClass: Partial<Record<StatusClass, number>>, latency = NaN): StatsAccumulator {
  const a = emptyAccumulator();
  Object.assign(a.byClass, byClass);
  a.latency = latency;
  return a;
}
const stats = (byClass: Partial<Record<StatusClass, number>>): TrafficStats => finishStats(acc(byClass), THRESHOLDS);

describe('disagreementOf', () => {
  const cases: { desc: string; caller: Partial<Record<StatusClass, number>>; callee: Partial<Record<StatusClass, number>>; expected?: string }[] = [
    { desc: 'same numbers', caller: { '2xx': 20 }, callee: { '2xx': 20 } },
    { desc: 'scrape noise under 0.5 req/s', caller: { '2xx': 5 }, callee: { '2xx': 4.6 } },
    { desc: 'scrape noise under 5 %', caller: { '2xx': 200 }, callee: { '2xx': 192 } },
    { desc: 'callee saw more (not flagged)', caller: { '2xx': 10 }, callee: { '2xx': 14 } },
    { desc: 'a quarter missing', caller: { '2xx': 20 }, callee: { '2xx': 15 }, expected: 'missing-at-callee: callee saw 15 of 20 req/s sent' },
    { desc: 'refused connections: missing wins over errors', caller: { '2xx': 10, none: 5 }, callee: { '2xx': 10 }, expected: 'missing-at-callee: callee saw 10 of 15 req/s sent' },
    { desc: 'timeouts the callee answered', caller: { '2xx': 47, none: 3 }, callee: { '2xx': 50 }, expected: 'extra-errors-at-caller: caller saw 3 req/s errors, callee 0 req/s' },
    { desc: 'a proxy 503 the callee never sent', caller: { '2xx': 95, '5xx': 5 }, callee: { '2xx': 99.8, '5xx': 0.1 }, expected: 'extra-errors-at-caller: caller saw 5 req/s errors, callee 0.1 req/s' },
    { desc: 'same errors on both sides', caller: { '2xx': 90, '5xx': 10 }, callee: { '2xx': 90, '5xx': 10 } },
    { desc: 'extra errors below the warning share', caller: { '2xx': 999.5, none: 0.5 }, callee: { '2xx': 1000 } },
    { desc: 'too little traffic to judge', caller: { none: 0.04 }, callee: { '2xx': 0.04 } },
  ];
  it.each(cases)('$desc', ({ caller, callee, expected }) => {
    const d = disagreementOf(stats(caller), stats(callee), THRESHOLDS);
    expect(d ? `${d.kind}: ${d.text}` : undefined).toBe(expected);
  });
});

describe('unexplainedIngress', () => {
  const cases: { desc: string; total: Partial<Record<StatusClass, number>>; known: Partial<Record<StatusClass, number>>[]; expected: Partial<Record<StatusClass, number>> | null }[] = [
    { desc: 'no known callers: everything', total: { '2xx': 100, '5xx': 1 }, known: [], expected: { '2xx': 100, '5xx': 1 } },
    { desc: 'known callers explain it (noise)', total: { '2xx': 60.2 }, known: [{ '2xx': 60 }], expected: null },
    { desc: 'callers sent more than received', total: { '2xx': 10 }, known: [{ '2xx': 12 }], expected: null },
    { desc: 'a remainder from two callers', total: { '2xx': 30 }, known: [{ '2xx': 10 }, { '2xx': 5 }], expected: { '2xx': 15 } },
    { desc: 'caller timeouts the callee answered do not invent a remainder', total: { '2xx': 50 }, known: [{ '2xx': 47, none: 3 }], expected: null },
    { desc: 'mix scaled to the remainder', total: { '2xx': 20, '4xx': 4 }, known: [{ '2xx': 10, none: 2 }], expected: { '2xx': 10 * (12 / 14), '4xx': 4 * (12 / 14) } },
  ];
  it.each(cases)('$desc', ({ total, known, expected }) => {
    const rest = unexplainedIngress(acc(total, 0.2), known.map((k) => ({ acc: acc(k) })));
    if (expected === null) return expect(rest).toBeNull();
    expect(rest?.latency).toBe(0.2);
    for (const [cls, value] of Object.entries(expected)) expect(rest?.byClass[cls as StatusClass]).toBeCloseTo(value, 9);
  });
});

it('formatRate keeps three significant digits', () => {
  expect([12.345, 0.5, 102.66, 15, 0.04567, NaN].map(formatRate)).toEqual(['12.3', '0.5', '103', '15', '0.0457', '–']);
});
