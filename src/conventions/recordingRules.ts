import { escapeLabelValue } from './promql.ts';
import { labelOf, metricOf } from './types.ts';
import type { Convention, ConventionSide } from './types.ts';

/**
 * Prometheus recording rules that pre-aggregate what the app reads (docs/METRICS.md, "Recording
 * rules"): each side's request rate by status class and its duration buckets, summed by the
 * labels that name the two ends of a call (datacenter, service, namespace, and the peer's), the
 * labels that pick a side (`reporter`, `direction`) and those the rows need (a failure
 * classification, a connection type). `instance`, `job`, the status code and everything else are
 * summed away. Names follow the Prometheus convention `level:metric:operations`:
 *
 *   datacenter_service_peer:traffic_egress_requests:rate1m{datacenter, service, peer_datacenter, peer_service, status_class}
 *   datacenter_service_peer:traffic_egress_request_duration_seconds_bucket:rate1m{..., le}
 *
 * `status_class` is "1xx".."5xx"; a status that is not an HTTP code ("0": no response) leaves it
 * out, as the app's own queries do. A metric both sides read (Istio's `istio_requests_total`, split
 * by `reporter`) gets one rule keeping the labels of both sides. Pure: the CLI is scripts/rules.ts.
 */

/** The label the request-rate rules add: "1xx".."5xx"; absent when there was no HTTP status. */
export const RECORDED_STATUS_CLASS = 'status_class';
/** The `level` part of every recorded name: the labels kept. */
export const RECORDED_LEVEL = 'datacenter_service_peer';

export type RecordedKind = 'requests' | 'failedRequests' | 'durationBuckets';

export interface RecordingRule {
  /** The recorded series' name, e.g. `datacenter_service_peer:traffic_egress_requests:rate1m`. */
  readonly record: string;
  readonly expr: string;
  /** The raw metric it reads (a histogram's `_bucket` series for durations). */
  readonly source: string;
  readonly kind: RecordedKind;
  /** The labels the recorded series keep, in order. */
  readonly labels: readonly string[];
}

/** `1m` → `rate1m`; `_total` dropped from counters, as the naming convention asks for rates. */
export function recordedName(metric: string, window: string): string {
  return `${RECORDED_LEVEL}:${metric.replace(/_total$/, '')}:rate${window}`;
}

/**
 * The rules of one convention at one rate window, one per metric read (in a stable order). `keep`:
 * more labels every recorded series keeps (the labels of a `groupBy: {"label"}` grouping).
 */
export function recordingRules(convention: Convention, window: string, keep: readonly string[] = []): readonly RecordingRule[] {
  const byMetric = new Map<string, { kind: RecordedKind; labels: string[]; status: string }>();
  const add = (metric: string, kind: RecordedKind, labels: readonly string[], status: string): void => {
    if (!metric) return;
    const known = byMetric.get(metric);
    if (!known) {
      byMetric.set(metric, { kind, labels: [...new Set(labels)], status });
      return;
    }
    for (const l of labels) if (!known.labels.includes(l)) known.labels.push(l);
    if (!known.status) known.status = status;
  };
  for (const side of [convention.egress, convention.ingress]) {
    const labels = [...sideLabelNames(convention, side), ...keep.filter((l) => l !== '')];
    const status = side.outcome.kind === 'status-code' ? labelOf(convention, side.roles.status) : '';
    add(metricOf(convention, side.requests), 'requests', labels, status);
    if (side.outcome.kind === 'failed-counter') add(metricOf(convention, side.outcome.failedRequests), 'failedRequests', labels, '');
    const duration = metricOf(convention, side.duration);
    if (duration) add(`${duration}_bucket`, 'durationBuckets', [...labels, 'le'], '');
  }
  return [...byMetric].map(([metric, { kind, labels, status }]) => {
    const rate = `rate(${metric}[${window}])`;
    const kept = status ? [...labels, RECORDED_STATUS_CLASS] : labels;
    const inner = status
      ? `label_replace(${rate}, ${escapeLabelValue(RECORDED_STATUS_CLASS)}, "\${1}xx", ${escapeLabelValue(status)}, "([1-5])[0-9][0-9]")`
      : rate;
    return { record: recordedName(metric, window), expr: `sum by (${kept.join(', ')}) (${inner})`, source: metric, kind, labels: kept };
  });
}

/** The label names of one side that a recorded series keeps ('' roles left out). */
function sideLabelNames(convention: Convention, side: ConventionSide): string[] {
  const r = side.roles;
  const roles = [
    r.datacenter, r.service, r.serviceNamespace, r.peerDatacenter, r.peerService, r.peerNamespace,
    ...side.select.map((m) => m.role), ...(side.keep ?? []),
    ...(side.outcome.kind === 'status-code' && side.outcome.failure ? [side.outcome.failure.role] : []),
  ];
  return roles.map((role) => labelOf(convention, role)).filter((l) => l !== '');
}

/** The rules file (YAML) Prometheus loads with `rule_files:`; one group named after the convention and window. */
export function recordingRulesYaml(convention: Convention, window: string, comment: readonly string[] = [], keep: readonly string[] = []): string {
  const rules = recordingRules(convention, window, keep);
  return [
    ...comment.map((line) => `# ${line.replace(/[\r\n]+/g, ' ')}`.trimEnd()),
    'groups:',
    `  - name: ${yamlQuoted(`traffic_map_${convention.name}_${window}`)}`,
    '    rules:',
    ...rules.flatMap((r) => [`      - record: ${r.record}`, `        expr: ${yamlQuoted(r.expr)}`]),
    '',
  ].join('\n');
}

/** A YAML single-quoted scalar: only `'` is escaped (doubled), so PromQL's quotes and backslashes stay as written. */
function yamlQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
