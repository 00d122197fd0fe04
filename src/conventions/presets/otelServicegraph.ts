import type { Convention } from '../types.ts';

/**
 * The OpenTelemetry Collector `servicegraph` connector (and Tempo's service-graph generator): one
 * counter per client->server edge built from paired spans, so both sides read the same counter
 * (a constant two rate queries of the same text); the durations differ: `_client_seconds` is the
 * caller's view, `_server_seconds` the callee's. There is no status code: failed requests are
 * "5xx", the rest "2xx". Edges with `connection_type="virtual_node"` have an uninstrumented end:
 * the caller when it is named `user` (drawn as the internet node: `internetPeers`), else the callee,
 * which becomes an external node.
 * The datacenter comes from a connector dimension (`client_cluster` / `server_cluster` for the
 * dimension `cluster`); with one label for both, set both roles to it.
 */
export const otelServicegraphConvention: Convention = {
  name: 'otel-servicegraph',
  metrics: {
    requests: 'traces_service_graph_request_total',
    failedRequests: 'traces_service_graph_request_failed_total',
    clientDuration: 'traces_service_graph_request_client_seconds',
    serverDuration: 'traces_service_graph_request_server_seconds',
  },
  labels: {
    client: 'client',
    server: 'server',
    clientCluster: 'client_cluster',
    serverCluster: 'server_cluster',
    connectionType: 'connection_type',
  },
  egress: {
    requests: 'requests',
    duration: 'clientDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'failed-counter', failedRequests: 'failedRequests' },
    select: [],
    roles: { service: 'client', datacenter: 'clientCluster', peerService: 'server', peerDatacenter: 'serverCluster' },
    keep: ['connectionType'],
  },
  ingress: {
    requests: 'requests',
    duration: 'serverDuration',
    durationUnit: 'seconds',
    outcome: { kind: 'failed-counter', failedRequests: 'failedRequests' },
    select: [],
    roles: { service: 'server', datacenter: 'serverCluster', peerService: 'client', peerDatacenter: 'clientCluster' },
    keep: ['connectionType'],
  },
  internetPeers: ['user'],
  virtualNode: { role: 'connectionType', value: 'virtual_node', unnamedCaller: 'user' },
};
