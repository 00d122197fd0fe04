/**
 * The metrics of one simulated service instance in the project's "standard" convention:
 * request counters by status code and duration histograms with the model's LATENCY_BUCKETS.
 */
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '../src/mocks/platform/latency.ts';

export const SERIES_LABELS = ['service', 'datacenter', 'peer_service', 'peer_datacenter'] as const;
export const REQUEST_LABELS = [...SERIES_LABELS, 'status'] as const;

export type SeriesLabel = (typeof SERIES_LABELS)[number];
export type RequestLabel = (typeof REQUEST_LABELS)[number];

export interface TrafficMetrics {
  readonly egressRequests: Counter<RequestLabel>;
  readonly ingressRequests: Counter<RequestLabel>;
  readonly egressDuration: Histogram<SeriesLabel>;
  readonly ingressDuration: Histogram<SeriesLabel>;
}

export function createTrafficMetrics(registry: Registry): TrafficMetrics {
  const registers = [registry];
  return {
    egressRequests: new Counter({
      name: 'traffic_egress_requests_total', registers, labelNames: REQUEST_LABELS,
      help: 'Requests this service sent, by callee (peer_service, peer_datacenter) and status code ("0": no response).',
    }),
    ingressRequests: new Counter({
      name: 'traffic_ingress_requests_total', registers, labelNames: REQUEST_LABELS,
      help: 'Requests this service received, by caller (peer_service "internet" for outside traffic) and status code.',
    }),
    egressDuration: new Histogram({
      name: 'traffic_egress_request_duration_seconds', registers, labelNames: SERIES_LABELS, buckets: [...LATENCY_BUCKETS],
      help: 'Duration of the requests this service sent, as the caller measures it (network and timeouts included).',
    }),
    ingressDuration: new Histogram({
      name: 'traffic_ingress_request_duration_seconds', registers, labelNames: SERIES_LABELS, buckets: [...LATENCY_BUCKETS],
      help: 'Duration of the requests this service received, as the callee measures it.',
    }),
  };
}

/**
 * One value per bucket (including +Inf) that falls inside it: histograms are fed with
 * `observe(representative)` n times per bucket, so bucket counts follow the model exactly.
 */
export const BUCKET_REPRESENTATIVES: readonly number[] = [
  ...LATENCY_BUCKETS.map((le, i) => {
    const below = i === 0 ? le / 2 : (LATENCY_BUCKETS[i - 1] ?? le / 2);
    return Math.sqrt(below * le);
  }),
  2 * (LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1] ?? 10),
];
