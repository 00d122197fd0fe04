import { describe, expect, it } from 'vitest';
import { edgeList, input, latency, nodeList, PARAMS, rate, THRESHOLDS } from './__fixtures__/rows.ts';
import { buildGraph } from './build.ts';
import type { BuildParams, Health, TrafficGraph, TrafficInput, TrafficView } from './types.ts';

const viewOf = (g: TrafficGraph, name: string): TrafficView | undefined => (name === 'global' ? g.global : g.datacenters[name]);

describe('buildGraph: which calls become which edges', () => {
  const cases: { desc: string; input: TrafficInput; params?: Partial<BuildParams>; view: string; edges: string[]; nodes?: string[] }[] = [
    {
      desc: 'egress wins over ingress for the same call (no double count)',
      input: input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 10 }), ingressRate: rate('eu/api', 'eu/web', { '2xx': 9.5 }) }),
      view: 'eu',
      edges: ['web->api 10'],
    },
    {
      desc: 'egress wins across datacenters too',
      input: input({ egressRate: rate('eu/web', 'us/api', { '2xx': 4 }), ingressRate: rate('us/api', 'eu/web', { '2xx': 3.9 }) }),
      view: 'us',
      edges: ['dc:eu->api 4'],
    },
    {
      desc: 'egress with and without peer_datacenter for one callee: two series, summed',
      input: input({ egressRate: [...rate('eu/web', 'eu/api', { '2xx': 3 }), ...rate('eu/web', '/api', { '2xx': 2 })], ingressRate: rate('eu/api', '/internet', { '2xx': 1 }) }),
      view: 'eu',
      edges: ['INTERNET->api 1', 'web->api 5'],
    },
    {
      desc: 'ingress-only internet traffic',
      input: input({ ingressRate: rate('eu/lb', '/internet', { '2xx': 50, '4xx': 2 }) }),
      view: 'eu',
      edges: ['INTERNET->lb 52'],
      nodes: ['INTERNET internet', 'lb service@eu'],
    },
    {
      desc: 'ingress without peer_service counts as the internet, summed with "internet"',
      input: input({ ingressRate: [...rate('eu/lb', '/internet', { '2xx': 50 }), ...rate('eu/lb', '/', { '2xx': 3 })] }),
      view: 'eu',
      edges: ['INTERNET->lb 53'],
    },
    {
      desc: 'several internet peers summed on one edge',
      input: input({ ingressRate: [...rate('eu/lb', '/internet', { '2xx': 50 }), ...rate('eu/lb', '/cdn', { '2xx': 20 })] }),
      params: { internetPeers: ['internet', 'cdn'] },
      view: 'eu',
      edges: ['INTERNET->lb 70'],
    },
    {
      desc: 'uninstrumented callee in the datacenter: external node with the datacenter',
      input: input({ egressRate: rate('eu/api', 'eu/postgres', { '2xx': 30 }) }),
      view: 'eu',
      edges: ['api->postgres 30'],
      nodes: ['api service@eu', 'postgres external@eu'],
    },
    {
      desc: 'provider outside (peer_datacenter ""): external node without datacenter',
      input: input({ egressRate: rate('eu/checkout', '/psp.example', { '2xx': 3, none: 0.1 }) }),
      view: 'eu',
      edges: ['checkout->psp.example 3.1'],
      nodes: ['checkout service@eu', 'psp.example external'],
    },
    {
      desc: 'callee without peer_datacenter but instrumented in the caller datacenter: the service',
      input: input({ egressRate: rate('eu/web', '/api', { '2xx': 2 }), ingressRate: rate('eu/api', '/internet', { '2xx': 1 }) }),
      view: 'eu',
      edges: ['INTERNET->api 1', 'web->api 2'],
      nodes: ['api service@eu', 'INTERNET internet', 'web service@eu'],
    },
    {
      desc: 'uninstrumented caller seen on ingress only: external node',
      input: input({ ingressRate: [...rate('eu/api', 'eu/batch', { '2xx': 2 }), ...rate('eu/api', '/legacy-erp', { '2xx': 1 })] }),
      view: 'eu',
      edges: ['batch->api 2', 'legacy-erp->api 1'],
      nodes: ['api service@eu', 'batch external@eu', 'legacy-erp external'],
    },
    {
      desc: 'a caller with ingress metrics only (no egress) is still a service node',
      input: input({ ingressRate: [...rate('eu/api', 'eu/worker', { '2xx': 2 }), ...rate('eu/worker', '/internet', { '2xx': 1 })] }),
      view: 'eu',
      edges: ['INTERNET->worker 1', 'worker->api 2'],
      nodes: ['api service@eu', 'INTERNET internet', 'worker service@eu'],
    },
    {
      desc: 'datacenter view: calls to and from other datacenters go to dc:<other> nodes',
      input: input({
        egressRate: [...rate('eu/web', 'us/search', { '2xx': 5 }), ...rate('us/sync', 'eu/api', { '2xx': 1 }), ...rate('eu/web', 'eu/api', { '2xx': 1 })],
        ingressRate: rate('eu/api', 'eu/web', { '2xx': 1 }),
      }),
      view: 'eu',
      edges: ['dc:us->api 1', 'web->api 1', 'web->dc:us 5'],
      nodes: ['api service@eu', 'dc:us remote@us', 'web service@eu'],
    },
    {
      desc: 'datacenter view: calls between two other datacenters are left out',
      input: input({ egressRate: [...rate('us/a', 'ap/b', { '2xx': 5 }), ...rate('eu/web', 'eu/api', { '2xx': 1 })] }),
      params: { datacenters: ['eu', 'us', 'ap'] },
      view: 'eu',
      edges: ['web->api 1'],
    },
    {
      desc: 'global view: only the internet and traffic between different datacenters',
      input: input({
        ingressRate: [...rate('eu/lb', '/internet', { '2xx': 50 }), ...rate('us/lb', '/internet', { '2xx': 20 })],
        egressRate: [
          ...rate('eu/lb', 'eu/web', { '2xx': 50 }),
          ...rate('eu/web', 'us/search', { '2xx': 5 }),
          ...rate('us/web', 'eu/search', { '2xx': 2 }),
          ...rate('eu/api', 'us/postgres', { '2xx': 1 }),
          ...rate('eu/api', '/psp.example', { '2xx': 1 }),
          ...rate('eu/api', 'eu/postgres', { '2xx': 9 }),
        ],
      }),
      view: 'global',
      edges: ['eu->us 6', 'INTERNET->eu 50', 'INTERNET->us 20', 'us->eu 2'],
      nodes: ['eu datacenter@eu', 'INTERNET internet', 'us datacenter@us'],
    },
    {
      desc: 'global view: listed datacenters without traffic are still shown',
      input: input({}),
      params: { datacenters: ['eu', 'us', 'ap'] },
      view: 'global',
      edges: [],
      nodes: ['ap datacenter@ap', 'eu datacenter@eu', 'INTERNET internet', 'us datacenter@us'],
    },
    {
      desc: 'discovery: datacenters come from the series, sorted',
      input: input({ ingressRate: [...rate('fra1/lb', '/internet', { '2xx': 1 }), ...rate('ams1/lb', '/internet', { '2xx': 1 })] }),
      params: { datacenters: undefined },
      view: 'global',
      edges: ['INTERNET->ams1 1', 'INTERNET->fra1 1'],
      nodes: ['ams1 datacenter@ams1', 'fra1 datacenter@fra1', 'INTERNET internet'],
    },
  ];
  it.each(cases)('$desc', ({ input: data, params, view, edges, nodes }) => {
    const g = buildGraph(data, { ...PARAMS, ...params });
    expect(edgeList(viewOf(g, view))).toEqual(edges);
    if (nodes) expect(nodeList(viewOf(g, view))).toEqual(nodes);
  });
});

describe('buildGraph: stats and health', () => {
  const cases: { desc: string; input: TrafficInput; params?: Partial<BuildParams>; health: Health; share: number; notice?: string }[] = [
    { desc: '5xx-heavy edge in danger', input: input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 85, '5xx': 15 }) }), health: 'danger', share: 0.15, notice: '15% errors' },
    { desc: 'no-response share alone gives a warning', input: input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 97.5, none: 2.5 }) }), health: 'warning', share: 0.025, notice: '2.5% errors' },
    { desc: '4xx-only edge stays normal with default errorClasses', input: input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 10, '4xx': 90 }) }), health: 'normal', share: 0 },
    {
      desc: '4xx counts when errorClasses says so',
      input: input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 10, '4xx': 90 }) }),
      params: { thresholds: { ...THRESHOLDS, errorClasses: ['4xx', '5xx'] } },
      health: 'danger',
      share: 0.9,
      notice: '90% errors',
    },
    { desc: 'all failing but under minRate: normal', input: input({ egressRate: rate('eu/web', 'eu/api', { '5xx': 0.04 }) }), health: 'normal', share: 1 },
    { desc: 'zero traffic: error share NaN, normal', input: input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 0, '5xx': 0 }) }), health: 'normal', share: NaN },
  ];
  it.each(cases)('$desc', ({ input: data, params, health, share, notice }) => {
    const edge = buildGraph(data, { ...PARAMS, ...params }).datacenters.eu?.edges[0];
    expect(edge?.health).toBe(health);
    expect(edge?.notice).toBe(notice);
    if (Number.isNaN(share)) expect(edge?.stats.errorShare).toBeNaN();
    else expect(edge?.stats.errorShare).toBeCloseTo(share, 12);
  });

  it('a node is judged on what it receives; its totals sum its edges', () => {
    const g = buildGraph(
      input({
        ingressRate: rate('eu/web', '/internet', { '2xx': 100 }),
        egressRate: [...rate('eu/web', 'eu/api', { '2xx': 80, '5xx': 20 }), ...rate('eu/web', 'eu/cache', { '2xx': 50 })],
      }),
      PARAMS,
    );
    const web = g.datacenters.eu?.nodes.find((n) => n.id === 'web');
    expect(web).toMatchObject({ health: 'normal', incoming: { rate: 100, errorShare: 0 }, outgoing: { rate: 150 } });
    expect(web?.outgoing.errorShare).toBeCloseTo(20 / 150, 12);
    expect(g.datacenters.eu?.nodes.find((n) => n.id === 'api')).toMatchObject({ health: 'danger', notice: '20% errors' });
  });

  it('latency: the caller view, kept NaN when unknown, ingress latency only for calls ingress owns', () => {
    const g = buildGraph(
      input({
        ingressRate: [...rate('eu/web', '/internet', { '2xx': 10 }), ...rate('eu/api', 'eu/web', { '2xx': 10 })],
        egressRate: [...rate('eu/web', 'eu/api', { '2xx': 10 }), ...rate('eu/web', 'eu/idle', { '2xx': 0 })],
        egressLatency: [latency('eu/web', 'eu/api', 0.2), latency('eu/web', 'eu/idle', NaN)],
        ingressLatency: [latency('eu/web', '/internet', 0.3), latency('eu/api', 'eu/web', 0.15)],
      }),
      PARAMS,
    );
    const edges = Object.fromEntries((g.datacenters.eu?.edges ?? []).map((e) => [`${e.source}->${e.target}`, e.stats.latency]));
    expect(edges).toEqual({ 'INTERNET->web': 0.3, 'web->api': 0.2, 'web->idle': NaN });
  });
});

describe('buildGraph: datacenter health in the global view', () => {
  const cases: { desc: string; input: TrafficInput; health: Health; notice?: string }[] = [
    {
      desc: 'all services normal: normal',
      input: input({ ingressRate: rate('eu/lb', '/internet', { '2xx': 100 }), egressRate: rate('eu/lb', 'eu/web', { '2xx': 100 }) }),
      health: 'normal',
    },
    {
      desc: 'worst service decides and is named',
      input: input({
        egressRate: [...rate('eu/lb', 'eu/web', { '2xx': 100 }), ...rate('eu/web', 'eu/checkout', { '2xx': 8, '5xx': 2 }), ...rate('eu/web', 'eu/cart', { '2xx': 97, '5xx': 3 })],
        // The callees report ingress too (which the callers' egress outranks): they are services.
        ingressRate: [
          ...rate('eu/lb', '/internet', { '2xx': 100 }),
          ...rate('eu/web', 'eu/lb', { '2xx': 100 }),
          ...rate('eu/checkout', 'eu/web', { '2xx': 10 }),
          ...rate('eu/cart', 'eu/web', { '2xx': 100 }),
        ],
      }),
      health: 'danger',
      notice: 'checkout: 20% errors',
    },
    {
      desc: 'a warning service makes a warning datacenter',
      input: input({
        ingressRate: [...rate('eu/lb', '/internet', { '2xx': 100 }), ...rate('eu/web', 'eu/lb', { '2xx': 100 })],
        egressRate: rate('eu/lb', 'eu/web', { '2xx': 97, '5xx': 3 }),
      }),
      health: 'warning',
      notice: 'web: 3.0% errors',
    },
    {
      desc: 'same rank: the service with the higher error share is named',
      input: input({
        ingressRate: [...rate('eu/lb', '/internet', { '2xx': 200 }), ...rate('eu/a', 'eu/lb', { '2xx': 100 }), ...rate('eu/b', 'eu/lb', { '2xx': 100 })],
        egressRate: [...rate('eu/lb', 'eu/a', { '2xx': 90, '5xx': 10 }), ...rate('eu/lb', 'eu/b', { '2xx': 70, '5xx': 30 })],
      }),
      health: 'danger',
      notice: 'b: 30% errors',
    },
    {
      desc: 'failing traffic into the datacenter itself: the failing service is named',
      input: input({ ingressRate: rate('eu/lb', '/internet', { '2xx': 90, '5xx': 10 }) }),
      health: 'danger',
      notice: 'lb: 10% errors',
    },
    {
      desc: 'an unhealthy external node (database) does not colour the datacenter',
      input: input({ ingressRate: rate('eu/api', '/internet', { '2xx': 10 }), egressRate: rate('eu/api', 'eu/postgres', { '2xx': 50, none: 50 }) }),
      health: 'normal',
    },
    {
      // Current rule (views.ts): a node without incoming traffic is judged on what it sends, as the
      // internet is; a service that only calls (a batch job) takes the colour of its callees' errors.
      desc: 'a service without incoming traffic is judged on what it sends',
      input: input({ egressRate: rate('eu/batch', 'eu/postgres', { '2xx': 50, none: 50 }) }),
      health: 'danger',
      notice: 'batch: 50% errors',
    },
    {
      desc: 'an unhealthy remote node does not colour this datacenter',
      input: input({
        egressRate: rate('eu/api', 'us/search', { '2xx': 50, '5xx': 50 }),
        ingressRate: [...rate('eu/api', '/internet', { '2xx': 10 }), ...rate('us/search', '/internet', { '2xx': 1 })],
      }),
      health: 'normal',
    },
  ];
  it.each(cases)('$desc', ({ input: data, health, notice }) => {
    const eu = buildGraph(data, PARAMS).global.nodes.find((n) => n.id === 'eu');
    expect(eu?.kind).toBe('datacenter');
    expect(eu?.health).toBe(health);
    expect(eu?.notice).toBe(notice);
  });
});

describe('buildGraph: cap', () => {
  const busy = input({
    ingressRate: [...rate('eu/lb', '/internet', { '2xx': 100 }), ...rate('eu/flaky', 'eu/web', { '2xx': 1 })],
    egressRate: [
      ...rate('eu/lb', 'eu/web', { '2xx': 100 }),
      ...rate('eu/web', 'eu/a', { '2xx': 50 }),
      ...rate('eu/web', 'eu/b', { '2xx': 30 }),
      ...rate('eu/web', 'eu/c', { '2xx': 10 }),
      ...rate('eu/web', 'eu/flaky', { '2xx': 0.5, '5xx': 0.5 }),
      ...rate('eu/web', 'us/geo', { '2xx': 0.1 }),
    ],
  });

  const cases: { desc: string; max: number; nodes: string[]; capped: boolean }[] = [
    { desc: 'under the limit: untouched', max: 100, nodes: ['a', 'b', 'c', 'dc:us', 'flaky', 'INTERNET', 'lb', 'web'], capped: false },
    { desc: 'at the limit: untouched', max: 8, nodes: ['a', 'b', 'c', 'dc:us', 'flaky', 'INTERNET', 'lb', 'web'], capped: false },
    { desc: 'over: INTERNET and remote kept, then the busiest', max: 5, nodes: ['a', 'dc:us', 'INTERNET', 'lb', 'web'], capped: true },
    { desc: 'limit below the always-kept nodes: they stay anyway', max: 1, nodes: ['dc:us', 'INTERNET'], capped: true },
  ];
  it.each(cases)('$desc', ({ max, nodes, capped }) => {
    const g = buildGraph(busy, { ...PARAMS, maxNodesPerView: max });
    const view = g.datacenters.eu;
    expect(view?.nodes.map((n) => n.id)).toEqual(nodes);
    const ids = new Set(nodes);
    for (const e of view?.edges ?? []) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(g.problems.filter((p) => p.kind === 'capped' && p.datacenter === 'eu')).toEqual(capped ? [{ kind: 'capped', datacenter: 'eu', shown: nodes.length, total: 8 }] : []);
  });

  it('a failing service hidden by the cap still colours its datacenter', () => {
    const g = buildGraph(busy, { ...PARAMS, maxNodesPerView: 5 });
    expect(g.datacenters.eu?.nodes.some((n) => n.id === 'flaky')).toBe(false);
    expect(g.global.nodes.find((n) => n.id === 'eu')).toMatchObject({ health: 'danger', notice: 'flaky: 50% errors' });
  });
});

describe('buildGraph: data problems', () => {
  it('rows of an unknown datacenter are dropped and counted once per datacenter', () => {
    const g = buildGraph(
      input({
        egressRate: [...rate('mars/rover', 'eu/api', { '2xx': 1, '5xx': 1 }), ...rate('eu/web', 'eu/api', { '2xx': 1 })],
        ingressRate: [...rate('mars/rover', '/internet', { '2xx': 1 }), ...rate('venus/probe', '/internet', { '2xx': 1 })],
      }),
      PARAMS,
    );
    expect(g.problems).toEqual([
      { kind: 'unknown-datacenter', datacenter: 'mars', count: 3, example: 'rover -> api' },
      { kind: 'unknown-datacenter', datacenter: 'venus', count: 1, example: 'probe -> internet' },
    ]);
    expect(Object.keys(g.datacenters)).toEqual(['eu', 'us']);
    expect(edgeList(g.global)).toEqual([]);
  });

  it('a series seen twice is counted once and reported', () => {
    const row = rate('eu/web', 'eu/api', { '2xx': 10 });
    const g = buildGraph(input({ egressRate: [...row, ...row, ...row] }), PARAMS);
    expect(edgeList(g.datacenters.eu)).toEqual(['web->api 10']);
    expect(g.problems).toEqual([{ kind: 'duplicate-series', query: 'egressRate', count: 2, example: 'eu/web -> eu/api 2xx' }]);
  });

  it('ingress rows of calls egress owns are not reported as duplicates', () => {
    const g = buildGraph(input({ egressRate: rate('eu/web', 'eu/api', { '2xx': 10 }), ingressRate: rate('eu/api', 'eu/web', { '2xx': 10 }) }), PARAMS);
    expect(g.problems).toEqual([]);
  });

  it('a datacenter named like an Object.prototype key is a view like any other', () => {
    const g = buildGraph(input({ ingressRate: [...rate('__proto__/lb', '/internet', { '2xx': 1 }), ...rate('constructor/lb', '/internet', { '2xx': 2 })] }), { ...PARAMS, datacenters: undefined });
    expect(Object.keys(g.datacenters).sort()).toEqual(['__proto__', 'constructor']);
    expect(edgeList(g.datacenters['__proto__'])).toEqual(['INTERNET->lb 1']);
    expect(Object.getPrototypeOf(g.datacenters)).toBe(Object.prototype);
  });

  it('never throws on empty input', () => {
    expect(buildGraph(input({}), { ...PARAMS, datacenters: undefined })).toEqual({
      global: { kind: 'global', datacenter: '', nodes: [expect.objectContaining({ id: 'INTERNET' })], edges: [] },
      datacenters: {},
      problems: [],
    });
  });
});

describe('buildGraph: callees named by host', () => {
  const eu = (g: TrafficGraph): TrafficView | undefined => g.datacenters.eu;
  const hostsOf = (g: TrafficGraph, s: string, t: string): readonly string[] | undefined => eu(g)?.edges.find((e) => e.source === s && e.target === t)?.hosts;

  it('a name and a host of one callee land on one edge, whichever comes first, with both values', () => {
    for (const egressRate of [
      [...rate('eu/web', '/api', { '2xx': 3 }), ...rate('eu/web', '/api.shop.svc.cluster.local', { '2xx': 2, '5xx': 0.1 })],
      [...rate('eu/web', '/api.shop.svc.cluster.local', { '2xx': 2, '5xx': 0.1 }), ...rate('eu/web', '/api', { '2xx': 3 })],
    ]) {
      const g = buildGraph(input({ egressRate, ingressRate: rate('eu/api', '/internet', { '2xx': 1 }) }), PARAMS);
      expect(edgeList(eu(g))).toEqual(['INTERNET->api 1', 'web->api 5.1']);
      expect(hostsOf(g, 'web', 'api')).toEqual(['api', 'api.shop.svc.cluster.local']);
    }
  });

  it('an edge read from names only has no hosts', () => {
    const g = buildGraph(input({ egressRate: rate('eu/web', '/api', { '2xx': 3 }), ingressRate: rate('eu/api', '/internet', { '2xx': 1 }) }), PARAMS);
    expect(hostsOf(g, 'web', 'api')).toBeUndefined();
  });

  it('the callee\'s total is explained by calls named by host: no INTERNET -> callee split', () => {
    const g = buildGraph(input({
      egressRate: rate('eu/web', '/api.shop.svc.cluster.local:8080', { '2xx': 10 }),
      ingressRate: [...rate('eu/web', '/internet', { '2xx': 10 }), ...rate('eu/api', '', { '2xx': 10 }).map((r) => ({ ...r, peerUnknown: true as const }))],
    }), PARAMS);
    expect(edgeList(eu(g))).toEqual(['INTERNET->web 10', 'web->api 10']);
  });

  it('a host of the caller itself is a self-call', () => {
    const g = buildGraph(input({ egressRate: rate('eu/web', '/web.shop', { '2xx': 0.5 }) }), PARAMS);
    expect(edgeList(eu(g))).toEqual(['web->web 0.5']);
  });

  it('an ingress peer named by host is the caller it names (the callee\'s view beside the caller\'s)', () => {
    const g = buildGraph(input({
      egressRate: rate('eu/web', 'eu/api', { '2xx': 4 }),
      ingressRate: [...rate('eu/api', '/web.shop.svc.cluster.local', { '2xx': 3.9 }), ...rate('eu/web', '/internet', { '2xx': 4 })],
    }), PARAMS);
    expect(edgeList(eu(g))).toEqual(['INTERNET->web 4', 'web->api 4']);
    expect(eu(g)?.edges.find((e) => e.source === 'web')?.calleeView?.rate).toBe(3.9);
  });

  it('rules from the params; a host matching nothing is a notice only when peers are hosts', () => {
    const egressRate = [...rate('eu/web', '/api.prod.example.com', { '2xx': 1 }), ...rate('eu/web', '/db.example.net', { '2xx': 1 })];
    const ingressRate = rate('eu/api', '/internet', { '2xx': 1 });
    const rules = [{ match: '^([a-z]+)\\.prod\\.example\\.com$', service: '$1' }];
    const hosts = buildGraph(input({ egressRate, ingressRate }), { ...PARAMS, peerRules: rules, peersAreHosts: true });
    expect(edgeList(eu(hosts))).toEqual(['INTERNET->api 1', 'web->api 1', 'web->db.example.net 1']);
    expect(hosts.problems).toMatchObject([{ kind: 'unresolved-peer', count: 1, examples: ['db.example.net'] }]);
    expect(buildGraph(input({ egressRate, ingressRate }), { ...PARAMS, peerRules: rules }).problems).toEqual([]);
  });
});
