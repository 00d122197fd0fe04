import { describe, expect, it } from 'vitest';
import { addRate, emptyAccumulator } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import { INTERNET } from './types.ts';
import type { DatacenterId, NodeId, NodeKind, StatusClass, Thresholds } from './types.ts';
import { ViewBuilder } from './views.ts';

const T: Thresholds = { warning: 0.01, danger: 0.05, errorClasses: ['5xx'], minRate: 0.1 };

function acc(rates: Partial<Record<StatusClass, number>>, latency = NaN): StatsAccumulator {
  const a = emptyAccumulator();
  for (const [cls, value] of Object.entries(rates) as [StatusClass, number][]) addRate(a, cls, value);
  a.latency = latency;
  return a;
}

const svc = (id: string) => ({ id: id as NodeId, kind: 'service' as NodeKind, datacenter: 'eu' as DatacenterId });
const internet = { id: INTERNET, kind: 'internet' as NodeKind };

/** INTERNET -> a -> b, a -> c (c fails 10 % of its calls), b -> c. */
function builder(thresholds: Thresholds = T): ViewBuilder {
  const b = new ViewBuilder(thresholds);
  b.addEdge(internet, svc('a'), { acc: acc({ '2xx': 100 }) });
  b.addEdge(svc('a'), svc('b'), { acc: acc({ '2xx': 50 }) });
  b.addEdge(svc('a'), svc('c'), { acc: acc({ '2xx': 9, '5xx': 1 }) });
  b.addEdge(svc('b'), svc('c'), { acc: acc({ '2xx': 1 }) });
  return b;
}

describe('ViewBuilder.build: nodes', () => {
  it('has every key of its placed node, its sums and its verdict, and no key left undefined', () => {
    const { view } = builder().build('datacenter', 'eu');
    const byId = new Map(view.nodes.map((n) => [n.id, n]));
    expect(Object.keys(byId.get(INTERNET) ?? {})).toEqual(['id', 'kind', 'incoming', 'outgoing', 'health']);
    expect(Object.keys(byId.get('a' as NodeId) ?? {})).toEqual(['id', 'kind', 'datacenter', 'incoming', 'outgoing', 'health']);
    // c receives 11 req/s, 1 of them an error: 9.1 % >= danger 5 %.
    expect(byId.get('c' as NodeId)).toMatchObject({ id: 'c', kind: 'service', datacenter: 'eu', health: 'danger', notice: '9.1% errors' });
    expect(Object.keys(byId.get('c' as NodeId) ?? {})).toEqual(['id', 'kind', 'datacenter', 'incoming', 'outgoing', 'health', 'notice', 'healthReason']);
  });

  it('keeps the reason of the rule when the thresholds explain themselves (latency limits)', () => {
    const { view } = builder({ ...T, latency: { warning: 0.3, danger: 1 } }).build('datacenter', 'eu');
    const b = view.nodes.find((n) => n.id === 'b');
    expect(b?.healthReason).toMatch(/^within the default/);
    expect(Object.keys(b ?? {})).toEqual(['id', 'kind', 'datacenter', 'incoming', 'outgoing', 'health', 'healthReason']);
  });
});

describe('ViewBuilder.ranking', () => {
  it('gives every node, in the order added, with the incoming plus outgoing rate its built stats hold', () => {
    const b = builder();
    // A second part of a -> b (a pair of two edges): summed as build sums it.
    b.addEdge(svc('a'), svc('b'), { acc: acc({ '2xx': 0.1, '4xx': 0.2 }) });
    const ranked = b.ranking();
    const built = new Map(b.build('datacenter', 'eu').view.nodes.map((n) => [n.id, n.incoming.rate + n.outgoing.rate]));
    expect(ranked.map((n) => n.id)).toEqual([INTERNET, 'a', 'b', 'c']);
    for (const n of ranked) expect(n.rate).toBe(built.get(n.id));
    // a: 100 in, 50 + 0.3 + 10 out.
    expect(ranked.find((n) => n.id === 'a')?.rate).toBeCloseTo(160.3, 9);
    expect(ranked.find((n) => n.id === 'a')?.kind).toBe('service');
    expect(b.size).toBe(4);
  });
});

describe('ViewBuilder.fold: nodes folded into another, as if the edges had been added between them', () => {
  const more = { id: '…2 more' as NodeId, kind: 'more' as NodeKind, datacenter: 'eu' as DatacenterId };
  /** The same edges as `builder()`, plus a second a -> b edge and one more into c (parts of one pair). */
  const edges = (): [ReturnType<typeof svc> | typeof internet, ReturnType<typeof svc> | typeof internet, { acc: StatsAccumulator; callee?: StatsAccumulator }][] => [
    [internet, svc('a'), { acc: acc({ '2xx': 100 }, 0.1) }],
    [svc('a'), svc('b'), { acc: acc({ '2xx': 50 }, 0.2), callee: acc({ '2xx': 49 }) }],
    [svc('a'), svc('c'), { acc: acc({ '2xx': 9, '5xx': 1 }, 0.3) }],
    [svc('b'), svc('c'), { acc: acc({ '2xx': 1 }, 0.4), callee: acc({ '2xx': 1 }) }],
    [svc('a'), svc('b'), { acc: acc({ '4xx': 3 }, 0.5) }],
    [internet, svc('c'), { acc: acc({ '2xx': 7 }) }],
  ];
  const cases: { desc: string; folded: string[] }[] = [
    { desc: 'two callees folded: their edges from a and from the internet merge', folded: ['b', 'c'] },
    { desc: 'a caller and a callee folded: the edge between them becomes a self edge of the fold', folded: ['a', 'c'] },
    { desc: 'nothing folded: the same view', folded: [] },
  ];
  it.each(cases)('$desc', ({ folded }) => {
    const rename = (n: { id: NodeId }) => (folded.includes(n.id) ? more : null);
    const first = new ViewBuilder(T);
    const direct = new ViewBuilder(T);
    for (const [s, t, e] of edges()) {
      first.addEdge(s, t, e);
      direct.addEdge(rename(s) ?? s, rename(t) ?? t, e);
    }
    const want = direct.build('datacenter', 'eu');
    const got = first.fold(rename).build('datacenter', 'eu');
    expect(got).toEqual(want);
    expect(got.view.nodes.map((n) => n.id)).toEqual(want.view.nodes.map((n) => n.id));
    if (folded.length > 0) expect(got.view.nodes.some((n) => n.id === more.id)).toBe(true);
  });
});
