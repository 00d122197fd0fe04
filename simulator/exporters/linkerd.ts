/**
 * Linkerd proxy metrics: the caller's proxy counts `direction="outbound"` with the callee's
 * `dst_deployment` / `dst_namespace`; the callee's counts `direction="inbound"`, without the caller.
 * `classification` is "failure" for 5xx and for calls without a response (no `status_code`
 * then). The cluster is not a Linkerd label: the simulator adds `cluster` as the external label
 * or relabeling the preset documents. A host outside the cluster (the payment provider) has no
 * `dst_*` labels, only its `authority`; databases are pods without a proxy, named by the
 * destination controller.
 */
import { statusDigit } from './peers.ts';
import type { Exporter } from './types.ts';

const LABELS = ['direction', 'deployment', 'namespace', 'cluster', 'dst_deployment', 'dst_namespace', 'authority', 'tls', 'status_code', 'classification'] as const;
const LATENCY_LABELS = ['direction', 'deployment', 'namespace', 'cluster', 'dst_deployment', 'dst_namespace', 'authority', 'tls', 'status_code'] as const;
type LatencyLabel = (typeof LATENCY_LABELS)[number];

export const linkerdExporter: Exporter = {
  convention: 'linkerd',
  create(sink, self, peers) {
    const responses = sink.counter({ name: 'response_total', help: 'Total count of HTTP responses.', labelNames: LABELS });
    const latency = sink.histogram<LatencyLabel>({
      name: 'response_latency_ms', help: 'Elapsed times between a request\'s headers being received and its response stream completing.',
      labelNames: LATENCY_LABELS, unit: 'milliseconds',
    });
    const namespace = peers.namespace(self.service, self.datacenter);
    const deployment = peers.workload(self.service, self.datacenter);
    return {
      record({ direction, series, status, requests, byBucket }) {
        const egress = direction === 'egress';
        const kind = peers.kind(series.peerService, series.peerDatacenter);
        const inCluster = kind === 'service' || kind === 'database';
        const dst = egress && inCluster
          ? { dst_deployment: peers.workload(series.peerService, series.peerDatacenter), dst_namespace: peers.namespace(series.peerService, series.peerDatacenter), authority: authority(peers.workload(series.peerService, series.peerDatacenter), peers.namespace(series.peerService, series.peerDatacenter)) }
          : { dst_deployment: '', dst_namespace: '', authority: egress ? `${peers.host(series.peerService)}:443` : authority(deployment, namespace) };
        const tls = !egress && kind === 'internet' ? 'no_identity' : egress && !inCluster ? 'no_identity' : kind === 'database' ? 'no_identity' : 'true';
        const labels: Record<LatencyLabel, string> = {
          direction: egress ? 'outbound' : 'inbound', deployment, namespace, cluster: self.datacenter,
          ...dst, tls, status_code: status === '0' ? '' : status,
        };
        const failed = status === '0' || statusDigit(status) === '5';
        responses.inc({ ...labels, classification: failed ? 'failure' : 'success' }, requests);
        latency.add(labels, byBucket);
      },
    };
  },
};

/** The in-cluster authority of a deployment (its Kubernetes service). */
function authority(deployment: string, namespace: string): string {
  return `${deployment}.${namespace === '' ? '' : `${namespace}.`}svc.cluster.local:8080`;
}
