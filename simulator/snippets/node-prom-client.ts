/**
 * The `standard` convention from a Node service with prom-client: the code between the
 * `#region` markers is quoted verbatim in docs/METRICS.md ("Exposing the standard convention"),
 * and the simulator's standard exporter (simulator/exporters/standard.ts) runs the `metrics`
 * region; simulator/snippets.test.ts fails when the doc and this file differ.
 */
// #region metrics
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Seconds; pick bounds around your latency objectives. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const EDGE = ['service', 'datacenter', 'peer_service', 'peer_datacenter'] as const;
type EdgeLabel = (typeof EDGE)[number];
export type EdgeLabels = Record<EdgeLabel, string>;

export interface TrafficMetrics {
  readonly egressRequests: Counter<EdgeLabel | 'status'>;
  readonly egressDuration: Histogram<EdgeLabel>;
  readonly ingressRequests: Counter<EdgeLabel | 'status'>;
  readonly ingressDuration: Histogram<EdgeLabel>;
}

export function createTrafficMetrics(registry: Registry, buckets: readonly number[] = DEFAULT_BUCKETS): TrafficMetrics {
  const registers = [registry];
  const requests = (side: 'egress' | 'ingress', help: string) =>
    new Counter({ name: `traffic_${side}_requests_total`, help, labelNames: [...EDGE, 'status'], registers });
  const duration = (side: 'egress' | 'ingress', help: string) =>
    new Histogram({ name: `traffic_${side}_request_duration_seconds`, help, labelNames: EDGE, buckets: [...buckets], registers });
  return {
    egressRequests: requests('egress', 'Requests this service sent, by callee and status code ("0": no response).'),
    egressDuration: duration('egress', 'Duration of the requests this service sent, as the caller measures it.'),
    ingressRequests: requests('ingress', 'Requests this service received, by caller ("internet" from outside) and status code.'),
    ingressDuration: duration('ingress', 'Duration of the requests this service received, as the callee measures it.'),
  };
}

/** The labels of one edge: this service, and the peer (the callee on egress, the caller on ingress). */
export function edgeLabels(self: { service: string; datacenter: string }, peer: { service: string; datacenter: string }): EdgeLabels {
  return { service: self.service, datacenter: self.datacenter, peer_service: peer.service, peer_datacenter: peer.datacenter };
}
// #endregion metrics

// #region usage
/** This service; the datacenter usually comes from the environment. */
const SELF = { service: 'checkout', datacenter: process.env.DATACENTER ?? 'eu-west' };
/** Callers name themselves in this header; without it a request counts as from the internet. */
export const CALLER_HEADER = 'x-traffic-caller';

/** Egress: wrap every outgoing call. A call without an answer counts as status "0". */
export async function countedFetch(
  m: TrafficMetrics, peer: { service: string; datacenter: string }, url: string, init: RequestInit = {},
): Promise<Response> {
  const labels = edgeLabels(SELF, peer);
  const stop = m.egressDuration.startTimer(labels);
  const headers = new Headers(init.headers);
  headers.set(CALLER_HEADER, `${SELF.service}/${SELF.datacenter}`);
  try {
    const res = await fetch(url, { ...init, headers });
    m.egressRequests.inc({ ...labels, status: String(res.status) });
    return res;
  } catch (err) {
    m.egressRequests.inc({ ...labels, status: '0' });
    throw err;
  } finally {
    stop();
  }
}

/** Ingress: call when a request arrives (node:http, Express, Fastify...); counts it when the answer is sent. */
export function countIngress(
  m: TrafficMetrics,
  req: { headers: Record<string, string | string[] | undefined> },
  res: { statusCode: number; once(event: 'finish', listener: () => void): unknown },
): void {
  const [service = '', datacenter = ''] = String(req.headers[CALLER_HEADER] ?? '').split('/');
  const labels = edgeLabels(SELF, service ? { service, datacenter } : { service: 'internet', datacenter: '' });
  const stop = m.ingressDuration.startTimer(labels);
  res.once('finish', () => {
    stop();
    m.ingressRequests.inc({ ...labels, status: String(res.statusCode) });
  });
}

// Serve the registry: GET /metrics -> res.end(await registry.metrics()), content type registry.contentType.
// #endregion usage
