import { describe, expect, it } from 'vitest';
import { edge, stats, view } from './__fixtures__/graph.ts';
import { edgeRows } from './tableRows.ts';
import type { Sort, SortKey } from './tableRows.ts';

// rate, error share (5xx + none over rate), latency per edge:
const EDGES = [
  edge('web', 'api', stats({ '2xx': 50, '5xx': 10 }, 0.12), 'danger', '17% errors'), // 60, 0.167, 0.12
  edge('api', 'db', stats({ '2xx': 97, '5xx': 3 }, 0.004), 'warning', '3.0% errors'), // 100, 0.03, 0.004
  edge('INTERNET', 'web', stats({ '2xx': 100, '4xx': 5 })), // 105, 0, NaN
  edge('idle', 'api', stats({})), // 0, NaN, NaN
  edge('batch', 'api', stats({ '2xx': 60 }, 0.5)), // 60, 0, 0.5
  edge('batch', 'db', stats({ '2xx': 60 }, 0.12)), // 60, 0, 0.12
];
const VIEW = view([], EDGES);

const order = (sort: Sort): string[] => edgeRows(VIEW, sort).map((r) => `${r.source}->${r.target}`);

describe('edgeRows: sorting', () => {
  const cases: { desc: string; key: SortKey; descending: boolean; want: string[] }[] = [
    { desc: 'rate ascending, ties by source then target', key: 'rate', descending: false, want: ['idle->api', 'batch->api', 'batch->db', 'web->api', 'api->db', 'INTERNET->web'] },
    { desc: 'rate descending, ties still by source then target ascending', key: 'rate', descending: true, want: ['INTERNET->web', 'api->db', 'batch->api', 'batch->db', 'web->api', 'idle->api'] },
    { desc: 'error share ascending, NaN (no traffic) last', key: 'errorShare', descending: false, want: ['batch->api', 'batch->db', 'INTERNET->web', 'api->db', 'web->api', 'idle->api'] },
    { desc: 'error share descending, NaN still last', key: 'errorShare', descending: true, want: ['web->api', 'api->db', 'batch->api', 'batch->db', 'INTERNET->web', 'idle->api'] },
    { desc: 'latency ascending, unknown latencies last, among themselves by source', key: 'latency', descending: false, want: ['api->db', 'batch->db', 'web->api', 'batch->api', 'idle->api', 'INTERNET->web'] },
    { desc: 'latency descending, unknown latencies last', key: 'latency', descending: true, want: ['batch->api', 'batch->db', 'web->api', 'api->db', 'idle->api', 'INTERNET->web'] },
    { desc: 'source ascending (case-insensitive), ties by target', key: 'source', descending: false, want: ['api->db', 'batch->api', 'batch->db', 'idle->api', 'INTERNET->web', 'web->api'] },
    { desc: 'source descending, ties by target ascending', key: 'source', descending: true, want: ['web->api', 'INTERNET->web', 'idle->api', 'batch->api', 'batch->db', 'api->db'] },
    { desc: 'target ascending, ties by source', key: 'target', descending: false, want: ['batch->api', 'idle->api', 'web->api', 'api->db', 'batch->db', 'INTERNET->web'] },
    { desc: 'target descending, ties by source ascending', key: 'target', descending: true, want: ['INTERNET->web', 'api->db', 'batch->db', 'batch->api', 'idle->api', 'web->api'] },
  ];
  it.each(cases)('$desc', ({ key, descending, want }) => {
    expect(order({ key, descending })).toEqual(want);
  });

  it.each(cases)('does not depend on the order of the input: $desc', ({ key, descending, want }) => {
    const reversed = view([], [...EDGES].reverse());
    const shuffled = view([], [EDGES[3], EDGES[0], EDGES[5], EDGES[2], EDGES[4], EDGES[1]].filter((e) => e !== undefined));
    for (const v of [reversed, shuffled]) {
      expect(edgeRows(v, { key, descending }).map((r) => `${r.source}->${r.target}`)).toEqual(want);
    }
  });

  it.each([
    { desc: 'ascending', descending: false },
    { desc: 'descending', descending: true },
  ])('NaN sorts last whatever the direction, on every numeric key: $desc', ({ descending }) => {
    for (const key of ['rate', 'errorShare', 'latency'] as const) {
      const rows = edgeRows(VIEW, { key, descending });
      const firstNaN = rows.findIndex((r) => Number.isNaN(r[key]));
      if (firstNaN >= 0) expect(rows.slice(firstNaN).every((r) => Number.isNaN(r[key]))).toBe(true);
    }
  });
});

describe('edgeRows: the rows', () => {
  it('carry the edge numbers and health, one row per edge', () => {
    const rows = edgeRows(VIEW, { key: 'source', descending: false });
    expect(rows).toHaveLength(EDGES.length);
    expect(rows.find((r) => r.source === 'web')).toEqual({ source: 'web', target: 'api', rate: 60, errorShare: 10 / 60, latency: 0.12, health: 'danger', change: NaN });
    expect(rows.find((r) => r.source === 'idle')).toMatchObject({ rate: 0, health: 'normal' });
  });

  it('an empty view gives no rows', () => {
    expect(edgeRows(view([], []), { key: 'rate', descending: true })).toEqual([]);
  });

  it('leave the view untouched', () => {
    const before = VIEW.edges.map((e) => e.source);
    edgeRows(VIEW, { key: 'rate', descending: false });
    expect(VIEW.edges.map((e) => e.source)).toEqual(before);
  });
});

describe('edgeRows: the baseline', () => {
  const withBaseline = view([], [
    { ...edge('web', 'api', stats({ '2xx': 20 })), baseline: { rate: 100, change: -0.8, verdict: 'drop' as const } },
    { ...edge('api', 'db', stats({ '2xx': 30 })), baseline: { rate: 10, change: 2, verdict: 'surge' as const } },
    { ...edge('batch', 'db', stats({ '2xx': 5 })), baseline: { rate: NaN, change: NaN, verdict: 'none' as const } },
    { ...edge('INTERNET', 'web', stats({ '2xx': 100 })), baseline: { rate: 95, change: 100 / 95 - 1, verdict: 'normal' as const } },
  ]);
  it.each([
    { desc: 'by change ascending: the worst drop first, no baseline last', descending: false, want: ['web->api', 'INTERNET->web', 'api->db', 'batch->db'] },
    { desc: 'by change descending: the biggest surge first, no baseline still last', descending: true, want: ['api->db', 'INTERNET->web', 'web->api', 'batch->db'] },
  ])('$desc', ({ descending, want }) => {
    expect(edgeRows(withBaseline, { key: 'change', descending }).map((r) => `${r.source}->${r.target}`)).toEqual(want);
  });
  it('rows carry the comparison', () => {
    expect(edgeRows(withBaseline, { key: 'rate', descending: true }).find((r) => r.source === 'web')?.baseline).toEqual({ rate: 100, change: -0.8, verdict: 'drop' });
  });
});
