/**
 * The project's `standard` convention, with the very code docs/METRICS.md shows for a Node
 * service (snippets/node-prom-client.ts): prom-client counters and histograms.
 */
import { LATENCY_BUCKETS } from '../../src/mocks/platform/latency.ts';
import { createTrafficMetrics, edgeLabels } from '../snippets/node-prom-client.ts';
import { BUCKET_REPRESENTATIVES } from '../metrics.ts';
import type { Exporter } from './types.ts';

export const standardExporter: Exporter = {
  convention: 'standard',
  create(registry, self) {
    const m = createTrafficMetrics(registry, LATENCY_BUCKETS);
    return {
      record({ direction, series, status, requests, byBucket }) {
        const labels = edgeLabels(self, { service: series.peerService, datacenter: series.peerDatacenter });
        const egress = direction === 'egress';
        (egress ? m.egressRequests : m.ingressRequests).inc({ ...labels, status }, requests);
        // prom-client observes one value at a time: the bucket's representative, n times.
        const histogram = egress ? m.egressDuration : m.ingressDuration;
        for (let b = 0; b < byBucket.length; b++) {
          const value = BUCKET_REPRESENTATIVES[b] ?? 20;
          for (let i = 0; i < (byBucket[b] ?? 0); i++) histogram.observe(labels, value);
        }
      },
    };
  },
};
