import type { Convention } from './types.ts';

/**
 * The project's own convention (docs/METRICS.md): every service counts what it receives
 * (ingress) and what it sends (egress), labelled with the peer and the status code.
 */
export const standardConvention: Convention = {
  name: 'standard',
  ingressRequests: 'traffic_ingress_requests_total',
  ingressDuration: 'traffic_ingress_request_duration_seconds',
  egressRequests: 'traffic_egress_requests_total',
  egressDuration: 'traffic_egress_request_duration_seconds',
  labels: {
    service: 'service',
    datacenter: 'datacenter',
    peerService: 'peer_service',
    peerDatacenter: 'peer_datacenter',
    status: 'status',
  },
  internetPeers: ['internet'],
};
