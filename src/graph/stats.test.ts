import { describe, expect, it } from 'vitest';
import { StatsSum, addRate, emptyAccumulator, errorShare, finishStats, formatPercent, healthOf, totalRate } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import type { Health, StatusClass, Thresholds, TrafficStats } from './types.ts';

const THRESHOLDS: Thresholds = { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 };

function byClass(parts: Partial<Record<StatusClass, number>>): Record<StatusClass, number> {
  return { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0, ...parts };
}

function stats(parts: Partial<Record<StatusClass, number>>, latency = NaN): TrafficStats {
  const acc = emptyAccumulator();
  for (const [cls, v] of Object.entries(parts)) addRate(acc, cls as StatusClass, v);
  acc.latency = latency;
  return finishStats(acc, THRESHOLDS);
}

describe('errorShare', () => {
  const cases: { desc: string; classes: Partial<Record<StatusClass, number>>; errorClasses?: StatusClass[]; share: number }[] = [
    { desc: 'no traffic: NaN, not 0', classes: {}, share: NaN },
    { desc: 'zero rate in every class: NaN', classes: { '2xx': 0, '5xx': 0 }, share: NaN },
    { desc: 'no errors', classes: { '2xx': 10 }, share: 0 },
    { desc: '5xx counted', classes: { '2xx': 9, '5xx': 1 }, share: 0.1 },
    { desc: 'no response ("none") counted', classes: { '2xx': 3, none: 1 }, share: 0.25 },
    { desc: '4xx not counted by default', classes: { '2xx': 1, '4xx': 3 }, share: 0 },
    { desc: '4xx counted when configured', classes: { '2xx': 1, '4xx': 3 }, errorClasses: ['4xx', '5xx'], share: 0.75 },
    { desc: 'only errors', classes: { '5xx': 2, none: 2 }, share: 1 },
  ];
  it.each(cases)('$desc', ({ classes, errorClasses, share }) => {
    expect(errorShare(byClass(classes), errorClasses ?? THRESHOLDS.errorClasses)).toBe(share);
  });
});

describe('finishStats', () => {
  it('totals the classes and keeps the latency', () => {
    const s = stats({ '2xx': 8, '3xx': 1, '5xx': 1 }, 0.25);
    expect(s).toEqual({ rate: 10, byClass: byClass({ '2xx': 8, '3xx': 1, '5xx': 1 }), errorShare: 0.1, latency: 0.25 });
    expect(totalRate(s.byClass)).toBe(10);
  });

  it('copies the classes (later changes to the accumulator do not leak)', () => {
    const acc = emptyAccumulator();
    addRate(acc, '2xx', 1);
    const s = finishStats(acc, THRESHOLDS);
    addRate(acc, '2xx', 1);
    expect(s.byClass['2xx']).toBe(1);
  });
});

describe('StatsSum', () => {
  const sumStats = (parts: readonly TrafficStats[], thresholds: typeof THRESHOLDS): TrafficStats => {
    const sum = new StatsSum();
    for (const part of parts) sum.add(part);
    return sum.finish(thresholds);
  };
  const cases: { desc: string; parts: TrafficStats[]; rate: number; share: number; latency: number }[] = [
    { desc: 'nothing', parts: [], rate: 0, share: NaN, latency: NaN },
    { desc: 'one part', parts: [stats({ '2xx': 4 }, 0.1)], rate: 4, share: 0, latency: 0.1 },
    { desc: 'latency weighted by rate', parts: [stats({ '2xx': 3 }, 0.1), stats({ '2xx': 1 }, 0.5)], rate: 4, share: 0, latency: 0.2 },
    { desc: 'unknown (NaN) latency left out of the mean', parts: [stats({ '2xx': 3 }, 0.1), stats({ '2xx': 1 })], rate: 4, share: 0, latency: 0.1 },
    { desc: 'zero-rate part does not weigh', parts: [stats({ '2xx': 0 }, 9), stats({ '2xx': 2 }, 0.3)], rate: 2, share: 0, latency: 0.3 },
    { desc: 'all latencies unknown: NaN', parts: [stats({ '2xx': 1 }), stats({ '5xx': 1 })], rate: 2, share: 0.5, latency: NaN },
    { desc: 'error share recomputed from the summed classes', parts: [stats({ '2xx': 9, '5xx': 1 }), stats({ '2xx': 10 })], rate: 20, share: 0.05, latency: NaN },
  ];
  it.each(cases)('$desc', ({ parts, rate, share, latency }) => {
    const s = sumStats(parts, THRESHOLDS);
    expect(s.rate).toBeCloseTo(rate, 12);
    if (Number.isNaN(share)) expect(s.errorShare).toBeNaN();
    else expect(s.errorShare).toBeCloseTo(share, 12);
    if (Number.isNaN(latency)) expect(s.latency).toBeNaN();
    else expect(s.latency).toBeCloseTo(latency, 12);
  });
});

describe('StatsSum.addAccumulator', () => {
  const acc = (parts: Partial<Record<StatusClass, number>>, latency = NaN): StatsAccumulator => {
    const a = emptyAccumulator();
    for (const [cls, v] of Object.entries(parts)) addRate(a, cls as StatusClass, v);
    a.latency = latency;
    return a;
  };
  const cases: { desc: string; parts: StatsAccumulator[] }[] = [
    { desc: 'nothing', parts: [] },
    { desc: 'one accumulator', parts: [acc({ '2xx': 4, '5xx': 0.1 }, 0.1)] },
    { desc: 'latency weighted by rate, NaN and zero rate left out', parts: [acc({ '2xx': 3 }, 0.1), acc({ '2xx': 1 }), acc({}, 9), acc({ '4xx': 0.3, none: 0.7 }, 0.5)] },
  ];
  it.each(cases)('$desc: the sum of the stats the accumulators would make, exactly', ({ parts }) => {
    const byAccumulator = new StatsSum();
    for (const part of parts) byAccumulator.addAccumulator(part);
    const byStats = new StatsSum();
    for (const part of parts) byStats.add(finishStats(part, THRESHOLDS));
    expect(byAccumulator.finish(THRESHOLDS)).toEqual(byStats.finish(THRESHOLDS));
  });
});

describe('healthOf', () => {
  /** Stats with an exact error share, so the boundaries are tested without rounding noise. */
  const at = (rate: number, share: number): TrafficStats => ({ rate, byClass: byClass({ '2xx': rate }), errorShare: share, latency: NaN });
  const cases: { desc: string; stats: TrafficStats; health: Health; notice?: string }[] = [
    { desc: 'no errors', stats: at(100, 0), health: 'normal' },
    { desc: 'just under warning', stats: at(100, 0.0099), health: 'normal' },
    { desc: 'exactly warning', stats: at(100, 0.01), health: 'warning', notice: '1.0% errors' },
    { desc: 'between warning and danger', stats: at(100, 0.03), health: 'warning', notice: '3.0% errors' },
    { desc: 'just under danger', stats: at(100, 0.0499), health: 'warning', notice: '5.0% errors' },
    { desc: 'exactly danger', stats: at(100, 0.05), health: 'danger', notice: '5.0% errors' },
    { desc: 'all errors', stats: at(100, 1), health: 'danger', notice: '100% errors' },
    { desc: 'rate under minRate is never flagged', stats: at(0.049, 1), health: 'normal' },
    { desc: 'rate exactly minRate is judged', stats: at(0.05, 1), health: 'danger', notice: '100% errors' },
    { desc: 'no traffic (NaN share)', stats: at(0, NaN), health: 'normal' },
    { desc: 'NaN share with traffic (defensive)', stats: at(10, NaN), health: 'normal' },
    { desc: 'NaN rate (defensive)', stats: at(NaN, 1), health: 'normal' },
  ];
  it.each(cases)('$desc -> $health', ({ stats: s, health, notice }) => {
    expect(healthOf(s, THRESHOLDS)).toEqual(notice === undefined ? { health } : { health, notice });
  });

  it('a 4xx-only edge stays normal with the default error classes', () => {
    expect(healthOf(stats({ '2xx': 10, '4xx': 90 }), THRESHOLDS)).toEqual({ health: 'normal' });
  });

  it('shares one verdict per health and shown percentage, never one for another', () => {
    const a = healthOf(stats({ '2xx': 92.88, '5xx': 7.12 }), THRESHOLDS);
    const b = healthOf(stats({ '2xx': 928.77, '5xx': 71.23 }), THRESHOLDS);
    expect(a).toEqual({ health: 'danger', notice: '7.1% errors' });
    expect(b).toBe(a);
    // The same percentage under other thresholds is a warning: another verdict.
    const warning = healthOf(stats({ '2xx': 92.88, '5xx': 7.12 }), { ...THRESHOLDS, danger: 0.5 });
    expect(warning).toEqual({ health: 'warning', notice: '7.1% errors' });
    expect(healthOf(stats({ '2xx': 92.9, '5xx': 7.1 }), THRESHOLDS)).toBe(a);
    expect(healthOf(stats({ '2xx': 92.8, '5xx': 7.2 }), THRESHOLDS)).toEqual({ health: 'danger', notice: '7.2% errors' });
    // Next to a rounding tie the built-in decides, and the text is still right.
    expect(healthOf(stats({ '2xx': 97.75, '5xx': 2.25 }), THRESHOLDS).notice).toBe(`${((2.25 / 100) * 100).toFixed(1)}% errors`);
  });
});

describe('formatPercent', () => {
  const cases: { desc: string; share: number; text: string }[] = [
    { desc: 'NaN', share: NaN, text: '–' },
    { desc: 'Infinity', share: Infinity, text: '–' },
    { desc: 'zero', share: 0, text: '0.00%' },
    { desc: 'under 1%: two decimals', share: 0.00123, text: '0.12%' },
    { desc: '1% to 10%: one decimal', share: 0.025, text: '2.5%' },
    { desc: '10% and over: no decimals', share: 0.15, text: '15%' },
    { desc: 'all', share: 1, text: '100%' },
  ];
  it.each(cases)('$desc -> $text', ({ share, text }) => {
    expect(formatPercent(share)).toBe(text);
  });
});
