/**
 * The project's `standard` convention. On a service's own prom-client registry it runs the very
 * code docs/METRICS.md shows for a Node service (snippets/node-prom-client.ts): prom-client
 * counters and histograms. On a sink shared by a group (large platforms) it writes the same
 * series, names and labels through the sink.
 */
import { createTrafficMetrics, edgeLabels } from '../snippets/node-prom-client.ts';
import { representativesOf } from '../metrics.ts';
import type { MetricSink } from './sink.ts';
import type { Exporter, Recorder, TargetIdentity } from './types.ts';

const EDGE = ['service', 'datacenter', 'peer_service', 'peer_datacenter'] as const;

export const standardExporter: Exporter = {
  convention: 'standard',
  create(sink, self) {
    if (!sink.registry) return sharedRecorder(sink, self);
    const m = createTrafficMetrics(sink.registry, sink.buckets);
    const representatives = representativesOf(sink.buckets);
    return {
      record({ direction, series, status, requests, byBucket }) {
        const labels = edgeLabels(self, { service: series.peerService, datacenter: series.peerDatacenter });
        const egress = direction === 'egress';
        (egress ? m.egressRequests : m.ingressRequests).inc({ ...labels, status }, requests);
        // prom-client observes one value at a time: the bucket's representative, n times.
        const histogram = egress ? m.egressDuration : m.ingressDuration;
        for (let b = 0; b < byBucket.length; b++) {
          const value = representatives[b] ?? 20;
          for (let i = 0; i < (byBucket[b] ?? 0); i++) histogram.observe(labels, value);
        }
      },
    };
  },
};

function sharedRecorder(sink: MetricSink, self: TargetIdentity): Recorder {
  const family = (side: 'egress' | 'ingress') => ({
    requests: sink.counter({ name: `traffic_${side}_requests_total`, help: `Requests this service ${side === 'egress' ? 'sent' : 'received'}.`, labelNames: [...EDGE, 'status'] }),
    duration: sink.histogram({ name: `traffic_${side}_request_duration_seconds`, help: `Duration of the requests this service ${side === 'egress' ? 'sent' : 'received'}.`, labelNames: EDGE, unit: 'seconds' }),
  });
  const egress = family('egress');
  const ingress = family('ingress');
  return {
    record({ direction, series, status, requests, byBucket }) {
      const labels = edgeLabels(self, { service: series.peerService, datacenter: series.peerDatacenter });
      const m = direction === 'egress' ? egress : ingress;
      m.requests.inc({ ...labels, status }, requests);
      m.duration.add(labels, byBucket);
    },
  };
}
