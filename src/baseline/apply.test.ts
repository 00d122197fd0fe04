import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from './apply.ts';
import { buildScopedGraph } from '../graph/scopedBuild.ts';
import { input, PARAMS, rate } from '../graph/__fixtures__/rows.ts';
import type { ViewScope } from '../graph/scope.ts';
import type { RateRow, TrafficView } from '../graph/types.ts';

const BOUNDS = { drop: -0.5, surge: 1, minRate: 1 };

/** Builds the view now and compares it with the rows then, as the app does. */
function compared(scope: ViewScope, now: { egressRate: RateRow[]; ingressRate: RateRow[] }, then: { egressRate: RateRow[]; ingressRate: RateRow[] }, context = {}): TrafficView {
  const current = buildScopedGraph(input(now), PARAMS, scope, context);
  const graph = compareWithBaseline(current, then, PARAMS, scope, context, BOUNDS);
  return (scope.level === 'global' ? graph.global : graph.datacenters[scope.dc]) as TrafficView;
}

describe('compareWithBaseline: aggregates are true sums', () => {
  it('a datacenter node of the global view: the sum of every edge into it, then and now', () => {
    // Now: 60 from the internet (two peers) and 20 from us; then: 100 + 100.
    const view = compared({ level: 'global' },
      { ingressRate: [...rate('eu/*', '/internet', { '2xx': 40 }), ...rate('eu/*', '/', { '2xx': 20 })], egressRate: rate('us/*', 'eu/*', { '2xx': 20, '5xx': 0 }) },
      { ingressRate: [...rate('eu/*', '/internet', { '2xx': 60, '4xx': 40 })], egressRate: rate('us/*', 'eu/*', { '2xx': 100 }) });
    const eu = view.nodes.find((n) => n.id === 'eu');
    expect(eu?.incoming.rate).toBe(80);
    expect(eu?.baseline?.rate).toBe(200);
    expect(eu?.baseline?.change).toBeCloseTo(-0.6, 9);
    expect(eu?.baseline?.verdict).toBe('drop');
  });

  it('a group node of a grouped datacenter view: the sum of its edges (status classes then or not)', () => {
    const scope: ViewScope = { level: 'datacenter', dc: 'eu', grouped: true };
    const context = { groups: new Map([['shop', 3], ['pay', 2]]) };
    const view = compared(scope,
      { ingressRate: [...rate('eu/shop', '/internet', { '2xx': 30, '5xx': 10 }), ...rate('eu/pay', 'eu/shop', { '2xx': 9 })], egressRate: [...rate('eu/shop', 'eu/pay', { '2xx': 9, none: 1 })] },
      // Then, total rates only (no class: the baseline queries are light).
      { ingressRate: [...rate('eu/shop', '/internet', { none: 40 }), ...rate('eu/pay', 'eu/shop', { none: 2 })], egressRate: rate('eu/shop', 'eu/pay', { none: 2 }) },
      context);
    const pay = view.nodes.find((n) => n.id === 'pay');
    expect(pay?.kind).toBe('group');
    expect(pay?.baseline?.rate).toBe(2);
    expect(pay?.baseline?.verdict).toBe('surge');
    expect(view.nodes.find((n) => n.id === 'shop')?.baseline).toMatchObject({ rate: 40, change: 0, verdict: 'normal' });
    expect(view.edges.find((e) => e.source === 'shop' && e.target === 'pay')?.baseline?.change).toBeCloseTo(4, 9);
  });

  it('a capped view: the folded node has no baseline, the kept ones have theirs even when quieter then', () => {
    const scope: ViewScope = { level: 'datacenter', dc: 'eu', grouped: false };
    const callees = ['a', 'b', 'c', 'd'];
    const now = { ingressRate: rate('eu/web', '/internet', { '2xx': 100 }), egressRate: callees.flatMap((c, i) => rate('eu/web', `eu/${c}`, { '2xx': 10 * (i + 1) })) };
    const then = { ingressRate: rate('eu/web', '/internet', { '2xx': 100 }), egressRate: callees.flatMap((c, i) => rate('eu/web', `eu/${c}`, { '2xx': 10 * (4 - i) })) };
    const current = buildScopedGraph(input(now), { ...PARAMS, maxNodesPerView: 4 }, scope);
    const graph = compareWithBaseline(current, then, { ...PARAMS, maxNodesPerView: 4 }, scope, {}, BOUNDS);
    const view = graph.datacenters['eu'] as TrafficView;
    const more = view.nodes.find((n) => n.kind === 'more');
    expect(more).toBeDefined();
    expect(more?.baseline).toBeUndefined();
    expect(view.nodes.find((n) => n.id === 'd')?.baseline).toMatchObject({ rate: 10, change: 3, verdict: 'surge' });
  });

  it('no baseline answers at all: every node says no baseline', () => {
    const view = compared({ level: 'datacenter', dc: 'eu', grouped: false },
      { ingressRate: rate('eu/web', '/internet', { '2xx': 100 }), egressRate: rate('eu/web', 'eu/api', { '2xx': 10 }) },
      { ingressRate: [], egressRate: [] });
    expect(view.nodes.map((n) => n.baseline?.verdict)).toEqual(view.nodes.map(() => 'none'));
  });
});

describe('compareWithBaseline: names are data', () => {
  it.each(['__proto__', 'constructor', 'toString'])('a datacenter named %s', (dc) => {
    const rows = { ingressRate: rate(`${dc}/web`, '/internet', { '2xx': 10 }), egressRate: rate(`${dc}/web`, `${dc}/api`, { '2xx': 5 }) };
    const params = { ...PARAMS, datacenters: [dc] };
    const scope: ViewScope = { level: 'datacenter', dc, grouped: false };
    const current = buildScopedGraph(input(rows), params, scope);
    const graph = compareWithBaseline(current, { ingressRate: rate(`${dc}/web`, '/internet', { '2xx': 40 }), egressRate: [] }, params, scope, {}, BOUNDS);
    expect(Object.hasOwn(graph.datacenters, dc)).toBe(true);
    expect(Object.getPrototypeOf(graph.datacenters)).toBe(Object.prototype);
    const view = graph.datacenters[dc] as TrafficView;
    expect(view.nodes.find((n) => n.id === 'web')?.baseline).toMatchObject({ rate: 40, verdict: 'drop' });
    expect(view.nodes.find((n) => n.id === 'api')?.baseline?.verdict).toBe('none');
  });
});
