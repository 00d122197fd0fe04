import { escapeLabelValue, oneOfMatcher } from './promql.ts';
import { RECORDED_STATUS_CLASS } from './recordingRules.ts';
import { QUERY_KINDS, STATUS_CLASS_LABEL, labelOf, metricOf, sideOf } from './types.ts';
import type { BuiltQuery, Convention, ConventionSide, QueryKind, QueryParams } from './types.ts';

/**
 * The PromQL one refresh runs: four queries, aggregated server-side with `sum by`, so their
 * number never depends on the number of services or edges. Every convention gets the same four
 * kinds; the side (egress = caller's view, ingress = callee's view) says which series they read.
 */
export function buildQueries(convention: Convention, params: QueryParams): readonly BuiltQuery[] {
  return QUERY_KINDS.map((kind) => ({ kind, promql: buildQuery(convention, params, kind) }));
}

export function buildQuery(convention: Convention, params: QueryParams, kind: QueryKind): string {
  const side = sideOf(convention, kind);
  const selector = selectorFor(convention, side, params);
  return buildShapedQuery(convention, params, kind, {
    by: groupLabels(convention, side),
    series: (metric) => `rate(${metric}${selector}[${params.rateWindow}])`,
  });
}

/**
 * How a query reads its series: the labels it keeps (`sum by`), and the expression giving the
 * per-second rate of one metric (a plain `rate(metric{...}[w])`, or that with labels rewritten
 * for a view level: see viewQueries.ts).
 */
export interface QueryShape {
  readonly by: readonly string[];
  readonly series: (metric: string) => string;
  /**
   * The series are recorded ones (`npm run rules`): request rates carry the status class already
   * (`status_class`), so it is renamed rather than derived from the status code.
   */
  readonly recorded?: boolean;
}

/** The query of one kind for a shape: status classes, failed counters and quantiles as `buildQuery`. */
export function buildShapedQuery(convention: Convention, params: Pick<QueryParams, 'latencyQuantile'>, kind: QueryKind, shape: QueryShape): string {
  const side = sideOf(convention, kind);
  const groupBy = shape.by.join(', ');
  const metric = (role: string): string => metricOf(convention, role);
  if (kind === 'egressLatency' || kind === 'ingressLatency') {
    const quantile =
      `histogram_quantile(${formatNumber(params.latencyQuantile)}, ` +
      `sum by (${groupBy}, le) (${shape.series(`${metric(side.duration)}_bucket`)}))`;
    return side.durationUnit === 'milliseconds' ? `${quantile} / 1000` : quantile;
  }
  const outcome = side.outcome;
  if (outcome.kind === 'failed-counter') {
    // No status code: failed requests are "5xx", the rest "2xx" (failed may be absent: 0).
    const sum = (m: string): string => `sum by (${groupBy}) (${shape.series(m)})`;
    const failed = sum(metric(outcome.failedRequests));
    const total = sum(metric(side.requests));
    const classed = (expr: string, cls: string): string =>
      `label_replace(${expr}, ${escapeLabelValue(STATUS_CLASS_LABEL)}, "${cls}", ` +
      `${escapeLabelValue(labelOf(convention, side.roles.service))}, ".*")`;
    return `${classed(failed, '5xx')} or ${classed(`clamp_min(${total} - (${failed} or ${total} * 0), 0)`, '2xx')}`;
  }
  const failure = outcome.failure ? labelOf(convention, outcome.failure.role) : '';
  const rateGroup = failure ? `${groupBy}, ${failure}` : groupBy;
  if (shape.recorded) {
    return (
      `sum by (${rateGroup}, ${STATUS_CLASS_LABEL}) (label_replace(` +
      `${shape.series(metric(side.requests))}, ` +
      `${escapeLabelValue(STATUS_CLASS_LABEL)}, "$1", ${escapeLabelValue(RECORDED_STATUS_CLASS)}, "(.+)"))`
    );
  }
  // label_replace turns "503" into status_class="5xx"; a status that is not an HTTP code
  // ("0": no response) gets no class, which the graph reads as "no response".
  return (
    `sum by (${rateGroup}, ${STATUS_CLASS_LABEL}) (label_replace(` +
    `${shape.series(metric(side.requests))}, ` +
    `${escapeLabelValue(STATUS_CLASS_LABEL)}, "\${1}xx", ${escapeLabelValue(labelOf(convention, side.roles.status))}, "([1-5])[0-9][0-9]"))`
  );
}

/** The labels a side's queries keep: own end, other end, then the extra ones; unused roles left out. */
export function groupLabels(convention: Convention, side: ConventionSide): string[] {
  const r = side.roles;
  const roles = [r.datacenter, r.service, r.serviceNamespace, r.peerDatacenter, r.peerService, r.peerNamespace, ...(side.keep ?? [])];
  const names = roles.map((role) => labelOf(convention, role)).filter((name) => name !== '');
  return [...new Set(names)];
}

function selectorFor(convention: Convention, side: ConventionSide, params: QueryParams): string {
  const matchers = side.select.map((m) => `${labelOf(convention, m.role)}=${escapeLabelValue(m.value)}`);
  const datacenters = oneOfMatcher(labelOf(convention, side.roles.datacenter), params.datacenters ?? []);
  if (datacenters) matchers.push(datacenters);
  return matchers.length > 0 ? `{${matchers.join(', ')}}` : '';
}

function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : '0.95';
}
