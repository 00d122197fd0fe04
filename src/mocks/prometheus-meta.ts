/**
 * The simulated Prometheus's metadata endpoints: /api/v1/status/config (the app reads the scrape
 * interval there), /api/v1/status/buildinfo and /api/v1/label/<name>/values.
 */
import { standardConvention } from '../conventions/standard.ts';
import { SCRAPE_INTERVAL_MS } from './evaluate.ts';
import { CALLS, DATACENTERS, INTERNET_PEER, SERVICES } from './platform/platform.ts';
import { badData, success } from './prometheus-api.ts';
import type { ApiAnswer } from './prometheus-api.ts';

const SCRAPE_INTERVAL = `${SCRAPE_INTERVAL_MS / 1000}s`;

export const CONFIG_YAML = [
  'global:',
  `  scrape_interval: ${SCRAPE_INTERVAL}`,
  `  scrape_timeout: ${SCRAPE_INTERVAL}`,
  '  evaluation_interval: 15s',
  'scrape_configs:',
  '- job_name: traffic-simulator',
  `  scrape_interval: ${SCRAPE_INTERVAL}`,
  '  metrics_path: /metrics',
  '  static_configs:',
  '  - targets:',
  '    - simulator:9100',
  '',
].join('\n');

export function statusConfig(): ApiAnswer {
  return success({ yaml: CONFIG_YAML });
}

export function buildInfo(): ApiAnswer {
  return success({
    version: '3.5.0',
    revision: 'traffic-map-simulated',
    branch: 'HEAD',
    buildUser: 'traffic-map@demo',
    buildDate: '20250101-00:00:00',
    goVersion: 'go1.24.4',
  });
}

const LABEL_VALUES: Readonly<Record<string, readonly string[]>> = buildLabelValues();

/** /api/v1/label/<name>/values; an unknown label has no values (as in Prometheus). */
export function labelValues(name: string): ApiAnswer {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) return badData(`invalid label name: ${JSON.stringify(name)}`);
  return success(LABEL_VALUES[name] ?? []);
}

function buildLabelValues(): Record<string, readonly string[]> {
  const l = standardConvention.labels;
  const instrumented = SERVICES.filter((s) => s.instrumented);
  const sorted = (values: readonly string[]): readonly string[] => [...new Set(values)].filter((v) => v !== '').sort();
  return {
    [l.datacenter]: sorted(DATACENTERS),
    [l.service]: sorted(instrumented.map((s) => s.name)),
    [l.peerService]: sorted([INTERNET_PEER, ...CALLS.flatMap((c) => [c.caller, c.callee])]),
    [l.peerDatacenter]: sorted(CALLS.flatMap((c) => [c.callerDc, c.calleeDc])),
    __name__: sorted([
      standardConvention.ingressRequests,
      standardConvention.egressRequests,
      ...[standardConvention.ingressDuration, standardConvention.egressDuration].flatMap((h) =>
        ['_bucket', '_count', '_sum'].map((suffix) => h + suffix),
      ),
    ]),
  };
}
