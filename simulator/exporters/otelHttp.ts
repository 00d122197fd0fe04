/**
 * OpenTelemetry HTTP semantic conventions (stable, v1.23+) through the Prometheus exporter with
 * resource attributes copied onto the series (`service_name`, `k8s_cluster_name`):
 * `http_server_request_duration_seconds` for what a service received (no caller) and
 * `http_client_request_duration_seconds` for what it sent, the callee's host in
 * `server_address` (its name, or with `peerNames: 'dns'` a DNS name, see `dnsHostOf`). A request without response has no `http_response_status_code`, only
 * `error_type`. Database calls are not HTTP: not here.
 */
import { dnsHostOf, statusDigit } from './peers.ts';
import type { Exporter } from './types.ts';

const SERVER = ['service_name', 'k8s_cluster_name', 'http_request_method', 'http_route', 'url_scheme', 'http_response_status_code', 'error_type'] as const;
const CLIENT = ['service_name', 'k8s_cluster_name', 'http_request_method', 'server_address', 'server_port', 'url_scheme', 'http_response_status_code', 'error_type'] as const;

export const otelHttpExporter: Exporter = {
  convention: 'otel-http',
  create(sink, self, peers, options) {
    const peerHost = options?.peerNames === 'dns'
      ? (name: string, dc: string) => dnsHostOf(peers, 'otel-http', name, dc, self.datacenter)
      : (name: string) => peers.host(name);
    const server = sink.histogram({ name: 'http_server_request_duration_seconds', help: 'Duration of HTTP server requests.', labelNames: SERVER, unit: 'seconds' });
    const client = sink.histogram({ name: 'http_client_request_duration_seconds', help: 'Duration of HTTP client requests.', labelNames: CLIENT, unit: 'seconds' });
    return {
      record({ direction, series, status, byBucket }) {
        const kind = peers.kind(series.peerService, series.peerDatacenter);
        const digit = statusDigit(status);
        const common = { service_name: self.service, k8s_cluster_name: self.datacenter, http_request_method: 'GET' };
        if (direction === 'ingress') {
          server.add({
            ...common, http_route: kind === 'internet' ? '/*' : '/api/{id}', url_scheme: kind === 'internet' ? 'https' : 'http',
            http_response_status_code: status, error_type: digit === '5' ? status : '',
          }, byBucket);
          return;
        }
        if (kind === 'database') return;
        const external = kind === 'external';
        client.add({
          ...common, server_address: peerHost(series.peerService, series.peerDatacenter), server_port: external ? '443' : '8080', url_scheme: external ? 'https' : 'http',
          // Semantic conventions: a client span's error_type is the status code from 400 up, or the exception.
          http_response_status_code: digit === '' ? '' : status,
          error_type: digit === '' ? 'java.net.http.HttpTimeoutException' : digit === '4' || digit === '5' ? status : '',
        }, byBucket);
      },
    };
  },
};
