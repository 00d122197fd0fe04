import type { Convention } from './types.ts';

const METRICS = {
  ingressRequests: 'traffic_ingress_requests_total',
  ingressDuration: 'traffic_ingress_request_duration_seconds',
  egressRequests: 'traffic_egress_requests_total',
  egressDuration: 'traffic_egress_request_duration_seconds',
} as const;

const LABELS = {
  service: 'service',
  datacenter: 'datacenter',
  peerService: 'peer_service',
  peerDatacenter: 'peer_datacenter',
  status: 'status',
} as const;

const ROLES = {
  service: 'service',
  datacenter: 'datacenter',
  peerService: 'peerService',
  peerDatacenter: 'peerDatacenter',
  status: 'status',
} as const;

/**
 * The project's own convention (docs/METRICS.md): every service counts what it receives
 * (ingress) and what it sends (egress), labelled with the peer and the status code.
 *
 * The flat metric names (`ingressRequests`, ...) repeat `metrics` for the demo's simulated
 * Prometheus (src/mocks), which reads them; other code reads `metrics`.
 */
export const standardConvention: Convention & typeof METRICS & { readonly labels: typeof LABELS } = {
  name: 'standard',
  metrics: METRICS,
  labels: LABELS,
  egress: {
    requests: 'egressRequests',
    duration: 'egressDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'status-code' },
    select: [],
    roles: ROLES,
  },
  ingress: {
    requests: 'ingressRequests',
    duration: 'ingressDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'status-code' },
    select: [],
    roles: ROLES,
  },
  internetPeers: ['internet'],
  ...METRICS,
};
