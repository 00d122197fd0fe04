/**
 * Spring Boot / Micrometer HTTP metrics (Prometheus registry, percentile histograms on):
 * `http_server_requests_seconds` for what a service received (no caller), and
 * `http_client_requests_seconds` for what it sent, the callee's host in `client_name` (a
 * service's own name, or its DNS name with `peerNames: 'dns'`; the payment provider's DNS name). Database calls are JDBC, not HTTP: not
 * here. `cluster` is the common tag `management.metrics.tags.cluster`.
 */
import { dnsHostOf, statusDigit } from './peers.ts';
import type { Exporter } from './types.ts';

const SERVER = ['application', 'cluster', 'method', 'uri', 'status', 'outcome', 'exception', 'error'] as const;
const CLIENT = ['application', 'cluster', 'client_name', 'method', 'uri', 'status', 'outcome', 'exception', 'error'] as const;

const OUTCOMES: Readonly<Record<string, string>> = { 1: 'INFORMATIONAL', 2: 'SUCCESS', 3: 'REDIRECTION', 4: 'CLIENT_ERROR', 5: 'SERVER_ERROR' };

export const micrometerExporter: Exporter = {
  convention: 'micrometer',
  create(sink, self, peers, options) {
    const peerHost = options?.peerNames === 'dns'
      ? (name: string, dc: string) => dnsHostOf(peers, 'micrometer', name, dc, self.datacenter)
      : (name: string) => peers.host(name);
    const server = sink.histogram({ name: 'http_server_requests_seconds', help: 'HTTP server requests.', labelNames: SERVER, unit: 'seconds' });
    const client = sink.histogram({ name: 'http_client_requests_seconds', help: 'HTTP client requests.', labelNames: CLIENT, unit: 'seconds' });
    return {
      record({ direction, series, status, byBucket }) {
        const kind = peers.kind(series.peerService, series.peerDatacenter);
        const digit = statusDigit(status);
        const common = { application: self.service, cluster: self.datacenter, method: 'GET' };
        if (direction === 'ingress') {
          const uri = kind === 'internet' ? '/**' : '/api/{id}';
          server.add({ ...common, uri, status, outcome: OUTCOMES[digit] ?? 'UNKNOWN', exception: 'none', error: 'none' }, byBucket);
          return;
        }
        if (kind === 'database') return;
        const answered = digit !== '';
        client.add({
          ...common, client_name: peerHost(series.peerService, series.peerDatacenter), uri: '/api/{id}',
          status: answered ? status : 'CLIENT_ERROR', outcome: OUTCOMES[digit] ?? 'UNKNOWN',
          exception: answered ? 'none' : 'SocketTimeoutException', error: answered ? 'none' : 'SocketTimeoutException',
        }, byBucket);
      },
    };
  },
};
