import type { Convention } from '../types.ts';

/**
 * Spring Boot / Micrometer HTTP metrics in Prometheus format. `http_server_requests_seconds` is
 * what a service received, without the caller: the graph compares it with what known callers sent
 * and draws the rest from "outside". `http_client_requests_seconds` is what it sent, with the
 * callee's host in `client_name`: a host equal to a service name is that service, any other host
 * an external node. `status` is the code, or `CLIENT_ERROR` / `IO_ERROR` when no response came.
 * Latency needs `management.metrics.distribution.percentiles-histogram.http=true`. The
 * datacenter is a common tag (`management.metrics.tags.cluster=...`) or a relabelled label.
 */
export const micrometerConvention: Convention = {
  name: 'micrometer',
  metrics: {
    ingressRequests: 'http_server_requests_seconds_count',
    ingressDuration: 'http_server_requests_seconds',
    egressRequests: 'http_client_requests_seconds_count',
    egressDuration: 'http_client_requests_seconds',
  },
  labels: {
    application: 'application',
    cluster: 'cluster',
    clientName: 'client_name',
    status: 'status',
  },
  egress: {
    requests: 'egressRequests',
    duration: 'egressDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'status-code' },
    select: [],
    roles: { service: 'application', datacenter: 'cluster', peerService: 'clientName', status: 'status' },
  },
  ingress: {
    requests: 'ingressRequests',
    duration: 'ingressDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'status-code' },
    select: [],
    roles: { service: 'application', datacenter: 'cluster', status: 'status' },
  },
  internetPeers: [],
  peersAreHosts: true,
};
