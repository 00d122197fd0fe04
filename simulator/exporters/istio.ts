/**
 * Istio standard metrics as the sidecars report them: every call twice, by the caller's proxy
 * (`reporter="source"`, egress) and by the callee's (`reporter="destination"`, ingress), with
 * workload, namespace and cluster of both ends, `response_code`, and durations in milliseconds.
 * Callers outside the mesh (the internet) are the workload `unknown`; so is a callee outside the
 * mesh (the payment provider, a ServiceEntry), whose `destination_service` is its host.
 * Databases run in the mesh's clusters without a sidecar: named, in namespace `data`.
 */
import type { Peers } from './peers.ts';
import type { Exporter } from './types.ts';

const LABELS = [
  'reporter', 'source_workload', 'source_workload_namespace', 'source_cluster',
  'destination_workload', 'destination_workload_namespace', 'destination_cluster', 'destination_service',
  'request_protocol', 'response_code', 'response_flags', 'connection_security_policy',
] as const;
type Label = (typeof LABELS)[number];

interface Workload { readonly workload: string; readonly namespace: string; readonly cluster: string; readonly host: string }

const UNKNOWN: Workload = { workload: 'unknown', namespace: 'unknown', cluster: 'unknown', host: 'unknown' };

function workloadOf(peers: Peers, name: string, datacenter: string): Workload {
  const kind = peers.kind(name, datacenter);
  if (kind === 'internet') return UNKNOWN;
  if (kind === 'external') return { ...UNKNOWN, host: peers.host(name) };
  const namespace = peers.namespace(name, datacenter);
  const workload = peers.workload(name, datacenter);
  return { workload, namespace, cluster: datacenter, host: `${workload}.${namespace === '' ? '' : `${namespace}.`}svc.cluster.local` };
}

export const istioExporter: Exporter = {
  convention: 'istio',
  create(sink, self, peers) {
    const requests = sink.counter({ name: 'istio_requests_total', help: 'Requests, as reported by the source or destination proxy.', labelNames: LABELS });
    const duration = sink.histogram<Label>({
      name: 'istio_request_duration_milliseconds', help: 'Request durations, milliseconds.', labelNames: LABELS, unit: 'milliseconds',
    });
    const me = workloadOf(peers, self.service, self.datacenter);
    return {
      record({ direction, series, status, requests: n, byBucket }) {
        const peer = workloadOf(peers, series.peerService, series.peerDatacenter);
        const [source, destination] = direction === 'egress' ? [me, peer] : [peer, me];
        const labels: Record<Label, string> = {
          reporter: direction === 'egress' ? 'source' : 'destination',
          source_workload: source.workload, source_workload_namespace: source.namespace, source_cluster: source.cluster,
          destination_workload: destination.workload, destination_workload_namespace: destination.namespace,
          destination_cluster: destination.cluster, destination_service: destination.host,
          request_protocol: 'http', response_code: status,
          // "DC": the downstream gave up (a timeout) before the answer.
          response_flags: status === '0' ? 'DC' : '-',
          connection_security_policy: direction === 'egress' ? 'unknown' : source === UNKNOWN ? 'none' : 'mutual_tls',
        };
        requests.inc(labels, n);
        duration.add(labels, byBucket);
      },
    };
  },
};
