/**
 * Spring Boot / Micrometer HTTP metrics (Prometheus registry, percentile histograms on):
 * `http_server_requests_seconds` for what a service received (no caller), and
 * `http_client_requests_seconds` for what it sent, the callee's host in `client_name` (a
 * service's own name, or its DNS name with `peerNames: 'dns'`; the payment provider's DNS name). Database calls are JDBC, not HTTP: not
 * here. `cluster` is the common tag `management.metrics.tags.cluster`.
 */
import { bucketsIn } from '../metrics.ts';
import { BulkHistogram } from './bulkHistogram.ts';
import { dnsHostOf, hostOf, peerKind, statusDigit } from './peers.ts';
import type { Exporter } from './types.ts';

const SERVER = ['application', 'cluster', 'method', 'uri', 'status', 'outcome', 'exception', 'error'] as const;
const CLIENT = ['application', 'cluster', 'client_name', 'method', 'uri', 'status', 'outcome', 'exception', 'error'] as const;

const OUTCOMES: Readonly<Record<string, string>> = { 1: 'INFORMATIONAL', 2: 'SUCCESS', 3: 'REDIRECTION', 4: 'CLIENT_ERROR', 5: 'SERVER_ERROR' };

export const micrometerExporter: Exporter = {
  convention: 'micrometer',
  create(registry, self, options) {
    const peerHost = options?.peerNames === 'dns'
      ? (name: string, dc: string) => dnsHostOf('micrometer', name, dc, self.datacenter)
      : (name: string) => hostOf(name);
    const registers = [registry];
    const server = new BulkHistogram({ name: 'http_server_requests_seconds', help: 'HTTP server requests.', labelNames: SERVER, registers, ...bucketsIn('seconds') });
    const client = new BulkHistogram({ name: 'http_client_requests_seconds', help: 'HTTP client requests.', labelNames: CLIENT, registers, ...bucketsIn('seconds') });
    return {
      record({ direction, series, status, byBucket }) {
        const kind = peerKind(series.peerService, series.peerDatacenter);
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
