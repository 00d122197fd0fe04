import { groupRulePrefilter } from './groupPrefilter.ts';
import { clearIfBothEqual } from './labelRewrites.ts';
import { isIngress, mapNodes, remoteEnds } from './viewNodes.ts';
import { buildShapedQuery } from './queries.ts';
import { recordedName } from './recordingRules.ts';
import { globalSeries, innerLabels } from './globalViewQuery.ts';
import { DC_LABEL, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from './viewLabels.ts';
import type { SideLabels } from './viewLabels.ts';
import { escapeLabelValue, escapeRegex, oneOfMatcher } from './promql.ts';
import { QUERY_KINDS, labelOf, metricOf, sideOf } from './types.ts';
import type { BuiltQuery, Convention, ConventionSide, QueryKind, QueryParams } from './types.ts';
import type { GroupSource, ViewScope } from '../graph/scope.ts';

/**
 * The query plan of one view: the same four query kinds as `buildQueries`, scoped to what the view
 * draws and aggregated server-side to the view's nodes. Each series' own end and other end are
 * rewritten (with `label_replace` / `label_join`, so Prometheus does the aggregation) into
 * `tm_node` / `tm_peer`:
 *
 * | level      | series asked for                          | a node is                                  |
 * |------------|-------------------------------------------|--------------------------------------------|
 * | global     | every series                              | its datacenter ("*" in it; internet peers kept) |
 * | datacenter | own end in the datacenter, or callee in it | the service, or its group when grouped     |
 * | group      | the group on either end                   | a service of the group, else its group     |
 * | focus      | the service on either end                 | the service                                |
 *
 * The answers read like any other with `viewConvention(convention)`. The number of queries is
 * four whatever the view; each answer is bounded by what the view draws. A comment line names the
 * plan, so a query log (and the demo's simulated Prometheus) can tell what was asked.
 */

export interface ViewQueryParams extends QueryParams {
  /** Where groups come from; null = no groups (then a grouped scope is read flat). */
  readonly grouping: GroupSource | null;
  /**
   * Read the series the recording rules of `npm run rules` record (config `recordingRules`), at
   * `rateWindow`, instead of `rate()` over the raw series.
   */
  readonly recorded?: boolean;
}

/** The header line of every view query: what was asked, as JSON (PromQL comments end the line). */
export const PLAN_COMMENT = '# traffic-map ';

export interface PlanHeader {
  readonly kind: QueryKind;
  readonly scope: ViewScope;
  readonly grouping: GroupSource | null;
  readonly rateWindow: string;
  readonly latencyQuantile: number;
  readonly datacenters?: readonly string[];
  readonly recorded?: true;
  /** A baseline query (rate kinds only): the total rate per node and edge this long before (`offset`). */
  readonly baseline?: string;
}

export { DATACENTER_NODE, DC, DC_LABEL, GROUP, NAME, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from './viewLabels.ts';
export { viewConvention } from './viewConvention.ts';

export function buildViewQueries(convention: Convention, params: ViewQueryParams, scope: ViewScope): readonly BuiltQuery[] {
  return QUERY_KINDS.map((kind) => ({ kind, promql: buildViewQuery(convention, params, scope, kind) }));
}

/**
 * The baseline of a view (src/baseline): its two rate queries `offset` earlier, light (one total
 * rate per node and edge: no status classes, no latency). Two more queries per refresh, whatever the view.
 */
export function buildBaselineQueries(convention: Convention, params: ViewQueryParams, scope: ViewScope, offset: string): readonly BuiltQuery[] {
  return (['egressRate', 'ingressRate'] as const).map((kind) => ({ kind, promql: buildViewQuery(convention, params, scope, kind, offset) }));
}

export function buildViewQuery(convention: Convention, params: ViewQueryParams, scope: ViewScope, kind: QueryKind, baseline?: string): string {
  const side = sideOf(convention, kind);
  const labels = sideLabels(convention, side);
  const ingress = kind === 'ingressRate' || kind === 'ingressLatency';
  const internet = ingress ? [...convention.internetPeers, ''] : null;
  const branches = branchesOf(convention, side, labels, params, scope);
  const window = params.rateWindow;
  const by = [labels.dc ? DC_LABEL : '', NODE_LABEL, labels.peerDc ? PEER_DC_LABEL : '', labels.peer ? PEER_NODE_LABEL : '', ...(side.keep ?? []).map((r) => labelOf(convention, r))]
    .filter((l) => l !== '');
  const header: PlanHeader = {
    kind, scope, grouping: params.grouping, rateWindow: window, latencyQuantile: params.latencyQuantile,
    ...(params.datacenters && params.datacenters.length > 0 ? { datacenters: params.datacenters } : {}),
    ...(params.recorded ? { recorded: true as const } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
  };
  const offset = baseline !== undefined ? ` offset ${baseline}` : '';
  const shape = {
    by: [...new Set(by)],
    recorded: params.recorded === true,
    series: (metric: string) => {
      // A recorded series is the rate already, summed by the labels the selectors use.
      const rate = (b: string): string => (params.recorded ? `${recordedName(metric, window)}${b}${offset}` : `rate(${metric}${b}[${window}]${offset})`);
      if (scope.level === 'global') return globalSeries(rate, branches, labels, internet, innerLabels(convention, side, kind, params.recorded === true));
      const rates = branches.map(rate);
      const raw = rates.length === 1 ? (rates[0] as string) : `(${rates.join(' or ')})`;
      const inner = innerLabels(convention, side, kind, params.recorded === true);
      // What names the nodes: both ends (and the group labels).
      const ends = [...new Set([
        labels.dc, labels.service, labels.namespace, labels.peerDc, labels.peer, labels.peerNamespace,
        ...(params.grouping?.kind === 'label' ? [params.grouping.label, params.grouping.peerLabel] : []),
      ])].filter((x) => x !== '' && !inner.includes(x));
      // Summed by the labels the rewrites and the final sum read before they run: a platform with
      // a series per pod (or version, or any other label) gives them far fewer series to rewrite.
      // After the union, so a series two branches select counts once.
      const keyed = `sum by (${[...ends, ...inner].join(', ')}) (${raw})`;
      const mapped = (x: string): string => mapNodes(x, labels, scope, params.grouping, internet, remoteEnds(convention, side, labels, scope), convention.unknownValues);
      if (kind !== 'egressLatency' && kind !== 'ingressLatency') return mapped(keyed);
      // A histogram has a series per bucket (10-20 per pair of ends), and a label rewrite costs
      // Prometheus per series it rewrites (at 2,000 services a datacenter view's buckets are 100,000
      // series): the nodes are named on one series per pair of ends, from its +Inf bucket (every
      // histogram has one; without it there is no quantile) in the window (a superset of the pairs
      // with a rate; a recorded series as the rates read it), then given to the buckets by a join.
      const present = (b: string): string => {
        const sel = withMatcher(b, 'le="+Inf"');
        return params.recorded ? `${recordedName(metric, window)}${sel}${offset}` : `last_over_time(${metric}${sel}[${window}]${offset})`;
      };
      // `le` (only "+Inf" here) stays on the pairs: without it, VictoriaMetrics 1.79.5 (Debian's)
      // named a caller by its callee in this chain of rewrites (victoria-metrics.spec checks it).
      const named = mapped(`group by (${[...ends, 'le'].join(', ')}) (${branches.map(present).join(' or ')})`);
      const nodeLabels = [labels.dc ? DC_LABEL : '', NODE_LABEL, labels.peerDc ? PEER_DC_LABEL : '', labels.peer ? PEER_NODE_LABEL : ''].filter((l) => l !== '');
      return `${keyed} * on (${ends.join(', ')}) group_left (${nodeLabels.join(', ')}) ${named}`;
    },
  };
  const query = baseline !== undefined
    ? `sum by (${shape.by.join(', ')}) (${shape.series(metricOf(convention, side.requests))})`
    : buildShapedQuery(convention, params, kind, shape);
  return `${PLAN_COMMENT}${JSON.stringify(header)}\n${elidesHome(labels, scope) ? clearIfBothEqual(query, DC_LABEL, PEER_DC_LABEL, scope.dc) : query}`;
}


/** A selector (`{...}` or '') with one more matcher. */
function withMatcher(selector: string, matcher: string): string {
  return selector === '' ? `{${matcher}}` : `{${matcher}, ${selector.slice(1)}`;
}

/**
 * Whether a view's answers leave out the datacenters of a series whose two ends are both in the
 * view's own datacenter (most series of a datacenter, group or focus view): `tm_dc` and `tm_pdc`
 * are then absent, a fifth of each sample's bytes. `viewConvention(convention, scope.dc)` reads
 * them back. Only where the side has both labels: a series selected by the view always has one of
 * them, so both absent says "home" and nothing else.
 */
export function elidesHome(labels: Pick<SideLabels, 'dc' | 'peerDc'>, scope: ViewScope): scope is Exclude<ViewScope, { level: 'global' }> {
  return scope.level !== 'global' && labels.dc !== '' && labels.peerDc !== '';
}

export function sideLabels(convention: Convention, side: ConventionSide): SideLabels {
  const r = side.roles;
  return {
    dc: labelOf(convention, r.datacenter),
    service: labelOf(convention, r.service),
    namespace: labelOf(convention, r.serviceNamespace),
    peer: labelOf(convention, r.peerService),
    peerNamespace: labelOf(convention, r.peerNamespace),
    peerDc: labelOf(convention, r.peerDatacenter),
  };
}

export const eq = (label: string, value: string): string => `${label}=${escapeLabelValue(value)}`;

/** The selectors whose union the view reads (each `{...}`), cheap pre-filters of the exact scope. */
function branchesOf(convention: Convention, side: ConventionSide, l: SideLabels, params: ViewQueryParams, scope: ViewScope): string[] {
  const base = side.select.map((m) => eq(labelOf(convention, m.role), m.value));
  const restrict = oneOfMatcher(l.dc, params.datacenters ?? []);
  if (restrict) base.push(restrict);
  const sel = (...more: string[]): string => {
    const all = [...base, ...more];
    return all.length > 0 ? `{${all.join(', ')}}` : '';
  };
  if (scope.level === 'global') return [sel()];
  const dc = scope.dc;
  const inDc = eq(l.dc, dc);
  const ingress = isIngress(side, convention);
  // Calls from other datacenters into this one: by the peer's datacenter label, or, where peers
  // are hosts without one (Micrometer, OTel HTTP), by hosts that name the datacenter
  // (`orders.eu-west.internal`, `orders-eu-west.global.example`), resolved after the answers.
  const intoDc = l.peerDc
    ? eq(l.peerDc, dc)
    : convention.peersAreHosts && l.peer && !ingress
      ? `${l.dc}!=${escapeLabelValue(dc)}, ${l.peer}=~${escapeLabelValue(`.*${escapeRegex(dc)}.*`)}`
      : '';
  if (scope.level === 'focus') {
    const [name, ns] = splitQualified(scope.service, l.namespace !== '');
    const own = [eq(l.service, name), ...(l.namespace ? [eq(l.namespace, ns)] : [])];
    // Callees named by host (`orders.shop.svc.cluster.local`, `orders:8080`) are resolved after
    // the answers: the peer side asks for every value that starts with the name.
    const peerName = convention.peersAreHosts
      ? `${l.peer}=~${escapeLabelValue(`${escapeRegex(name)}(?:[.:-].*)?`)}`
      : eq(l.peer, name);
    const asPeer = l.peer ? [peerName, ...(l.peerNamespace ? [eq(l.peerNamespace, ns)] : [])] : null;
    return [
      sel(inDc, ...own),
      ...(asPeer ? [sel(inDc, ...asPeer)] : []),
      ...(asPeer && intoDc ? [sel(intoDc, ...asPeer)] : []),
    ];
  }
  // A group of a label: its matchers pre-filter exactly. A group of a rule is filtered after
  // mapping; its selectors are narrowed by the rule made literal (groupPrefilter.ts) where an end
  // is a bare name (with a namespace the rule reads `name.namespace`, which no matcher sees).
  const group = scope.level === 'group' ? scope.group : null;
  const source = params.grouping;
  const ownGroup = group !== null && source ? groupMatcher(source, l, false, group) : null;
  const peerGroup = group !== null && source ? groupMatcher(source, l, true, group) : null;
  if (ownGroup === null || peerGroup === null) {
    return [sel(inDc), ...(intoDc && !ingress ? [sel(intoDc)] : [])];
  }
  return [
    sel(inDc, ownGroup),
    ...(peerGroup ? [sel(inDc, peerGroup)] : []),
    ...(peerGroup && intoDc ? [sel(intoDc, peerGroup)] : []),
  ];
}

/**
 * A matcher selecting (a superset of) a group on one end; null when none can (a rule over a
 * qualified name); '' when that end has no label.
 */
function groupMatcher(source: GroupSource, l: SideLabels, peer: boolean, group: string): string | null {
  if (source.kind === 'rule') {
    const label = peer ? l.peer : l.service;
    if (label === '') return '';
    if ((peer ? l.peerNamespace : l.namespace) !== '') return null;
    const prefilter = groupRulePrefilter(source.regex, group);
    return prefilter === null ? null : `${label}=~${escapeLabelValue(prefilter)}`;
  }
  const label = source.kind === 'namespace' ? (peer ? l.peerNamespace : l.namespace) : (peer ? (l.peer ? source.peerLabel : '') : source.label);
  if (source.kind === 'namespace' && label === '') return null;
  return label ? eq(label, group) : '';
}

/** `name.namespace` split at its last dot, when the convention has namespaces. */
export function splitQualified(service: string, hasNamespace: boolean): [string, string] {
  if (!hasNamespace) return [service, ''];
  const at = service.lastIndexOf('.');
  return at <= 0 ? [service, ''] : [service.slice(0, at), service.slice(at + 1)];
}
