/**
 * Whole-graph golden tests: every folder of src/graph/__fixtures__/ holding a params.json is run
 * through the app's path (recorded /api/v1/query JSON -> toRateRows/toLatencyRows -> buildGraph)
 * and compared with its graph.json and problems.json.
 *
 * After an intended change of the output, regenerate the golden files and review the diff:
 *
 *   npx tsx scripts/update-golden.ts            # every case (or name cases: ... odd-labels capped)
 *
 * The spot checks below were verified by hand; they catch a golden file regenerated from wrong code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  caseDir, fixtureCases, GRAPH_FILE, goldenTexts, PROBLEMS_FILE, QUERY_KINDS, runFixture,
} from './__fixtures__/golden.ts';
import type { FixtureResult } from './__fixtures__/golden.ts';
import type { TrafficEdge, TrafficGraph, TrafficNode, TrafficView } from './types.ts';

const REQUIRED = [
  'capped', 'disagreement', 'discovery', 'odd-labels', 'two-datacenters', 'uninstrumented-caller',
  'preset-istio', 'preset-linkerd', 'preset-otel-servicegraph', 'preset-micrometer', 'preset-otel-http',
];
const cases = fixtureCases();

it('has the required fixture cases', () => {
  expect(cases).toEqual(expect.arrayContaining(REQUIRED));
});

describe.each(cases)('fixture %s', (name) => {
  const dir = caseDir(name);

  it.each(QUERY_KINDS)('%s.json is an /api/v1/query vector answer', (kind) => {
    const body = JSON.parse(readFileSync(join(dir, `${kind}.json`), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['status', 'data']);
    expect(body.status).toBe('success');
    expect(body.data).toEqual({ resultType: 'vector', result: expect.any(Array) });
  });

  it('matches graph.json and problems.json', () => {
    const texts = goldenTexts(runFixture(dir));
    expect(JSON.parse(texts.graph)).toEqual(JSON.parse(readFileSync(join(dir, GRAPH_FILE), 'utf8')));
    expect(JSON.parse(texts.problems)).toEqual(JSON.parse(readFileSync(join(dir, PROBLEMS_FILE), 'utf8')));
  });

  it('rows kept in arrays give the same texts as rows made on each visit (the app\'s sources)', () => {
    expect(goldenTexts(runFixture(dir, 'kept'))).toEqual(goldenTexts(runFixture(dir)));
  });
});

// ---------------------------------------------------------------- hand-checked facts

const run = (name: string): FixtureResult => runFixture(caseDir(name));
const view = (g: TrafficGraph, dc: string): TrafficView => (dc === '' ? g.global : (g.datacenters[dc] as TrafficView));
const edge = (v: TrafficView, s: string, t: string): TrafficEdge | undefined => v.edges.find((e) => e.source === s && e.target === t);
const node = (v: TrafficView, id: string): TrafficNode | undefined => v.nodes.find((n) => n.id === id);
const rates = (v: TrafficView): Record<string, number> =>
  Object.fromEntries(v.edges.map((e) => [`${e.source}->${e.target}`, Math.round(e.stats.rate * 1e6) / 1e6]));

describe('two-datacenters (hand-checked)', () => {
  const { graph, rowProblems } = run('two-datacenters');
  const eu = view(graph, 'eu-west');

  it('global: internet and cross-datacenter traffic only; egress (14.8) wins over ingress (14.75)', () => {
    expect(rates(graph.global)).toEqual({ 'INTERNET->eu-west': 102.66, 'INTERNET->us-east': 71.8, 'eu-west->us-east': 14.8 });
  });

  it('eu-west is as unhealthy as checkout and names it', () => {
    expect(node(graph.global, 'eu-west')).toMatchObject({ health: 'danger', notice: 'checkout: 15% errors' });
    expect(node(graph.global, 'us-east')).toMatchObject({ health: 'normal' });
  });

  it('eu-west view: every call once, the caller view winning', () => {
    expect(rates(eu)).toEqual({
      'INTERNET->edge-lb': 102.66,
      'catalog->postgres': 140.5,
      'checkout->payment-gateway.example': 4,
      'checkout->postgres': 22,
      'edge-lb->frontend-ssr': 101.75,
      'frontend-ssr->catalog': 61.65,
      'frontend-ssr->checkout': 10,
      'frontend-ssr->dc:us-east': 14.8,
      'frontend-ssr->recommendations': 0,
      'frontend-ssr->user-profile': 18,
    });
  });

  it('health: 5xx edge danger, 4xx-only edge normal, no-response (egress only) warning', () => {
    expect(edge(eu, 'frontend-ssr', 'checkout')).toMatchObject({ health: 'danger', notice: '15% errors' });
    expect(edge(eu, 'frontend-ssr', 'user-profile')).toMatchObject({ health: 'normal', stats: { byClass: { '4xx': 6 } } });
    expect(edge(eu, 'checkout', 'payment-gateway.example')).toMatchObject({ health: 'warning', notice: '2.5% errors', stats: { byClass: { none: 0.1 } } });
    expect(edge(eu, 'frontend-ssr', 'recommendations')?.stats.errorShare).toBeNaN();
    expect(edge(eu, 'frontend-ssr', 'recommendations')?.stats.latency).toBeNaN();
  });

  it('node kinds', () => {
    expect(eu.nodes.map((n) => `${n.id} ${n.kind} ${n.datacenter ?? '-'}`)).toEqual([
      'catalog service eu-west',
      'checkout service eu-west',
      'dc:us-east remote us-east',
      'edge-lb service eu-west',
      'frontend-ssr service eu-west',
      'INTERNET internet -',
      'payment-gateway.example external -',
      'postgres external eu-west',
      'recommendations service eu-west',
      'user-profile service eu-west',
    ]);
    expect(node(eu, 'postgres')?.incoming.rate).toBe(162.5);
    expect(rates(view(graph, 'us-east'))).toMatchObject({ 'dc:eu-west->search': 14.8, 'frontend-ssr->search': 41.72 });
  });

  it('no data problems', () => {
    expect(graph.problems).toEqual([]);
    expect(rowProblems).toEqual([]);
  });
});

describe('preset-micrometer-dns (hand-checked): callees named by host', () => {
  const { graph } = run('preset-micrometer-dns');
  const eu = view(graph, 'eu-west');

  it('internal calls are service -> service edges; two hosts of one callee summed exactly', () => {
    expect(rates(eu)).toEqual({
      'dc:us-east->orders': 2, 'INTERNET->reports': 0.8, 'INTERNET->storefront': 110.4, 'orders->api.payments.example': 4.3,
      'orders->orders': 0.5, 'reports->10.0.0.9:8080': 0.2, 'reports->catalog': 0.8, 'storefront->catalog': 57, 'storefront->orders': 12.9,
    });
    expect(edge(eu, 'storefront', 'catalog')?.hosts).toEqual(['catalog.shop.svc.cluster.local', 'catalog:8080']);
  });

  it('no callee fed by INTERNET for calls its callers name by host; no external node for a service', () => {
    expect(edge(eu, 'INTERNET', 'orders')).toBeUndefined();
    expect(edge(eu, 'INTERNET', 'catalog')).toBeUndefined();
    expect(eu.nodes.filter((n) => n.kind === 'external').map((n) => n.id)).toEqual(['10.0.0.9:8080', 'api.payments.example']);
  });

  it('a host naming a datacenter crosses to it; a call to itself is a self-call', () => {
    expect(rates(view(graph, 'us-east'))).toMatchObject({ 'storefront->dc:eu-west': 2 });
    expect(edge(eu, 'orders', 'orders')?.hosts).toEqual(['orders.shop.svc.cluster.local']);
  });

  it('notices: hosts matching nothing, with a rule to add; rules in conflict', () => {
    expect(graph.problems.map((p) => p.kind)).toEqual(['unresolved-peer', 'peer-rule-conflict']);
    expect(graph.problems[0]).toMatchObject({ count: 2, examples: ['10.0.0.9:8080', 'api.payments.example'] });
  });
});

describe('discovery (hand-checked)', () => {
  const { graph } = run('discovery');

  it('datacenters come from the series; a peer-only datacenter is a remote node, not a datacenter', () => {
    expect(Object.keys(graph.datacenters)).toEqual(['ams1', 'fra1']);
    expect(graph.global.nodes.map((n) => n.id)).toEqual(['ams1', 'fra1', 'INTERNET']);
    expect(node(view(graph, 'fra1'), 'dc:lon1')).toMatchObject({ kind: 'remote', datacenter: 'lon1', incoming: { rate: 3 } });
    expect(rates(graph.global)).toEqual({ 'INTERNET->ams1': 40.5, 'INTERNET->fra1': 27, 'ams1->fra1': 5 });
  });

  it('fra1 names its worst service', () => {
    expect(node(graph.global, 'fra1')).toMatchObject({ health: 'danger', notice: 'gateway: 7.4% errors' });
  });
});

describe('odd-labels (hand-checked)', () => {
  const { graph, rowProblems } = run('odd-labels');
  const eu = view(graph, 'eu-west');

  it('odd values are node ids, as data', () => {
    expect(eu.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['<img src=x onerror=alert(1)>', 'say "hi"', 'café-☕-サービス', 'line1\nline2']));
  });

  it('duplicate series counted once; "internet" and no peer_service summed', () => {
    expect(edge(eu, 'web', 'api')?.stats.rate).toBe(10);
    expect(edge(eu, 'INTERNET', 'web')?.stats.rate).toBe(12.5);
  });

  it('graph problems', () => {
    expect(graph.problems).toEqual([
      { kind: 'unknown-datacenter', datacenter: 'mars-1', count: 3, example: 'rover -> api' },
      { kind: 'duplicate-series', query: 'egressRate', count: 1, example: 'eu-west/web -> eu-west/api 2xx' },
    ]);
  });

  it('row problems: every bad sample and missing label reported, examples bounded', () => {
    expect(rowProblems.map((p) => `${p.kind} ${'query' in p ? p.query : ''} ${'label' in p ? p.label : 'value' in p ? p.value : ''} ${'count' in p ? p.count : ''}`)).toEqual([
      'bad-sample egressRate NaN 1',
      'bad-sample egressRate +Inf 1',
      'bad-sample egressRate -Inf 1',
      'bad-sample egressRate -0.5 1',
      'missing-label egressRate service 1',
      'missing-label egressRate datacenter 2',
      'missing-label egressRate peer_service 1',
      'bad-sample ingressRate 12abc 1',
      'bad-sample ingressRate  1',
      'bad-sample egressLatency -Inf 1',
      'bad-sample egressLatency +Inf 1',
      'missing-label egressLatency datacenter 1',
    ]);
    for (const p of rowProblems) if ('example' in p) expect(p.example.length).toBeLessThan(310);
  });
});

describe('capped (hand-checked)', () => {
  const { graph } = run('capped');
  const eu = view(graph, 'eu-west');

  it('keeps INTERNET, the remote datacenter and the busiest services, and says so', () => {
    expect(eu.nodes.map((n) => n.id)).toEqual(['catalog', 'dc:us-east', 'edge-lb', 'frontend', 'INTERNET', 'search']);
    expect(graph.problems).toEqual([{ kind: 'capped', datacenter: 'eu-west', shown: 6, total: 12 }]);
  });

  it('node totals still count the hidden edges; the hidden failing service still colours eu-west', () => {
    expect(node(eu, 'frontend')?.outgoing.rate).toBeCloseTo(220.5, 9);
    expect(node(graph.global, 'eu-west')).toMatchObject({ health: 'danger', notice: 'feature-flags: 40% errors' });
  });
});

describe('uninstrumented-caller (hand-checked)', () => {
  const { graph } = run('uninstrumented-caller');
  const eu = view(graph, 'eu-west');

  it('callers without egress metrics come from ingress; callers with egress are not counted twice', () => {
    expect(rates(eu)).toEqual({
      'INTERNET->api': 30,
      'INTERNET->web': 5,
      'api->notifier': 1.5,
      'api->postgres': 33,
      'batch-reports->api': 2.3,
      'legacy-erp->api': 1.2,
      'notifier->api': 0.6,
      'web->api': 4,
    });
    expect(node(eu, 'batch-reports')).toMatchObject({ kind: 'external', datacenter: 'eu-west', health: 'danger', notice: '13% errors' });
    expect(node(eu, 'legacy-erp')).toMatchObject({ kind: 'external' });
    expect(node(eu, 'legacy-erp')?.datacenter).toBeUndefined();
    expect(node(eu, 'notifier')?.kind).toBe('service');
  });
});

describe('disagreement (hand-checked)', () => {
  const eu = view(run('disagreement').graph, 'eu-west');

  it('both views kept; the edge shows the caller view', () => {
    expect(edge(eu, 'frontend', 'search')).toMatchObject({ stats: { rate: 30.3 }, calleeView: { rate: 30.1 } });
    expect(edge(eu, 'frontend', 'search')?.disagreement).toBeUndefined();
    expect(edge(eu, 'INTERNET', 'frontend')?.calleeView).toBeUndefined();
  });

  it('requests that never arrived, and errors only the caller saw', () => {
    expect(edge(eu, 'frontend', 'payments')?.disagreement).toEqual({ kind: 'missing-at-callee', text: 'callee saw 15 of 20 req/s sent' });
    expect(edge(eu, 'frontend', 'catalog')).toMatchObject({
      health: 'danger',
      stats: { rate: 50, byClass: { none: 3 } },
      calleeView: { rate: 50, byClass: { '2xx': 50 } },
      disagreement: { kind: 'extra-errors-at-caller', text: 'caller saw 3 req/s errors, callee 0 req/s' },
    });
  });
});

describe('presets (hand-checked)', () => {
  it('istio: reporter splits the sides, workload.namespace names, unknown source = INTERNET, ms -> s', () => {
    const { graph, rowProblems } = run('preset-istio');
    const eu = view(graph, 'eu-west');
    expect(rates(eu)).toEqual({
      'INTERNET->istio-ingressgateway.istio-system': 120,
      'istio-ingressgateway.istio-system->frontend.shop': 119.7,
      'frontend.shop->catalog.shop': 70,
      'frontend.shop->checkout.shop': 10,
      'frontend.shop->dc:us-east': 12,
      'checkout.shop->postgres.data': 30,
    });
    expect(edge(eu, 'frontend.shop', 'dc:us-east')).toMatchObject({ stats: { latency: 0.11 }, calleeView: { rate: 11.9, latency: 0.05 } });
    expect(node(eu, 'postgres.data')).toMatchObject({ kind: 'external', datacenter: 'eu-west' });
    expect(rates(graph.global)).toEqual({ 'INTERNET->eu-west': 120, 'INTERNET->us-east': 62, 'eu-west->us-east': 12 });
    expect(rowProblems).toEqual([]);
  });

  it('linkerd: inbound totals explain nothing more than outbound, except what came from outside', () => {
    const { graph } = run('preset-linkerd');
    const eu = view(graph, 'eu-west');
    expect(rates(eu)).toEqual({ 'INTERNET->web.shop': 82.2, 'web.shop->api.shop': 80.4, 'api.shop->orders.shop': 26.5, 'orders.shop->postgres.data': 40 });
    expect(edge(eu, 'api.shop', 'orders.shop')?.stats.byClass['5xx']).toBe(1.5);
    expect(node(eu, 'postgres.data')).toMatchObject({ kind: 'external' });
  });

  it('otel-servicegraph: failed share is 5xx, virtual client = INTERNET, virtual server = external', () => {
    const { graph, rowProblems } = run('preset-otel-servicegraph');
    const eu = view(graph, 'eu-west');
    expect(rates(eu)).toEqual({
      'INTERNET->frontend': 95.5, 'frontend->cart': 40, 'frontend->checkout': 8.1, 'frontend->dc:us-east': 6, 'checkout->payments-api': 3.2,
    });
    expect(edge(eu, 'frontend', 'checkout')).toMatchObject({ stats: { byClass: { '5xx': 0.6 }, latency: 0.35 }, calleeView: { latency: 0.33 } });
    expect(node(eu, 'payments-api')).toMatchObject({ kind: 'external' });
    expect(rowProblems).toEqual([]);
  });

  it.each(['preset-micrometer', 'preset-otel-http'])('%s: client host = callee, server totals minus known callers = outside', (name) => {
    const eu = view(run(name).graph, 'eu-west');
    expect(rates(eu)).toEqual({
      'INTERNET->storefront': 110.4,
      'INTERNET->reports': 0.8,
      'storefront->catalog': 57,
      'storefront->orders': 12.9,
      'orders->api.payments.example': 4.3,
    });
    expect(edge(eu, 'orders', 'api.payments.example')?.stats.byClass.none).toBe(0.3);
    expect(node(eu, 'api.payments.example')).toMatchObject({ kind: 'external' });
  });
});
