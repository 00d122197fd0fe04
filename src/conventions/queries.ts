import { escapeLabelValue, oneOfMatcher } from './promql.ts';
import { STATUS_CLASS_LABEL } from './types.ts';
import type { BuiltQuery, Convention, QueryKind, QueryParams } from './types.ts';

/**
 * The PromQL one refresh runs: four queries, aggregated server-side with `sum by`, so their
 * number never depends on the number of services or edges.
 */
export function buildQueries(convention: Convention, params: QueryParams): readonly BuiltQuery[] {
  const kinds: readonly QueryKind[] = ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'];
  return kinds.map((kind) => ({ kind, promql: buildQuery(convention, params, kind) }));
}

export function buildQuery(convention: Convention, params: QueryParams, kind: QueryKind): string {
  const l = convention.labels;
  const groupBy = [l.datacenter, l.service, l.peerDatacenter, l.peerService].join(', ');
  const selector = selectorFor(convention, params);
  const window = params.rateWindow;
  switch (kind) {
    case 'egressRate':
    case 'ingressRate': {
      const metric = kind === 'egressRate' ? convention.egressRequests : convention.ingressRequests;
      // label_replace turns "503" into status_class="5xx"; a status that is not an HTTP code
      // ("0": no response) gets no class, which the graph reads as "no response".
      return (
        `sum by (${groupBy}, ${STATUS_CLASS_LABEL}) (label_replace(` +
        `rate(${metric}${selector}[${window}]), ` +
        `${escapeLabelValue(STATUS_CLASS_LABEL)}, "\${1}xx", ${escapeLabelValue(l.status)}, "([1-5])[0-9][0-9]"))`
      );
    }
    case 'egressLatency':
    case 'ingressLatency': {
      const metric = kind === 'egressLatency' ? convention.egressDuration : convention.ingressDuration;
      return (
        `histogram_quantile(${formatNumber(params.latencyQuantile)}, ` +
        `sum by (${groupBy}, le) (rate(${metric}_bucket${selector}[${window}])))`
      );
    }
  }
}

function selectorFor(convention: Convention, params: QueryParams): string {
  const matcher = oneOfMatcher(convention.labels.datacenter, params.datacenters ?? []);
  return matcher ? `{${matcher}}` : '';
}

function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : '0.95';
}
