import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/config/presets.ts';
import type { Convention, ConventionSide } from '../../src/conventions/types.ts';
import { PeerResolver } from '../../src/graph/peerResolver.ts';
import { SERVICES } from '../../src/mocks/platform/platform.ts';
import { Simulation } from '../simulation.ts';
import { createTargets } from '../targets.ts';
import { EXPORTED_CONVENTIONS } from './byConvention.ts';
import type { ExportedConvention } from './byConvention.ts';
import { exposedTypes, parseExposition } from './exposition.ts';
import { DNS_PEER_RULES } from './peers.ts';
import type { ExposedSample } from './exposition.ts';

const START = Date.UTC(2024, 0, 1, 12);

/** Every target's exposition after `seconds` of simulated traffic (the same world for every convention). */
async function exposition(convention: ExportedConvention, seconds = 10): Promise<{ samples: ExposedSample[]; types: Map<string, string> }> {
  const targets = createTargets({ convention });
  // A lossy link between the datacenters: calls without a response ("0") on every run.
  const sim = new Simulation({ targets, startMs: START, schedule: false, faults: [{ kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west', share: 0.3 }] });
  for (let ms = 250; ms <= seconds * 1000; ms += 250) sim.advance(START + ms);
  const texts = await Promise.all(targets.map((t) => t.registry.metrics()));
  const types = new Map<string, string>();
  for (const text of texts) for (const [k, v] of exposedTypes(text)) types.set(k, v);
  return { samples: texts.flatMap(parseExposition), types };
}

const cache = new Map<ExportedConvention, ReturnType<typeof exposition>>();
const exposed = (c: ExportedConvention) => {
  let p = cache.get(c);
  if (!p) cache.set(c, (p = exposition(c)));
  return p;
};

const sum = (samples: readonly ExposedSample[], name: string, where: (l: Readonly<Record<string, string>>) => boolean = () => true): number =>
  samples.filter((s) => s.name === name && where(s.labels)).reduce((a, s) => a + s.value, 0);

/** The label names a side reads (roles -> names; '' = unused), without reading the query builder. */
function sideLabels(c: Convention, side: ConventionSide): { required: string[]; all: string[] } {
  const name = (role: string | undefined): string => (role === undefined ? '' : c.labels[role] ?? '');
  const r = side.roles;
  const required = [name(r.service), name(r.datacenter)].filter(Boolean);
  const all = [r.service, r.serviceNamespace, r.datacenter, r.peerService, r.peerNamespace, r.peerDatacenter, r.status, ...(side.keep ?? [])]
    .map(name).filter(Boolean);
  if (side.outcome.kind === 'status-code' && side.outcome.failure) all.push(name(side.outcome.failure.role));
  return { required, all };
}

describe.each(EXPORTED_CONVENTIONS.map((name) => ({ desc: name, name })))('the $desc exporter', ({ name }) => {
  const c: Convention = PRESETS[name];
  for (const sideName of ['egress', 'ingress'] as const) {
    const side = c[sideName];
    const selected = (s: ExposedSample): boolean => side.select.every((m) => s.labels[c.labels[m.role] ?? ''] === m.value);
    /** OTel service graph: this side's own end is the uninstrumented one (the app reads the other side). */
    const virtualEndHere = (s: ExposedSample): boolean => {
      const vn = c.virtualNode;
      if (!vn || s.labels[c.labels[vn.role] ?? ''] !== vn.value) return false;
      const callerVirtual = s.labels[c.labels.client ?? ''] === vn.unnamedCaller;
      return sideName === 'egress' ? callerVirtual : !callerVirtual;
    };

    it(`exposes the ${sideName} request series the preset reads, with every label its side needs`, async () => {
      const { samples } = await exposed(name);
      const requests = samples.filter((s) => s.name === c.metrics[side.requests] && selected(s));
      expect(requests.length, `${c.metrics[side.requests]} series`).toBeGreaterThan(10);
      const { required, all } = sideLabels(c, side);
      for (const s of requests) {
        for (const label of all) expect(Object.keys(s.labels), `${s.name} ${JSON.stringify(s.labels)}`).toContain(label);
        if (virtualEndHere(s)) continue; // the view of that end is dropped (no datacenter to name)
        for (const label of required) expect(s.labels[label], `${label} of ${JSON.stringify(s.labels)}`).not.toBe('');
      }
      // Both datacenters speak; the rates are not empty.
      expect(new Set(requests.filter((s) => !virtualEndHere(s)).map((s) => s.labels[c.labels[side.roles.datacenter] ?? '']))).toEqual(new Set(['eu-west', 'us-east']));
      expect(sum(requests, c.metrics[side.requests] ?? '')).toBeGreaterThan(1000);
    });

    it(`exposes the ${sideName} duration histogram in ${side.durationUnit}`, async () => {
      const { samples, types } = await exposed(name);
      const base = c.metrics[side.duration] ?? '';
      expect(types.get(base)).toBe('histogram');
      const buckets = samples.filter((s) => s.name === `${base}_bucket` && selected(s));
      expect(buckets.length).toBeGreaterThan(10);
      const bounds = new Set(buckets.map((s) => s.labels.le));
      expect(bounds.has('+Inf')).toBe(true);
      expect(bounds.has(side.durationUnit === 'milliseconds' ? '250' : '0.25')).toBe(true);
      const { required } = sideLabels(c, side);
      for (const s of buckets.filter((x) => !virtualEndHere(x))) for (const label of required) expect(s.labels[label]).not.toBe('');
    });
  }

  it('names only the metrics of its convention (one Prometheus can scrape every convention at once)', async () => {
    const { types } = await exposed(name);
    const mine = new Set(Object.values(c.metrics).map((m) => m.replace(/_(total|count)$/, '')));
    for (const family of types.keys()) expect(mine.has(family) || mine.has(family.replace(/_total$/, '')), family).toBe(true);
  });
});

/*
 * Every convention counts the same simulated world: the totals below follow from the standard
 * convention's counters (same seed, same clock, same whole-request rounding).
 */
describe('every convention counts the same requests', () => {
  const totals = async () => {
    const { samples } = await exposed('standard');
    const egress = sum(samples, 'traffic_egress_requests_total');
    const ingress = sum(samples, 'traffic_ingress_requests_total');
    const toDatabases = sum(samples, 'traffic_egress_requests_total', (l) => l.peer_service === 'postgres' || l.peer_service === 'redis');
    const fromInternet = sum(samples, 'traffic_ingress_requests_total', (l) => l.peer_service === 'internet');
    return { egress, ingress, toDatabases, fromInternet };
  };
  const cases: { desc: string; convention: ExportedConvention; egress: (s: ExposedSample[]) => number; ingress: (s: ExposedSample[]) => number; http?: boolean }[] = [
    {
      desc: 'istio: reporter="source" is egress, reporter="destination" ingress', convention: 'istio',
      egress: (s) => sum(s, 'istio_requests_total', (l) => l.reporter === 'source'),
      ingress: (s) => sum(s, 'istio_requests_total', (l) => l.reporter === 'destination'),
    },
    {
      desc: 'linkerd: outbound is egress, inbound ingress', convention: 'linkerd',
      egress: (s) => sum(s, 'response_total', (l) => l.direction === 'outbound'),
      ingress: (s) => sum(s, 'response_total', (l) => l.direction === 'inbound'),
    },
    {
      desc: 'micrometer: client requests are egress (no JDBC), server requests ingress', convention: 'micrometer', http: true,
      egress: (s) => sum(s, 'http_client_requests_seconds_count'),
      ingress: (s) => sum(s, 'http_server_requests_seconds_count'),
    },
    {
      desc: 'otel-http: client durations are egress (no database calls), server durations ingress', convention: 'otel-http', http: true,
      egress: (s) => sum(s, 'http_client_request_duration_seconds_count'),
      ingress: (s) => sum(s, 'http_server_request_duration_seconds_count'),
    },
  ];
  for (const c of cases) {
    it(c.desc, async () => {
      const t = await totals();
      const { samples } = await exposed(c.convention);
      expect(c.egress(samples)).toBe(c.http ? t.egress - t.toDatabases : t.egress);
      expect(c.ingress(samples)).toBe(t.ingress);
    });
  }

  it('otel-servicegraph: one counter per edge, the internet as the virtual client "user"', async () => {
    const t = await totals();
    const { samples } = await exposed('otel-servicegraph');
    expect(sum(samples, 'traces_service_graph_request_total')).toBe(t.egress + t.fromInternet);
    expect(sum(samples, 'traces_service_graph_request_total', (l) => l.client === 'user' && l.connection_type === 'virtual_node')).toBe(t.fromInternet);
    expect(sum(samples, 'traces_service_graph_request_total', (l) => l.server === 'postgres')).toBeGreaterThan(0);
    for (const s of samples.filter((x) => x.name === 'traces_service_graph_request_total' && x.labels.server === 'postgres')) {
      expect(s.labels).toMatchObject({ connection_type: 'virtual_node', server_cluster: '' });
    }
    expect(sum(samples, 'traces_service_graph_request_failed_total')).toBeGreaterThan(0);
    expect(sum(samples, 'traces_service_graph_request_failed_total')).toBeLessThan(0.2 * (t.egress + t.fromInternet));
  });

  it('histogram counts equal the request counters', async () => {
    for (const [counter, histogram, where] of [
      ['traffic_egress_requests_total', 'traffic_egress_request_duration_seconds_count', 'standard'],
      ['traffic_ingress_requests_total', 'traffic_ingress_request_duration_seconds_count', 'standard'],
      ['istio_requests_total', 'istio_request_duration_milliseconds_count', 'istio'],
      ['response_total', 'response_latency_ms_count', 'linkerd'],
    ] as const) {
      const { samples } = await exposed(where);
      expect(sum(samples, histogram), where).toBe(sum(samples, counter));
    }
  });
});

describe('callees named by DNS host (--peer-names dns)', () => {
  const dnsExposition = async (convention: ExportedConvention) => {
    const targets = createTargets({ convention, peerNames: 'dns' });
    const sim = new Simulation({ targets, startMs: START, schedule: false, faults: [{ kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west', share: 0.3 }] });
    for (let ms = 250; ms <= 10_000; ms += 250) sim.advance(START + ms);
    return (await Promise.all(targets.map((t) => t.registry.metrics()))).flatMap(parseExposition);
  };
  const services = new Set(SERVICES.filter((s) => s.instrumented && s.datacenter !== '').map((s) => `${s.datacenter}/${s.name}`));
  const resolver = () => new PeerResolver(DNS_PEER_RULES, {
    hasService: (dc, name) => services.has(`${dc}/${name}`),
    hasDatacenter: (dc) => dc === 'eu-west' || dc === 'us-east',
  });
  const cases = [
    { convention: 'micrometer', metric: 'http_client_requests_seconds_count', app: 'application', dc: 'cluster', peer: 'client_name', here: /\.shop\.svc\.cluster\.local$/, there: /\.(eu-west|us-east)\.internal$/ },
    { convention: 'otel-http', metric: 'http_client_request_duration_seconds_count', app: 'service_name', dc: 'k8s_cluster_name', peer: 'server_address', here: /\.shop:8080$/, there: /-(eu-west|us-east)\.global\.example$/ },
  ] as const;
  for (const c of cases) {
    it(`${c.convention}: the same requests as by name; every host maps back to the callee it names`, async () => {
      const [byName, byHost] = await Promise.all([exposed(c.convention), dnsExposition(c.convention)]);
      const r = resolver();
      const named = new Map<string, number>();
      for (const s of byName.samples.filter((x) => x.name === c.metric)) {
        const k = `${s.labels[c.dc]}/${s.labels[c.app]} -> ${s.labels[c.peer]}`;
        named.set(k, (named.get(k) ?? 0) + s.value);
      }
      const resolved = new Map<string, number>();
      const kinds = new Set<string>();
      for (const s of byHost.filter((x) => x.name === c.metric)) {
        const host = s.labels[c.peer] ?? '';
        const dc = s.labels[c.dc] ?? '';
        const to = r.resolve(host, { callerDatacenter: dc, peerDatacenter: '' });
        kinds.add(c.here.test(host) ? 'here' : c.there.test(host) ? 'there' : host);
        if (to.kind === 'service') expect(to.datacenter === dc, host).toBe(c.here.test(host));
        const k = `${dc}/${s.labels[c.app]} -> ${to.kind === 'service' ? to.service : to.name}`;
        resolved.set(k, (resolved.get(k) ?? 0) + s.value);
      }
      expect(kinds).toEqual(new Set(['here', 'there', 'api.payment-provider.example']));
      expect(resolved).toEqual(named);
      expect(r.problems()).toEqual([{ kind: 'unresolved-peer', count: 1, examples: ['api.payment-provider.example'], hint: expect.any(String) }]);
    });
  }
});

describe('series as the real exporters write them', () => {
  const cases: { desc: string; convention: ExportedConvention; name: string; labels: Record<string, string> }[] = [
    {
      desc: 'istio: the caller\'s proxy, across datacenters', convention: 'istio', name: 'istio_requests_total',
      labels: { reporter: 'source', source_workload: 'orders', source_workload_namespace: 'shop', source_cluster: 'us-east', destination_workload: 'inventory', destination_cluster: 'eu-west', response_code: '200' },
    },
    {
      desc: 'istio: the internet is the workload "unknown"', convention: 'istio', name: 'istio_requests_total',
      labels: { reporter: 'destination', source_workload: 'unknown', destination_workload: 'edge-lb', destination_cluster: 'eu-west' },
    },
    {
      desc: 'istio: a callee outside the mesh', convention: 'istio', name: 'istio_requests_total',
      labels: { reporter: 'source', source_workload: 'checkout', destination_workload: 'unknown', destination_service: 'api.payment-provider.example' },
    },
    {
      desc: 'linkerd: outbound names the callee', convention: 'linkerd', name: 'response_total',
      labels: { direction: 'outbound', deployment: 'frontend-ssr', cluster: 'eu-west', dst_deployment: 'checkout', dst_namespace: 'shop', status_code: '200', classification: 'success' },
    },
    {
      desc: 'linkerd: a 5xx is a failure', convention: 'linkerd', name: 'response_total',
      labels: { direction: 'outbound', status_code: '500', classification: 'failure' },
    },
    {
      desc: 'linkerd: inbound does not name the caller', convention: 'linkerd', name: 'response_total',
      labels: { direction: 'inbound', deployment: 'checkout', cluster: 'eu-west', dst_deployment: '', status_code: '200', classification: 'success' },
    },
    {
      desc: 'otel-servicegraph: a plain edge', convention: 'otel-servicegraph', name: 'traces_service_graph_request_total',
      labels: { client: 'orders', client_cluster: 'us-east', server: 'inventory', server_cluster: 'eu-west', connection_type: '' },
    },
    {
      desc: 'otel-servicegraph: the server\'s latency of an edge', convention: 'otel-servicegraph', name: 'traces_service_graph_request_server_seconds_bucket',
      labels: { client: 'varnish', server: 'frontend-ssr', server_cluster: 'eu-west', le: '0.25' },
    },
    {
      desc: 'micrometer: a client call, the host in client_name', convention: 'micrometer', name: 'http_client_requests_seconds_count',
      labels: { application: 'checkout', cluster: 'eu-west', client_name: 'api.payment-provider.example', status: '201', outcome: 'SUCCESS' },
    },
    {
      desc: 'micrometer: no response is CLIENT_ERROR', convention: 'micrometer', name: 'http_client_requests_seconds_count',
      labels: { status: 'CLIENT_ERROR', outcome: 'UNKNOWN', exception: 'SocketTimeoutException' },
    },
    {
      desc: 'micrometer: a server request, uri and outcome', convention: 'micrometer', name: 'http_server_requests_seconds_bucket',
      labels: { application: 'edge-lb', cluster: 'us-east', uri: '/**', status: '404', outcome: 'CLIENT_ERROR', le: '+Inf' },
    },
    {
      desc: 'otel-http: a client call', convention: 'otel-http', name: 'http_client_request_duration_seconds_count',
      labels: { service_name: 'frontend-ssr', k8s_cluster_name: 'eu-west', server_address: 'catalog', http_response_status_code: '200' },
    },
    {
      desc: 'otel-http: no response has only error_type', convention: 'otel-http', name: 'http_client_request_duration_seconds_count',
      labels: { http_response_status_code: '', error_type: 'java.net.http.HttpTimeoutException' },
    },
  ];
  for (const c of cases) {
    it(c.desc, async () => {
      const { samples } = await exposed(c.convention);
      const match = samples.filter((s) => s.name === c.name && Object.entries(c.labels).every(([k, v]) => (s.labels[k] ?? '') === v));
      expect(match.length, `${c.name}${JSON.stringify(c.labels)}`).toBeGreaterThan(0);
    });
  }
});
