import { describe, expect, it } from 'vitest';
import { smallGraph } from '../app/__fixtures__/graph.ts';
import type { BaselineComparison, TrafficGraph, TrafficView } from '../graph/types.ts';
import { toVizceralTraffic } from './traffic.ts';
import type { VizNode } from './traffic.ts';

// The small graph (app/__fixtures__/graph.ts), eu: INTERNET -> web, web -> api (17 % errors), api -> postgres, web -> dc:us.
const DROP: BaselineComparison = { rate: 100, change: -0.82, verdict: 'drop' };
const SURGE: BaselineComparison = { rate: 10, change: 1.5, verdict: 'surge' };
const NORMAL: BaselineComparison = { rate: 100, change: -0.1, verdict: 'normal' };
const NONE: BaselineComparison = { rate: NaN, change: NaN, verdict: 'none' };

function compared(nodes: Record<string, BaselineComparison>, edges: Record<string, BaselineComparison>): TrafficGraph {
  const g = smallGraph();
  const view = (v: TrafficView): TrafficView => ({
    ...v,
    nodes: v.nodes.map((n) => (Object.hasOwn(nodes, n.id) ? { ...n, baseline: nodes[n.id] as BaselineComparison } : n)),
    edges: v.edges.map((e) => (Object.hasOwn(edges, `${e.source}>${e.target}`) ? { ...e, baseline: edges[`${e.source}>${e.target}`] as BaselineComparison } : e)),
  });
  return { ...g, global: view(g.global), datacenters: Object.fromEntries(Object.entries(g.datacenters).map(([k, v]) => [k, view(v)])) };
}

const eu = (t: VizNode) => t.nodes?.find((n) => n.name === 'eu');
const OPTIONS = { errorClasses: ['5xx' as const, 'none' as const], updated: 1, baseline: '7d' };

describe('toVizceralTraffic: notices of the baseline', () => {
  const g = compared({ web: DROP, postgres: SURGE, api: NONE, INTERNET: NORMAL, eu: DROP }, { 'web>api': DROP, 'INTERNET>web': NONE, 'api>postgres': NORMAL });
  const t = toVizceralTraffic(g, OPTIONS);
  const node = (name: string) => eu(t)?.nodes?.find((n) => n.name === name);
  const connection = (s: string, tg: string) => eu(t)?.connections?.find((c) => c.source === s && c.target === tg);
  it.each([
    { desc: 'a healthy node with a drop: the drop alone, danger', got: () => node('web')?.notices, want: [{ title: '\u25BC \u221282 % vs last week', severity: 2 }] },
    { desc: 'a warning node with a surge: both, the surge a warning', got: () => node('postgres')?.notices, want: [{ title: '3.0% errors', severity: 1 }, { title: '\u25B2 +150 % vs last week', severity: 1 }] },
    { desc: 'no baseline: no notice (the table and details say so)', got: () => node('api')?.notices, want: [{ title: '17% errors', severity: 2 }] },
    { desc: 'normal: no notice', got: () => node('INTERNET')?.notices, want: undefined },
    { desc: 'an edge with a drop, after its error notice', got: () => connection('web', 'api')?.notices, want: [{ title: '17% errors', severity: 2 }, { title: '\u25BC \u221282 % vs last week', severity: 2 }] },
    { desc: 'an edge without a baseline: nothing', got: () => connection('INTERNET', 'web')?.notices, want: undefined },
    { desc: 'a datacenter of the global view carries its own', got: () => eu(t)?.notices?.at(-1), want: { title: '\u25BC \u221282 % vs last week', severity: 2 } },
  ])('$desc', ({ got, want }) => expect(got()).toEqual(want));

  it.each([
    { desc: 'a drop: ▼ after the label', name: 'web', label: 'web \u25BC' },
    { desc: 'a surge: ▲ after the label', name: 'postgres', label: 'postgres \u25B2' },
    { desc: 'no baseline: the label alone', name: 'api', label: 'api' },
    { desc: 'normal: the label alone', name: 'INTERNET', label: 'INTERNET' },
  ])('the label carries the mark: $desc', ({ name, label }) => expect(node(name)?.displayName).toBe(label));

  it('baseline off (no offset in the options): no baseline notices at all', () => {
    const off = toVizceralTraffic(g, { errorClasses: OPTIONS.errorClasses, updated: 1 });
    expect(eu(off)?.nodes?.find((n) => n.name === 'web')?.notices).toBeUndefined();
  });
});
