import { describe, expect, it } from 'vitest';
import { smallGraph } from '../app/__fixtures__/graph.ts';
import { buildGraph } from '../graph/build.ts';
import { INTERNET } from '../graph/types.ts';
import type { NodeId, StatusClass, TrafficNode } from '../graph/types.ts';
import { nodeIdOf } from '../graph/views.ts';
import { displayName, ROOT_NAME, toVizceralTraffic } from './traffic.ts';
import type { TrafficOptions, VizConnection, VizNode } from './traffic.ts';

// The small graph (see app/__fixtures__/graph.ts):
// eu: INTERNET -> web (2xx 100, 4xx 5), web -> api (2xx 50, 5xx 10), api -> postgres (2xx 97, 5xx 3), web -> dc:us (2xx 20)
// us: INTERNET -> search (2xx 40), dc:eu -> search (2xx 20)
const graph = smallGraph();
const UPDATED = 1_735_732_800_000;
const OPTIONS: TrafficOptions = { errorClasses: ['5xx', 'none'], updated: UPDATED };

const byName = (nodes: readonly VizNode[] | undefined, name: string): VizNode | undefined => nodes?.find((n) => n.name === name);
const conn = (v: VizNode | undefined, source: string, target: string): VizConnection | undefined =>
  v?.connections?.find((c) => c.source === source && c.target === target);
const region = (t: VizNode, name: string): VizNode | undefined => byName(t.nodes, name);
const names = (nodes: readonly VizNode[] | undefined): string[] => (nodes ?? []).map((n) => n.name).sort();
const volume = (c: VizConnection): number => c.metrics.normal + c.metrics.warning + c.metrics.danger;

describe('toVizceralTraffic: the global level', () => {
  const t = toVizceralTraffic(graph, OPTIONS);

  it('root is the global renderer, named edge, stamped with the update time', () => {
    expect({ name: t.name, renderer: t.renderer, updated: t.updated }).toEqual({ name: ROOT_NAME, renderer: 'global', updated: UPDATED });
  });

  it('has INTERNET and one region per datacenter', () => {
    expect(names(t.nodes)).toEqual(['eu', 'INTERNET', 'us'].sort());
    const regions = (t.nodes ?? []).filter((n) => n.nodes !== undefined).map((n) => n.name).sort();
    expect(regions).toEqual(['eu', 'us']);
    for (const name of regions) expect(region(t, name)?.renderer).toBe('region');
  });

  it('the INTERNET node has no inner graph', () => {
    const internet = region(t, 'INTERNET');
    expect(internet?.nodes).toBeUndefined();
    expect(internet?.class).toBe('normal');
  });

  it('connections between INTERNET and the datacenters, with the traffic of each', () => {
    const list = (t.connections ?? []).map((c) => `${c.source}->${c.target} ${volume(c)}`).sort();
    expect(list).toEqual(['eu->us 20', 'INTERNET->eu 105', 'INTERNET->us 40'].sort());
  });

  it('a datacenter takes the health of its worst service, and names it', () => {
    expect(region(t, 'eu')?.class).toBe('danger');
    expect(region(t, 'eu')?.notices).toEqual([{ title: 'api: 17% errors', severity: 2 }]);
    expect(region(t, 'us')?.class).toBe('normal');
    expect(region(t, 'us')?.notices).toBeUndefined();
  });

  it('global connections keep their health class but carry no notice (it would cover the internet node)', () => {
    const unhealthy = graph.global.edges.filter((e) => e.health !== 'normal' && e.notice);
    for (const e of unhealthy) {
      const c = (t.connections ?? []).find((x) => x.source === e.source && x.target === e.target);
      expect(c?.class).toBe(e.health);
    }
    expect((t.connections ?? []).every((c) => c.notices === undefined)).toBe(true);
  });
});

describe('toVizceralTraffic: regions', () => {
  const t = toVizceralTraffic(graph, OPTIONS);
  const eu = region(t, 'eu');
  const us = region(t, 'us');

  it('each region enters at INTERNET and carries its datacenter nodes', () => {
    expect(eu?.entryNode).toBe('INTERNET');
    expect(us?.entryNode).toBe('INTERNET');
    expect(names(eu?.nodes)).toEqual(['api', 'dc:us', 'INTERNET', 'postgres', 'web'].sort());
    expect(names(us?.nodes)).toEqual(['dc:eu', 'INTERNET', 'search'].sort());
    expect(eu?.updated).toBe(UPDATED);
  });

  it('the node of another datacenter is shown with a readable name, under its id', () => {
    expect(byName(eu?.nodes, 'dc:us')?.displayName).toBe('us (other DC)');
    expect(byName(us?.nodes, 'dc:eu')?.displayName).toBe('eu (other DC)');
    expect(byName(eu?.nodes, 'web')?.displayName).toBe('web');
    expect(byName(eu?.nodes, 'dc:us')?.metadata).toMatchObject({ kind: 'remote', title: 'us (other DC)' });
  });

  it.each([
    { desc: 'healthy edge', source: 'INTERNET', target: 'web', cls: 'normal', notices: undefined },
    { desc: 'warning edge (3% errors)', source: 'api', target: 'postgres', cls: 'warning', notices: [{ title: '3.0% errors', severity: 1 }] },
    { desc: 'danger edge (10 of 60 failed)', source: 'web', target: 'api', cls: 'danger', notices: [{ title: '17% errors', severity: 2 }] },
    { desc: 'cross-datacenter edge', source: 'web', target: 'dc:us', cls: 'normal', notices: undefined },
  ])('class and notices from health: $desc', ({ source, target, cls, notices }) => {
    const c = conn(eu, source, target);
    expect(c?.class).toBe(cls);
    expect(c?.notices).toEqual(notices);
    if (!notices) expect(c && 'notices' in c).toBe(false);
  });

  it.each([
    { desc: 'healthy node', name: 'web', cls: 'normal', notices: undefined },
    { desc: 'warning node (external callee)', name: 'postgres', cls: 'warning', notices: [{ title: '3.0% errors', severity: 1 }] },
    { desc: 'danger node', name: 'api', cls: 'danger', notices: [{ title: '17% errors', severity: 2 }] },
    { desc: 'the internet', name: 'INTERNET', cls: 'normal', notices: undefined },
  ])('node class and notices from health: $desc', ({ name, cls, notices }) => {
    const n = byName(eu?.nodes, name);
    expect(n?.class).toBe(cls);
    expect(n?.notices).toEqual(notices);
  });

  it('a healthy node with a notice text still shows no notice', () => {
    const g = { ...graph, global: { ...graph.global, nodes: graph.global.nodes.map((n) => (n.id === 'us' ? { ...n, notice: 'not shown' } : n)) } };
    expect(region(toVizceralTraffic(g, OPTIONS), 'us')?.notices).toBeUndefined();
  });
});

describe('toVizceralTraffic: particles split by the error classes', () => {
  const cases: { desc: string; errorClasses: StatusClass[]; source: string; target: string; want: { normal: number; warning: number; danger: number } }[] = [
    { desc: '5xx counted as errors', errorClasses: ['5xx', 'none'], source: 'web', target: 'api', want: { normal: 50, warning: 0, danger: 10 } },
    { desc: '4xx is normal by default', errorClasses: ['5xx', 'none'], source: 'INTERNET', target: 'web', want: { normal: 105, warning: 0, danger: 0 } },
    { desc: '4xx red when configured as an error', errorClasses: ['4xx', '5xx'], source: 'INTERNET', target: 'web', want: { normal: 100, warning: 0, danger: 5 } },
    { desc: 'no error classes: everything normal', errorClasses: [], source: 'web', target: 'api', want: { normal: 60, warning: 0, danger: 0 } },
    { desc: 'only 2xx traffic', errorClasses: ['5xx', 'none'], source: 'web', target: 'dc:us', want: { normal: 20, warning: 0, danger: 0 } },
  ];
  it.each(cases)('$desc', ({ errorClasses, source, target, want }) => {
    const t = toVizceralTraffic(graph, { ...OPTIONS, errorClasses });
    expect(conn(region(t, 'eu'), source, target)?.metrics).toEqual(want);
  });

  it('normal + danger is the edge rate on every connection of every level', () => {
    const t = toVizceralTraffic(graph, OPTIONS);
    const views = [graph.global, ...Object.values(graph.datacenters)];
    const vizLevels = [t, ...views.slice(1).map((v) => region(t, v.datacenter))];
    views.forEach((v, i) => {
      for (const e of v.edges) {
        const c = conn(vizLevels[i], e.source, e.target);
        expect(c && volume(c)).toBeCloseTo(e.stats.rate, 9);
        expect(c && Math.min(c.metrics.normal, c.metrics.danger)).toBeGreaterThanOrEqual(0);
      }
    });
  });
});

describe('toVizceralTraffic: the focused service', () => {
  const t = toVizceralTraffic(graph, { ...OPTIONS, focus: { datacenter: 'eu', service: 'api' } });
  const eu = region(t, 'eu');
  const api = byName(eu?.nodes, 'api');

  it('carries its own nodes and connections: itself, callers, callees', () => {
    expect(api?.renderer).toBe('focused');
    expect(api?.entryNode).toBe('api');
    expect(names(api?.nodes)).toEqual(['api', 'postgres', 'web']);
    expect((api?.connections ?? []).map((c) => `${c.source}->${c.target}`).sort()).toEqual(['api->postgres', 'web->api']);
    expect(api?.updated).toBe(UPDATED);
  });

  it('marks only the center as focused', () => {
    expect((api?.nodes ?? []).filter((n) => n.focused).map((n) => n.name)).toEqual(['api']);
  });

  it('keeps the health of the focused node and its connections', () => {
    expect(api?.class).toBe('danger');
    expect(conn(api, 'web', 'api')?.metrics).toEqual({ normal: 50, warning: 0, danger: 10 });
  });

  it('no other node of the region, and no node of another region, gets an inner graph', () => {
    expect((eu?.nodes ?? []).filter((n) => n.nodes !== undefined).map((n) => n.name)).toEqual(['api']);
    expect((region(t, 'us')?.nodes ?? []).some((n) => n.nodes !== undefined || n.renderer === 'focused')).toBe(false);
  });

  it.each([
    { desc: 'another datacenter', focus: { datacenter: 'us', service: 'api' } },
    { desc: 'a service that does not exist', focus: { datacenter: 'eu', service: 'ghost' } },
  ])('a focus on $desc changes nothing in eu', ({ focus }) => {
    const other = region(toVizceralTraffic(graph, { ...OPTIONS, focus }), 'eu');
    expect(other).toEqual(region(toVizceralTraffic(graph, OPTIONS), 'eu'));
    expect((other?.nodes ?? []).some((n) => n.renderer === 'focused')).toBe(false);
  });

  it('a focused service whose only edge has rate 0: centre focused, maxVolume 0 (finite)', () => {
    const g = buildGraph(
      { egressRate: [], ingressRate: [{ datacenter: 'eu', service: 'idle', peerDatacenter: '', peerService: 'internet', statusClass: '2xx', value: 0 }], egressLatency: [], ingressLatency: [] },
      { thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx'], minRate: 0.05 }, datacenters: ['eu'], internetPeers: ['internet'], maxNodesPerView: 10 },
    );
    const idle = byName(region(toVizceralTraffic(g, { ...OPTIONS, focus: { datacenter: 'eu', service: 'idle' } }), 'eu')?.nodes, 'idle');
    expect(idle?.renderer).toBe('focused');
    expect(idle?.nodes?.find((n) => n.name === 'idle')?.focused).toBe(true);
    expect(idle?.maxVolume).toBe(0);
  });
});

describe('toVizceralTraffic: maxVolume', () => {
  const t = toVizceralTraffic(graph, { ...OPTIONS, focus: { datacenter: 'eu', service: 'api' } });
  const levels: { desc: string; node: VizNode | undefined }[] = [
    { desc: 'global', node: t },
    { desc: 'region eu', node: region(t, 'eu') },
    { desc: 'region us', node: region(t, 'us') },
    { desc: 'focused api', node: byName(region(t, 'eu')?.nodes, 'api') },
  ];
  it.each(levels)('$desc: positive, finite, and above its busiest connection', ({ node: n }) => {
    const max = n?.maxVolume ?? NaN;
    expect(Number.isFinite(max)).toBe(true);
    expect(max).toBeGreaterThan(0);
    const busiest = Math.max(...(n?.connections ?? []).map(volume));
    expect(busiest).toBeGreaterThan(0);
    expect(max).toBeGreaterThanOrEqual(busiest);
  });

  it('an empty graph gives finite zeros, not NaN', () => {
    const empty = buildGraph({ egressRate: [], ingressRate: [], egressLatency: [], ingressLatency: [] }, {
      thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx'], minRate: 0.05 }, datacenters: ['eu'], internetPeers: ['internet'], maxNodesPerView: 10,
    });
    const e = toVizceralTraffic(empty, OPTIONS);
    expect(e.maxVolume).toBe(0);
    expect(region(e, 'eu')?.maxVolume).toBe(0);
    expect(region(e, 'eu')?.nodes).toEqual([]);
  });
});

describe('displayName', () => {
  const n = (id: string, kind: TrafficNode['kind'], datacenter?: string): TrafficNode => ({
    id: id as NodeId, kind, ...(datacenter ? { datacenter: datacenter as TrafficNode['datacenter'] } : {}),
    incoming: graph.global.nodes[0]!.incoming, outgoing: graph.global.nodes[0]!.outgoing, health: 'normal',
  });
  it.each([
    { desc: 'a remote node: its datacenter, marked', node: n('dc:us-east', 'remote', 'us-east'), want: 'us-east (other DC)' },
    { desc: 'a remote node without datacenter: its id', node: n('dc:x', 'remote'), want: 'dc:x' },
    { desc: 'a service: its name', node: n('checkout', 'service', 'eu'), want: 'checkout' },
    { desc: 'an external callee: its name', node: n('psp.example', 'external'), want: 'psp.example' },
    { desc: 'the internet', node: n('INTERNET', 'internet'), want: 'INTERNET' },
    { desc: 'a datacenter', node: n('eu', 'datacenter', 'eu'), want: 'eu' },
    { desc: 'markup stays a plain string', node: n('<b>x</b>', 'service', 'eu'), want: '<b>x</b>' },
  ])('$desc', ({ node: x, want }) => {
    expect(displayName(x)).toBe(want);
  });
});

describe('toVizceralTraffic: caller and callee disagree', () => {
  it('a disagreement is a notice on the edge, even when its health is normal', () => {
    const base = smallGraph();
    const dc = Object.keys(base.datacenters)[0] ?? '';
    const view = base.datacenters[dc];
    const edge = view?.edges[0];
    if (!view || !edge) throw new Error('fixture has no edge');
    const flagged = { ...edge, health: 'normal' as const, disagreement: { kind: 'missing-at-callee' as const, text: 'callee saw 15 of 20 req/s sent' } };
    const graph = { ...base, datacenters: { ...base.datacenters, [dc]: { ...view, edges: [flagged, ...view.edges.slice(1)] } } };
    const t = toVizceralTraffic(graph, OPTIONS);
    const c = (region(t, dc)?.connections ?? []).find((x) => x.source === edge.source && x.target === edge.target);
    expect(c?.notices).toEqual([{ title: 'callee saw 15 of 20 req/s sent', severity: 1 }]);
  });
});

describe('toVizceralTraffic: labels', () => {
  const istio = buildGraph({
    egressRate: [
      ...['reviews-v1', 'reviews-v2', 'reviews-v3'].map((w) => ({ datacenter: 'eu', service: 'productpage-v1.bookinfo', peerService: `${w}.bookinfo`, peerDatacenter: 'eu', statusClass: '2xx' as const, value: 1 })),
      { datacenter: 'eu', service: 'INTERNET', peerService: 'productpage-v1.bookinfo', peerDatacenter: 'eu', statusClass: '2xx' as const, value: 1 },
    ],
    ingressRate: [{ datacenter: 'eu', service: 'istio-ingressgateway.istio-system', peerService: 'internet', peerDatacenter: '', statusClass: '2xx' as const, value: 1 }],
    egressLatency: [], ingressLatency: [],
  }, { thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx'], minRate: 0.05 }, datacenters: ['eu'], internetPeers: ['internet'], maxNodesPerView: 50 });

  it('Istio names read apart: the shared namespace left out, the full name in metadata.title', () => {
    const eu = region(toVizceralTraffic(istio, OPTIONS), 'eu');
    const shown = new Map((eu?.nodes ?? []).map((n) => [n.name, [n.displayName, n.metadata?.['title']]]));
    expect(shown.get('reviews-v3.bookinfo')).toEqual(['reviews-v3', 'reviews-v3.bookinfo']);
    expect(shown.get('productpage-v1.bookinfo')).toEqual(['productpage-v1', 'productpage-v1.bookinfo']);
    expect(shown.get('istio-ingressgateway.istio-system')).toEqual(['…ingressgateway', 'istio-ingressgateway.istio-system']);
    // A service named INTERNET reads INTERNET, apart from the internet node.
    expect(shown.get(nodeIdOf('INTERNET'))).toEqual(['INTERNET', 'INTERNET']);
    expect(shown.get(INTERNET)).toEqual(['INTERNET', 'INTERNET']);
    for (const n of eu?.nodes ?? []) expect(n.displayName?.length).toBeLessThanOrEqual(18);
  });

  it('the config\'s rewrites apply to labels only', () => {
    const t = toVizceralTraffic(istio, { ...OPTIONS, rewrites: [{ match: '^reviews-', replace: 'rv-' }] });
    const n = region(t, 'eu')?.nodes?.find((x) => x.name === 'reviews-v1.bookinfo');
    expect([n?.displayName, n?.metadata?.['title']]).toEqual(['rv-v1', 'reviews-v1.bookinfo']);
  });
});
