import type { Convention } from '../types.ts';

/**
 * OpenTelemetry HTTP semantic conventions (v1.23+, stable names) exported to Prometheus: dots
 * become underscores and the unit becomes a suffix. `http_server_request_duration_seconds` is what
 * a service received, without the caller (the graph draws what known callers do not explain from
 * "outside"); `http_client_request_duration_seconds` is what it sent, the callee's host in
 * `server_address`. The service is `service_name` (resource attributes copied to the series, e.g.
 * `resource_to_telemetry_conversion`); with the Prometheus exporter's defaults it is `job`.
 * A request without response has no `http_response_status_code` (only `error_type`).
 */
export const otelHttpConvention: Convention = {
  name: 'otel-http',
  metrics: {
    ingressRequests: 'http_server_request_duration_seconds_count',
    ingressDuration: 'http_server_request_duration_seconds',
    egressRequests: 'http_client_request_duration_seconds_count',
    egressDuration: 'http_client_request_duration_seconds',
  },
  labels: {
    serviceName: 'service_name',
    cluster: 'k8s_cluster_name',
    serverAddress: 'server_address',
    status: 'http_response_status_code',
  },
  egress: {
    requests: 'egressRequests',
    duration: 'egressDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'status-code' },
    select: [],
    roles: { service: 'serviceName', datacenter: 'cluster', peerService: 'serverAddress', status: 'status' },
  },
  ingress: {
    requests: 'ingressRequests',
    duration: 'ingressDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'status-code' },
    select: [],
    roles: { service: 'serviceName', datacenter: 'cluster', status: 'status' },
  },
  internetPeers: [],
  peersAreHosts: true,
};
