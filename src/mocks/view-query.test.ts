import { describe, expect, it } from 'vitest';
import { buildQueries } from '../conventions/queries.ts';
import { readLatencyRows, readRateRows } from '../conventions/rows.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { QueryKind } from '../conventions/types.ts';
import { buildServiceListQuery, SERVICE_LIST_LABELS } from '../conventions/serviceListQuery.ts';
import { buildViewQueries, viewConvention } from '../conventions/viewQueries.ts';
import { buildGraph } from '../graph/build.ts';
import type { GroupSource, ViewScope } from '../graph/scope.ts';
import { buildScopedGraph, MORE_NODE } from '../graph/scopedBuild.ts';
import { groupsOf, readServiceList } from '../graph/serviceList.ts';
import { RowList } from '../graph/rowSource.ts';
import type { BuildParams, LatencyRow, RateRow, TrafficGraph, TrafficInput, TrafficView } from '../graph/types.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { trafficAt } from './platform/model.ts';
import { instantQuery } from './prometheus-api.ts';

/**
 * The view queries through the simulated Prometheus and the scoped build, against the whole
 * platform read the old way and built whole: every level must tell the same numbers (group edges
 * the sums of their service edges), reading only what it draws.
 */
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const model = (t: number) => trafficAt(t, { schedule: false });
const rule: GroupSource = { kind: 'rule', regex: '([^-]+)-.+' };
const PARAMS: BuildParams = {
  thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 },
  internetPeers: standardConvention.internetPeers, maxNodesPerView: 150,
};

function answer(promql: string): readonly InstantSample[] {
  const a = instantQuery(promql, T0, model);
  if (a.body.status !== 'success') throw new Error(a.body.error);
  return (a.body.data as { result: readonly InstantSample[] }).result;
}

function read(queries: readonly { kind: QueryKind; promql: string }[], view: ViewScope | null): TrafficInput & { bytes: number } {
  const convention = view ? viewConvention(standardConvention, view.level === 'global' ? undefined : view.dc) : standardConvention;
  const lists = { egressRate: new RowList<RateRow>(), ingressRate: new RowList<RateRow>(), egressLatency: new RowList<LatencyRow>(), ingressLatency: new RowList<LatencyRow>() };
  let bytes = 0;
  for (const q of queries) {
    const samples = answer(q.promql);
    bytes += JSON.stringify(samples).length;
    if (q.kind === 'egressRate' || q.kind === 'ingressRate') { const r = readRateRows(convention, q.kind, samples); lists[q.kind].add(r.source, r.size); }
    else { const r = readLatencyRows(convention, q.kind, samples); lists[q.kind].add(r.source, r.size); }
  }
  return { ...lists, bytes };
}

const whole = read(buildQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 }), null);
const wholeGraph: TrafficGraph = buildGraph(whole, PARAMS);
const list = readServiceList(answer(buildServiceListQuery(standardConvention, rule)), SERVICE_LIST_LABELS);

function scoped(scope: ViewScope, params: BuildParams = PARAMS): { view: TrafficView; bytes: number; problems: TrafficGraph['problems'] } {
  const input = read(buildViewQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95, grouping: rule }, scope), scope);
  const g = buildScopedGraph(input, params, scope, { ...(scope.level !== 'global' ? { groups: groupsOf(list, scope.dc) } : {}), datacenters: ['eu-west', 'us-east'] });
  const view = scope.level === 'global' ? g.global : (g.datacenters[scope.dc] as TrafficView);
  return { view, bytes: input.bytes, problems: g.problems };
}

const rate = (v: TrafficView, s: string, t: string) => v.edges.find((e) => e.source === s && e.target === t)?.stats.rate;

describe('view queries, simulated Prometheus and scoped build', () => {
  it('answers the recorded-series form of every level (config recordingRules) as the raw one', () => {
    const scopes: ViewScope[] = [{ level: 'global' }, { level: 'datacenter', dc: 'eu-west', grouped: true }, { level: 'group', dc: 'eu-west', group: 'frontend' }, { level: 'focus', dc: 'eu-west', service: 'checkout' }];
    for (const scope of scopes) {
      const raw = buildViewQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95, grouping: rule }, scope);
      const recorded = buildViewQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95, grouping: rule, recorded: true }, scope);
      expect(recorded.map((q) => answer(q.promql))).toEqual(raw.map((q) => answer(q.promql)));
    }
    expect(answer(buildServiceListQuery(standardConvention, rule, undefined, '1m'))).toEqual(answer(buildServiceListQuery(standardConvention, rule)));
  });

  it('the service list has every service with its group', () => {
    expect(list.services.get('eu-west')?.get('frontend-ssr')).toBe('frontend');
    expect(list.services.get('eu-west')?.get('checkout')).toBe('checkout');
    expect([...groupsOf(list, 'eu-west').keys()]).toContain('edge');
  });

  it('global: the datacenter to datacenter and internet edges of the whole build', () => {
    const { view } = scoped({ level: 'global' });
    expect(view.edges.length).toBe(wholeGraph.global.edges.length);
    for (const e of wholeGraph.global.edges) expect(rate(view, e.source, e.target)).toBeCloseTo(e.stats.rate, 6);
    expect(view.nodes.every((n) => n.kind !== 'service')).toBe(true);
  });

  it('flat datacenter: the whole build\'s datacenter view', () => {
    const { view } = scoped({ level: 'datacenter', dc: 'eu-west', grouped: false });
    const want = wholeGraph.datacenters['eu-west'] as TrafficView;
    expect(view.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(want.edges.map((e) => `${e.source}>${e.target}`).sort());
    for (const e of want.edges) expect(rate(view, e.source, e.target)).toBeCloseTo(e.stats.rate, 6);
  });

  it('grouped datacenter: a group edge is the sum of its service edges, its error share errors over total', () => {
    const { view } = scoped({ level: 'datacenter', dc: 'eu-west', grouped: true });
    const want = wholeGraph.datacenters['eu-west'] as TrafficView;
    // The rule applies to every name, callees without metrics too (payment-provider -> payment).
    const group = (id: string) => (id.startsWith('dc:') ? id : /^(?:([^-]+)-.+)$/s.exec(id)?.[1] ?? id);
    const sums = new Map<string, { rate: number; errors: number }>();
    for (const e of want.edges) {
      const key = `${group(e.source)}>${group(e.target)}`;
      const s = sums.get(key) ?? { rate: 0, errors: 0 };
      sums.set(key, { rate: s.rate + e.stats.rate, errors: s.errors + e.stats.byClass['5xx'] + e.stats.byClass.none });
    }
    expect(view.nodes.find((n) => n.id === 'frontend')?.kind).toBe('group');
    for (const [key, s] of sums) {
      const [src = '', dst = ''] = key.split('>');
      const got = view.edges.find((e) => e.source === src && e.target === dst);
      expect(got?.stats.rate, key).toBeCloseTo(s.rate, 6);
      if (s.rate > 0) expect(got?.stats.errorShare, key).toBeCloseTo(s.errors / s.rate, 6);
    }
  });

  it('group: its services by name, its neighbours as groups, nothing unrelated', () => {
    const { view } = scoped({ level: 'group', dc: 'eu-west', group: 'frontend' });
    const ids = view.nodes.map((n) => n.id);
    expect(ids).toContain('frontend-ssr');
    expect(ids).toContain('user');
    expect(ids).not.toContain('user-profile');
    expect(view.edges.every((e) => e.source === 'frontend-ssr' || e.target === 'frontend-ssr')).toBe(true);
    const want = wholeGraph.datacenters['eu-west'] as TrafficView;
    expect(rate(view, 'frontend-ssr', 'checkout')).toBeCloseTo(rate(want, 'frontend-ssr', 'checkout') ?? NaN, 6);
  });

  it('focus: the service\'s edges of the whole build, and fewer bytes than the whole platform', () => {
    const { view, bytes } = scoped({ level: 'focus', dc: 'eu-west', service: 'checkout' });
    const want = (wholeGraph.datacenters['eu-west'] as TrafficView).edges.filter((e) => e.source === 'checkout' || e.target === 'checkout');
    expect(view.kind).toBe('focus');
    expect(view.edges.length).toBe(want.length);
    for (const e of want) expect(rate(view, e.source, e.target)).toBeCloseTo(e.stats.rate, 6);
    expect(bytes).toBeLessThan(whole.bytes / 5);
  });

  it('a capped view folds its quieter nodes into one that carries their traffic, and says so', () => {
    const { view, problems } = scoped({ level: 'datacenter', dc: 'eu-west', grouped: false }, { ...PARAMS, maxNodesPerView: 8 });
    expect(view.nodes.length).toBeLessThanOrEqual(8);
    const more = view.nodes.find((n) => n.kind === 'more');
    expect(more?.id.startsWith(MORE_NODE)).toBe(true);
    expect(more?.hidden).toBeGreaterThan(0);
    expect(more?.incoming.rate).toBeGreaterThan(0);
    expect(problems.some((p) => p.kind === 'capped')).toBe(true);
  });
});
