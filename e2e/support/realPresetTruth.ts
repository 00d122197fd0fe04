/**
 * The truth for every convention preset: per-edge request rates of one datacenter view from our
 * own PromQL, written here per preset from its documentation (docs/METRICS.md), not from the
 * app's query builder or row mapper. Each preset's answer becomes the same rows (the caller's
 * view, the callee's view naming the caller, or a callee's total without callers), placed by the
 * documented rules:
 *
 * - an egress row is the call as the caller counted it; a callee without a datacenter label is
 *   in the caller's datacenter when a service of that name reports there, else external;
 * - an ingress row adds a call only when its caller reports no egress (the internet, callers
 *   without metrics);
 * - a callee's total that names no callers (Linkerd inbound, Micrometer and OTel HTTP servers)
 *   is compared with what known callers sent: a remainder above max(5 %, 0.5 req/s) of the
 *   total is drawn from INTERNET;
 * - in the view of `dc`, a service of another datacenter is "dc:<name>", the internet "INTERNET".
 */
import { instantQuery } from './realTruth.ts';
import type { Sample } from './realTruth.ts';

export type PresetName = 'standard' | 'istio' | 'linkerd' | 'otel-servicegraph' | 'micrometer' | 'otel-http';

export const PRESET_NAMES: readonly PresetName[] = ['standard', 'istio', 'linkerd', 'otel-servicegraph', 'micrometer', 'otel-http'];

/** One row of the truth: `dc`/`service` is the end that counted (caller on egress, callee otherwise). */
export type TruthRow =
  | { readonly side: 'egress'; readonly dc: string; readonly service: string; readonly peerDc: string; readonly peer: string; readonly rate: number }
  /** `peer` "" = from outside. */
  | { readonly side: 'ingress'; readonly dc: string; readonly service: string; readonly peerDc: string; readonly peer: string; readonly rate: number }
  | { readonly side: 'total'; readonly dc: string; readonly service: string; readonly rate: number };

type Ask = (promql: string) => Promise<Sample[]>;

const name = (workload: string | undefined, namespace: string | undefined): string =>
  workload && namespace ? `${workload}.${namespace}` : (workload ?? '');

/** Per preset: our own PromQL and how its labels read. */
export const PRESET_TRUTH: Readonly<Record<PresetName, (ask: Ask, w: string) => Promise<TruthRow[]>>> = {
  async standard(ask, w) {
    const by = 'datacenter, service, peer_datacenter, peer_service';
    const [egress, ingress] = await Promise.all([
      ask(`sum by (${by}) (rate(traffic_egress_requests_total[${w}]))`),
      ask(`sum by (${by}) (rate(traffic_ingress_requests_total[${w}]))`),
    ]);
    const row = (side: 'egress' | 'ingress', { metric: m, value }: Sample): TruthRow => ({
      side, dc: m.datacenter ?? '', service: m.service ?? '', peerDc: m.peer_datacenter ?? '',
      peer: side === 'ingress' && m.peer_service === 'internet' ? '' : (m.peer_service ?? ''), rate: value,
    });
    return [...egress.map((s) => row('egress', s)), ...ingress.map((s) => row('ingress', s))];
  },

  /** reporter="source" is the caller's view, "destination" the callee's; "unknown" is outside the mesh. */
  async istio(ask, w) {
    const by = 'source_cluster, source_workload, source_workload_namespace, destination_cluster, destination_workload, destination_workload_namespace';
    const [source, destination] = await Promise.all([
      ask(`sum by (${by}) (rate(istio_requests_total{reporter="source"}[${w}]))`),
      ask(`sum by (${by}) (rate(istio_requests_total{reporter="destination"}[${w}]))`),
    ]);
    const cluster = (c: string | undefined): string => (c === 'unknown' ? '' : (c ?? ''));
    return [
      ...source.map(({ metric: m, value }): TruthRow => ({
        side: 'egress', dc: m.source_cluster ?? '', service: name(m.source_workload, m.source_workload_namespace),
        peerDc: cluster(m.destination_cluster), peer: name(m.destination_workload, m.destination_workload_namespace), rate: value,
      })),
      ...destination.map(({ metric: m, value }): TruthRow => ({
        side: 'ingress', dc: m.destination_cluster ?? '', service: name(m.destination_workload, m.destination_workload_namespace),
        peerDc: cluster(m.source_cluster), peer: m.source_workload === 'unknown' ? '' : name(m.source_workload, m.source_workload_namespace), rate: value,
      })),
    ];
  },

  /** outbound names the callee (no cluster: unknown); inbound is a total; no dst_deployment = a data problem, not drawn. */
  async linkerd(ask, w) {
    const [outbound, inbound] = await Promise.all([
      ask(`sum by (cluster, deployment, namespace, dst_deployment, dst_namespace) (rate(response_total{direction="outbound", dst_deployment!=""}[${w}]))`),
      ask(`sum by (cluster, deployment, namespace) (rate(response_total{direction="inbound"}[${w}]))`),
    ]);
    return [
      ...outbound.map(({ metric: m, value }): TruthRow => ({
        side: 'egress', dc: m.cluster ?? '', service: name(m.deployment, m.namespace), peerDc: '', peer: name(m.dst_deployment, m.dst_namespace), rate: value,
      })),
      ...inbound.map(({ metric: m, value }): TruthRow => ({ side: 'total', dc: m.cluster ?? '', service: name(m.deployment, m.namespace), rate: value })),
    ];
  },

  /** One counter per client->server edge; the virtual client "user" is the internet; a virtual server is external. */
  async 'otel-servicegraph'(ask, w) {
    const edges = await ask(`sum by (client, client_cluster, server, server_cluster, connection_type) (rate(traces_service_graph_request_total[${w}]))`);
    return edges.flatMap(({ metric: m, value }): TruthRow[] => {
      const virtual = m.connection_type === 'virtual_node';
      if (virtual && m.client === 'user') return [{ side: 'ingress', dc: m.server_cluster ?? '', service: m.server ?? '', peerDc: '', peer: '', rate: value }];
      const egress: TruthRow = { side: 'egress', dc: m.client_cluster ?? '', service: m.client ?? '', peerDc: m.server_cluster ?? '', peer: m.server ?? '', rate: value };
      // The server's view of the same counter: it makes the server a service with metrics.
      return virtual ? [egress] : [egress, { side: 'ingress', dc: m.server_cluster ?? '', service: m.server ?? '', peerDc: m.client_cluster ?? '', peer: m.client ?? '', rate: value }];
    });
  },

  /** Client requests name the callee's host (datacenter unknown); server requests are totals. */
  async micrometer(ask, w) {
    const [client, server] = await Promise.all([
      ask(`sum by (cluster, application, client_name) (rate(http_client_requests_seconds_count[${w}]))`),
      ask(`sum by (cluster, application) (rate(http_server_requests_seconds_count[${w}]))`),
    ]);
    return [
      ...client.map(({ metric: m, value }): TruthRow => ({ side: 'egress', dc: m.cluster ?? '', service: m.application ?? '', peerDc: '', peer: m.client_name ?? '', rate: value })),
      ...server.map(({ metric: m, value }): TruthRow => ({ side: 'total', dc: m.cluster ?? '', service: m.application ?? '', rate: value })),
    ];
  },

  async 'otel-http'(ask, w) {
    const [client, server] = await Promise.all([
      ask(`sum by (k8s_cluster_name, service_name, server_address) (rate(http_client_request_duration_seconds_count[${w}]))`),
      ask(`sum by (k8s_cluster_name, service_name) (rate(http_server_request_duration_seconds_count[${w}]))`),
    ]);
    return [
      ...client.map(({ metric: m, value }): TruthRow => ({ side: 'egress', dc: m.k8s_cluster_name ?? '', service: m.service_name ?? '', peerDc: '', peer: m.server_address ?? '', rate: value })),
      ...server.map(({ metric: m, value }): TruthRow => ({ side: 'total', dc: m.k8s_cluster_name ?? '', service: m.service_name ?? '', rate: value })),
    ];
  },
};

/**
 * The preset's truth rows at `time` (unix s). `peerNames: 'dns'`: the callees of egress rows are
 * named by host, read as docs/METRICS.md ("Callees named by host") says (see `hostTruth`).
 */
export async function presetRows(preset: PresetName, baseUrl: string, time: number, rateWindow: string, peerNames: 'name' | 'dns' = 'name'): Promise<TruthRow[]> {
  const rows = await PRESET_TRUTH[preset]((promql) => instantQuery(baseUrl, promql, time), rateWindow);
  if (peerNames === 'name') return rows;
  const services = new Set(rows.map((r) => `${r.dc}/${r.service}`));
  return rows.map((r) => (r.side === 'egress' && r.peerDc === '' ? { ...r, ...hostTruth(r.peer, r.dc, services) } : r));
}

/** The datacenters of the simulated platform (a label naming one places the callee there). */
const KNOWN_DCS = new Set(['eu-west', 'us-east']);

/**
 * A callee named by host, as documented, written here without the app's resolver: the rule the
 * e2e config adds (`<service>-<datacenter>.global.example`) first; else the port and the root dot
 * dropped, a DNS label naming a datacenter places it there (else the caller's), and the first
 * label is the service when one of that name reports there. Anything else stays the host, outside.
 */
export function hostTruth(host: string, callerDc: string, services: ReadonlySet<string>): { peer: string; peerDc: string } {
  const gslb = /^(.+)-([a-z]+-[a-z]+)\.global\.example$/.exec(host);
  if (gslb) return { peer: gslb[1] ?? '', peerDc: gslb[2] ?? '' };
  const labels = host.replace(/:\d+$/, '').replace(/\.$/, '').split('.');
  const dc = labels.slice(1).find((l) => KNOWN_DCS.has(l)) ?? callerDc;
  const first = labels[0] ?? '';
  return services.has(`${dc}/${first}`) ? { peer: first, peerDc: dc } : { peer: host, peerDc: '' };
}

type End = 'internet' | { readonly kind: 'service' | 'external'; readonly dc: string; readonly name: string };

const endKey = (e: End): string => (e === 'internet' ? 'internet' : `${e.kind}/${e.dc}/${e.name}`);

/** Expected req/s per "source -> target" of the view of `dc`, by the documented placement. */
export function placeRows(rows: readonly TruthRow[], dc: string): Map<string, number> {
  const key = (d: string, s: string): string => `${d}/${s}`;
  const senders = new Set(rows.filter((r) => r.side === 'egress').map((r) => key(r.dc, r.service)));
  const services = new Set(rows.map((r) => key(r.dc, r.service)));
  const edges = new Map<string, { from: End; to: End; rate: number }>();
  const add = (from: End, to: End, rate: number): void => {
    const k = `${endKey(from)} -> ${endKey(to)}`;
    const e = edges.get(k);
    if (e) e.rate += rate;
    else edges.set(k, { from, to, rate });
  };
  for (const r of rows) {
    if (r.side === 'egress') {
      const calleeDc = r.peerDc || (services.has(key(r.dc, r.peer)) ? r.dc : '');
      add({ kind: 'service', dc: r.dc, name: r.service }, { kind: services.has(key(calleeDc, r.peer)) ? 'service' : 'external', dc: calleeDc, name: r.peer }, r.rate);
    } else if (r.side === 'ingress') {
      const callee: End = { kind: 'service', dc: r.dc, name: r.service };
      if (r.peer === '') add('internet', callee, r.rate);
      else if (!senders.has(key(r.peerDc || r.dc, r.peer))) add({ kind: 'external', dc: r.peerDc, name: r.peer }, callee, r.rate);
    }
  }
  for (const r of rows) {
    if (r.side !== 'total') continue;
    const callee: End = { kind: 'service', dc: r.dc, name: r.service };
    const known = [...edges.values()].filter((e) => endKey(e.to) === endKey(callee)).reduce((sum, e) => sum + e.rate, 0);
    const rest = r.rate - known;
    if (rest > Math.max(0.05 * r.rate, 0.5)) add('internet', callee, rest);
  }
  const place = (e: End): string => (e === 'internet' ? 'INTERNET' : e.dc === dc || e.dc === '' ? e.name : `dc:${e.dc}`);
  const inView = (e: End): boolean => e !== 'internet' && e.dc === dc;
  const out = new Map<string, number>();
  for (const e of edges.values()) {
    if (!inView(e.from) && !inView(e.to)) continue;
    const k = `${place(e.from)} -> ${place(e.to)}`;
    out.set(k, (out.get(k) ?? 0) + e.rate);
  }
  return out;
}
