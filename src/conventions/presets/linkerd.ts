import type { Convention } from '../types.ts';

/**
 * Linkerd proxy metrics (https://linkerd.io/2/reference/proxy-metrics/). The caller's proxy counts
 * `direction="outbound"` with the callee in `dst_deployment`; the callee's proxy counts
 * `direction="inbound"`, which does not name the caller: the graph compares those totals with
 * what known callers sent, and draws the rest from "outside". `classification="failure"` (a gRPC
 * error behind a 200) counts as 5xx. The cluster is not a Linkerd label: add one (`cluster`) with
 * Prometheus relabeling or external labels; the callee's cluster is unknown unless `dstCluster`
 * names a label that holds it.
 */
export const linkerdConvention: Convention = {
  name: 'linkerd',
  metrics: {
    requests: 'response_total',
    duration: 'response_latency_ms',
  },
  labels: {
    direction: 'direction',
    deployment: 'deployment',
    namespace: 'namespace',
    cluster: 'cluster',
    dstDeployment: 'dst_deployment',
    dstNamespace: 'dst_namespace',
    dstCluster: '',
    status: 'status_code',
    classification: 'classification',
  },
  egress: {
    requests: 'requests',
    duration: 'duration',
    durationUnit: 'milliseconds',
    outcome: { kind: 'status-code', failure: { role: 'classification', value: 'failure' } },
    select: [{ role: 'direction', value: 'outbound' }],
    roles: {
      service: 'deployment',
      serviceNamespace: 'namespace',
      datacenter: 'cluster',
      peerService: 'dstDeployment',
      peerNamespace: 'dstNamespace',
      peerDatacenter: 'dstCluster',
      status: 'status',
    },
  },
  ingress: {
    requests: 'requests',
    duration: 'duration',
    durationUnit: 'milliseconds',
    outcome: { kind: 'status-code', failure: { role: 'classification', value: 'failure' } },
    select: [{ role: 'direction', value: 'inbound' }],
    roles: { service: 'deployment', serviceNamespace: 'namespace', datacenter: 'cluster', status: 'status' },
  },
  internetPeers: [],
};
