import { describe, expect, it } from 'vitest';
import { compareRate, compareView } from './compare.ts';
import { baselinePhrase, formatChange } from './settings.ts';
import { baselineNotice, baselineText } from './notice.ts';
import { buildGraph } from '../graph/build.ts';
import { input, PARAMS, rate } from '../graph/__fixtures__/rows.ts';
import type { BaselineComparison, TrafficView } from '../graph/types.ts';

const BOUNDS = { drop: -0.5, surge: 1, minRate: 1 };

describe('compareRate', () => {
  const cases: { desc: string; now: number; then: number; bounds?: Partial<typeof BOUNDS>; expected: Partial<BaselineComparison> & { verdict: BaselineComparison['verdict'] } }[] = [
    { desc: 'no data then: no baseline, never -100 %', now: 0, then: NaN, expected: { verdict: 'none' } },
    { desc: 'no data then, traffic now: still no baseline', now: 50, then: NaN, expected: { verdict: 'none' } },
    { desc: 'same rate: normal, no change', now: 10, then: 10, expected: { verdict: 'normal', change: 0, rate: 10 } },
    { desc: 'an 82 % drop', now: 18, then: 100, expected: { verdict: 'drop', change: -0.82, rate: 100 } },
    { desc: 'a drop to nothing is -100 % (there was data then)', now: 0, then: 40, expected: { verdict: 'drop', change: -1 } },
    { desc: 'a drop exactly at the bound counts', now: 5, then: 10, expected: { verdict: 'drop', change: -0.5 } },
    { desc: 'a drop short of the bound is normal', now: 5.1, then: 10, expected: { verdict: 'normal' } },
    { desc: 'a surge of +150 %', now: 25, then: 10, expected: { verdict: 'surge', change: 1.5 } },
    { desc: 'a surge short of the bound is normal', now: 19, then: 10, expected: { verdict: 'normal' } },
    { desc: 'minimum rate: a small edge dropping does not flap', now: 0.1, then: 0.9, expected: { verdict: 'normal' } },
    { desc: 'minimum rate: a drop from above it to below it is a drop', now: 0.1, then: 3, expected: { verdict: 'drop' } },
    { desc: 'minimum rate: a small edge tripling does not flap', now: 0.9, then: 0.3, expected: { verdict: 'normal' } },
    { desc: 'minimum rate: a surge to above it is a surge', now: 1.2, then: 0.3, expected: { verdict: 'surge' } },
    { desc: 'zero then, traffic now above the minimum: a surge without a ratio', now: 5, then: 0, expected: { verdict: 'surge', rate: 0 } },
    { desc: 'zero then and now: normal', now: 0, then: 0, expected: { verdict: 'normal', rate: 0 } },
    { desc: 'other bounds: -20 % is a drop', now: 8, then: 10, bounds: { drop: -0.2 }, expected: { verdict: 'drop' } },
    { desc: 'other bounds: minimum 0 flags a tiny edge', now: 0.01, then: 0.1, bounds: { minRate: 0 }, expected: { verdict: 'drop' } },
  ];
  it.each(cases)('$desc', ({ now, then, bounds, expected }) => {
    const got = compareRate(now, then, { ...BOUNDS, ...bounds });
    expect(got.verdict).toBe(expected.verdict);
    if (expected.change !== undefined) expect(got.change).toBeCloseTo(expected.change, 9);
    if (expected.rate !== undefined) expect(got.rate).toBe(expected.rate);
    if (expected.verdict === 'none') {
      expect(got.rate).toBeNaN();
      expect(got.change).toBeNaN();
    }
  });
});

describe('texts', () => {
  it.each([
    { desc: 'a week', offset: '7d', text: 'vs last week' },
    { desc: 'a week in weeks', offset: '1w', text: 'vs last week' },
    { desc: 'a day', offset: '1d', text: 'vs yesterday' },
    { desc: 'a day in hours', offset: '24h', text: 'vs yesterday' },
    { desc: 'anything else as written', offset: '3h', text: 'vs 3h ago' },
  ])('$desc', ({ offset, text }) => expect(baselinePhrase(offset)).toBe(text));
  it.each([
    { desc: 'a drop with a true minus', change: -0.82, text: '\u221282 %' },
    { desc: 'a surge with a plus', change: 1.5, text: '+150 %' },
    { desc: 'no change', change: 0.001, text: '±0 %' },
    { desc: 'no ratio: no text', change: NaN, text: '' },
  ])('$desc', ({ change, text }) => expect(formatChange(change)).toBe(text));
});

describe('compareView', () => {
  const viewOf = (rows: Parameters<typeof input>[0]): TrafficView => buildGraph(input(rows), PARAMS).datacenters['eu'] as TrafficView;
  const now = viewOf({
    ingressRate: rate('eu/web', '/internet', { '2xx': 100 }),
    egressRate: [...rate('eu/web', 'eu/api', { '2xx': 20 }), ...rate('eu/api', 'eu/db', { '2xx': 20 }), ...rate('eu/web', 'eu/new', { '2xx': 5 })],
  });
  const then = viewOf({
    ingressRate: rate('eu/web', '/internet', { '2xx': 100 }),
    egressRate: [...rate('eu/web', 'eu/api', { '2xx': 100 }), ...rate('eu/api', 'eu/db', { '2xx': 100 })],
  });
  const compared = compareView(now, then, BOUNDS);
  const node = (id: string) => compared.nodes.find((n) => n.id === id)?.baseline;
  const edge = (s: string, t: string) => compared.edges.find((e) => e.source === s && e.target === t)?.baseline;
  const cases = [
    { desc: 'a node is compared by what it receives', got: () => node('api'), verdict: 'drop', change: -0.8 },
    { desc: 'INTERNET by what it sends', got: () => node('INTERNET'), verdict: 'normal', change: 0 },
    { desc: 'an edge by its rate', got: () => edge('web', 'api'), verdict: 'drop', change: -0.8 },
    { desc: 'a node the baseline lacks: no baseline', got: () => node('new'), verdict: 'none', change: NaN },
    { desc: 'an edge the baseline lacks: no baseline', got: () => edge('web', 'new'), verdict: 'none', change: NaN },
  ];
  it.each(cases)('$desc', ({ got, verdict, change }) => {
    expect(got()?.verdict).toBe(verdict);
    if (Number.isNaN(change)) expect(got()?.change).toBeNaN();
    else expect(got()?.change).toBeCloseTo(change, 9);
  });
  it('no view then: every node and edge has no baseline', () => {
    const all = compareView(now, undefined, BOUNDS);
    expect([...all.nodes.map((n) => n.baseline?.verdict), ...all.edges.map((e) => e.baseline?.verdict)].every((v) => v === 'none')).toBe(true);
  });
});

describe('baselineText and baselineNotice', () => {
  const cases: { desc: string; b: BaselineComparison; offset: string; text: string; notice: 0 | 1 | 2 }[] = [
    { desc: 'a drop: its mark, danger', b: { rate: 100, change: -0.82, verdict: 'drop' }, offset: '7d', text: '\u25BC \u221282 % vs last week', notice: 2 },
    { desc: 'a surge: its mark, warning', b: { rate: 10, change: 1.5, verdict: 'surge' }, offset: '1d', text: '\u25B2 +150 % vs yesterday', notice: 1 },
    { desc: 'a surge from nothing', b: { rate: 0, change: NaN, verdict: 'surge' }, offset: '3h', text: '\u25B2 from 0 vs 3h ago', notice: 1 },
    { desc: 'normal: no mark, no notice', b: { rate: 10, change: -0.1, verdict: 'normal' }, offset: '7d', text: '\u221210 % vs last week', notice: 0 },
    { desc: 'no data then: "no baseline", no notice', b: { rate: NaN, change: NaN, verdict: 'none' }, offset: '7d', text: 'no baseline', notice: 0 },
  ];
  it.each(cases)('$desc', ({ b, offset, text, notice }) => {
    expect(baselineText(b, offset)).toBe(text);
    expect(baselineNotice(b, offset)?.severity ?? 0).toBe(notice);
    if (notice) expect(baselineNotice(b, offset)?.title).toBe(text);
  });
});
