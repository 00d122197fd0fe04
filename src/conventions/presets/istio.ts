import type { Convention } from '../types.ts';

/**
 * Istio standard metrics (https://istio.io/latest/docs/reference/config/metrics/). Every call is
 * reported by the caller's proxy (`reporter="source"`: the egress side) and by the callee's
 * (`reporter="destination"`: the ingress side), so the reporter splits the sides and nothing is
 * counted twice. A service is named `workload.namespace`; set the namespace roles to "" to name it
 * by workload only. Callers outside the mesh are reported as workload `unknown`.
 */
export const istioConvention: Convention = {
  name: 'istio',
  metrics: {
    requests: 'istio_requests_total',
    duration: 'istio_request_duration_milliseconds',
  },
  labels: {
    reporter: 'reporter',
    sourceWorkload: 'source_workload',
    sourceNamespace: 'source_workload_namespace',
    sourceCluster: 'source_cluster',
    destinationWorkload: 'destination_workload',
    destinationNamespace: 'destination_workload_namespace',
    destinationCluster: 'destination_cluster',
    status: 'response_code',
  },
  egress: {
    requests: 'requests',
    duration: 'duration',
    durationUnit: 'milliseconds',
    outcome: { kind: 'status-code' },
    select: [{ role: 'reporter', value: 'source' }],
    roles: {
      service: 'sourceWorkload',
      serviceNamespace: 'sourceNamespace',
      datacenter: 'sourceCluster',
      peerService: 'destinationWorkload',
      peerNamespace: 'destinationNamespace',
      peerDatacenter: 'destinationCluster',
      status: 'status',
    },
  },
  ingress: {
    requests: 'requests',
    duration: 'duration',
    durationUnit: 'milliseconds',
    outcome: { kind: 'status-code' },
    select: [{ role: 'reporter', value: 'destination' }],
    roles: {
      service: 'destinationWorkload',
      serviceNamespace: 'destinationNamespace',
      datacenter: 'destinationCluster',
      peerService: 'sourceWorkload',
      peerNamespace: 'sourceNamespace',
      peerDatacenter: 'sourceCluster',
      status: 'status',
    },
  },
  internetPeers: ['unknown'],
  // A callee outside the mesh has destination_cluster="unknown": outside every datacenter.
  unknownValues: ['unknown'],
};
