/**
 * The OpenTelemetry Collector `servicegraph` connector with `dimensions: [cluster]`: one
 * request counter per client->server edge (plus a failed counter), the client's and the
 * server's latency apart. In a real setup the collector exposes them all; here each edge is
 * exposed by exactly one target, the client's (its egress), or the server's when the client is
 * not instrumented (the internet: client "user", a virtual node). The server's latency of an
 * edge comes from the server's target (its ingress). Calls to uninstrumented peers (databases,
 * the payment provider) are virtual nodes too: `connection_type="virtual_node"`, no server cluster.
 * Failed = the span status is an error: no response, or a 4xx/5xx for the client span (semantic
 * conventions), a 5xx for the server span.
 */
import { statusDigit } from './peers.ts';
import type { Exporter } from './types.ts';

const LABELS = ['client', 'server', 'client_cluster', 'server_cluster', 'connection_type'] as const;
type Label = (typeof LABELS)[number];

/** The client of calls from outside, as the connector names an uninstrumented caller. */
export const UNNAMED_CALLER = 'user';

export const otelServicegraphExporter: Exporter = {
  convention: 'otel-servicegraph',
  create(sink, self, peers) {
    const total = sink.counter({ name: 'traces_service_graph_request_total', help: 'Total count of requests between two nodes.', labelNames: LABELS });
    const failed = sink.counter({ name: 'traces_service_graph_request_failed_total', help: 'Total count of failed requests between two nodes.', labelNames: LABELS });
    const histogram = (side: 'client' | 'server') => sink.histogram<Label>({
      name: `traces_service_graph_request_${side}_seconds`, help: `Time for a request between two nodes as seen from the ${side}.`,
      labelNames: LABELS, unit: 'seconds',
    });
    const clientSeconds = histogram('client');
    const serverSeconds = histogram('server');
    return {
      record({ direction, series, status, requests, byBucket }) {
        const kind = peers.kind(series.peerService, series.peerDatacenter);
        if (direction === 'egress') {
          const virtual = kind !== 'service';
          const labels: Record<Label, string> = {
            client: self.service, client_cluster: self.datacenter, server: series.peerService,
            server_cluster: virtual ? '' : series.peerDatacenter, connection_type: virtual ? 'virtual_node' : '',
          };
          total.inc(labels, requests);
          if (status === '0' || statusDigit(status) === '4' || statusDigit(status) === '5') failed.inc(labels, requests);
          clientSeconds.add(labels, byBucket);
          return;
        }
        const fromOutside = kind === 'internet';
        const labels: Record<Label, string> = {
          client: fromOutside ? UNNAMED_CALLER : series.peerService, client_cluster: fromOutside ? '' : series.peerDatacenter,
          server: self.service, server_cluster: self.datacenter, connection_type: fromOutside ? 'virtual_node' : '',
        };
        serverSeconds.add(labels, byBucket);
        if (!fromOutside) return; // the client's target counts the edge
        total.inc(labels, requests);
        if (statusDigit(status) === '5') failed.inc(labels, requests);
      },
    };
  },
};
