/**
 * Recognises the view queries (conventions/viewQueries.ts) of the standard convention and answers
 * them from the platform model: the plan in the query's comment line is read back, the query is
 * rebuilt from it and must be the very same text (so the simulated Prometheus cannot drift from
 * the app's query plan), then each series' ends are rewritten into the view's nodes in JS with
 * the meaning the PromQL has, and summed (histograms before their quantile, as `sum by (le)`).
 */
import { buildServiceListQuery, SERVICE_LIST_LABELS } from '../conventions/serviceListQuery.ts';
import { buildViewQuery, DATACENTER_NODE, elidesHome, PLAN_COMMENT, sideLabels } from '../conventions/viewQueries.ts';
import type { PlanHeader } from '../conventions/viewQueries.ts';
import { standardConvention } from '../conventions/standard.ts';
import { QUERY_KINDS, sideOf } from '../conventions/types.ts';
import type { QueryKind } from '../conventions/types.ts';
import { compileGroupRule, groupByRule } from '../graph/scope.ts';
import type { GroupSource, ViewScope } from '../graph/scope.ts';
import { parseDurationMs } from '../prometheus/duration.ts';
import { evaluateQuery, windowTimes } from './evaluate.ts';
import type { EvaluatedSample, NodeMapper, TrafficModel } from './evaluate.ts';
import type { SeriesTraffic } from './platform/model.ts';

export type ParsedView =
  | { readonly ok: true; readonly evaluate: (timeMs: number, model: TrafficModel) => readonly EvaluatedSample[] }
  | { readonly ok: false; readonly error: string };

/** null: not a view query (no plan comment). */
export function parseViewQuery(promql: string): ParsedView | null {
  if (!promql.startsWith(PLAN_COMMENT)) return null;
  const end = promql.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(promql.slice(PLAN_COMMENT.length, end < 0 ? undefined : end));
  } catch {
    return { ok: false, error: 'the simulated Prometheus could not read the plan comment of a view query' };
  }
  const h = header as Omit<Partial<PlanHeader>, 'kind' | 'recorded'> & { kind?: string; grouping?: GroupSource | null; datacenters?: readonly string[]; recorded?: unknown };
  const grouping = h.grouping ?? null;
  const datacenters = h.datacenters;
  if (h.kind === 'services') {
    // Recorded series (config `recordingRules`) hold the same rates: the model answers both.
    const recordedWindow = typeof h.recorded === 'string' ? h.recorded : undefined;
    if (buildServiceListQuery(standardConvention, grouping, datacenters, recordedWindow) !== promql) return mismatch(promql);
    return { ok: true, evaluate: (timeMs, model) => serviceList(timeMs, model, grouping, datacenters) };
  }
  const kind = QUERY_KINDS.find((k) => k === h.kind);
  if (!kind || !h.scope || typeof h.rateWindow !== 'string' || typeof h.latencyQuantile !== 'number') return mismatch(promql);
  const params = { rateWindow: h.rateWindow, latencyQuantile: h.latencyQuantile, grouping, ...(datacenters ? { datacenters } : {}), ...(h.recorded === true ? { recorded: true } : {}) };
  // A baseline query (the view's total rates `offset` earlier): answered from the model at that earlier time.
  const baseline = typeof h.baseline === 'string' ? h.baseline : undefined;
  const offsetMs = baseline === undefined ? 0 : parseDurationMs(baseline);
  if (offsetMs === null || buildViewQuery(standardConvention, params, h.scope, kind, baseline) !== promql) return mismatch(promql);
  const windowMs = parseDurationMs(h.rateWindow) ?? 0;
  const scope = h.scope;
  return {
    ok: true,
    evaluate: (timeMs, model) => evaluateQuery(
      {
        kind, rateWindow: h.rateWindow as string, windowMs, quantile: h.latencyQuantile as number, ...(datacenters ? { datacenters } : {}),
        ...(baseline !== undefined ? { total: true } : {}),
        ...(elidesHome(sideLabels(standardConvention, sideOf(standardConvention, kind)), scope) ? { home: scope.dc } : {}),
      },
      timeMs - offsetMs, model, nodeMapper(scope, grouping, kind),
    ),
  };
}

function mismatch(promql: string): ParsedView {
  return { ok: false, error: `the simulated Prometheus only answers the traffic-map view queries of the standard convention; got: ${promql.slice(0, 200)}` };
}

/** What `mapNodes` (viewQueries.ts) does to a series of the standard convention, in JS. */
export function nodeMapper(scope: ViewScope, grouping: GroupSource | null, kind: QueryKind): NodeMapper {
  const egress = kind === 'egressRate' || kind === 'egressLatency';
  const internet = new Set(egress ? [] : [...standardConvention.internetPeers, '']);
  const rule = grouping?.kind === 'rule' ? compileGroupRule(grouping.regex) : null;
  // The standard convention has no namespace or group labels: a group comes from the rule, else the name.
  const group = (name: string): string => (rule ? (groupByRule(rule, name) ?? name) : name);
  const peerOf = (s: SeriesTraffic, mapped: string): string => (internet.has(s.peerService) ? s.peerService : mapped);
  return (s) => {
    if (scope.level === 'global') return { node: DATACENTER_NODE, peerNode: peerOf(s, DATACENTER_NODE) };
    const dc = scope.dc;
    const inScope = s.datacenter === dc || (egress && s.peerDatacenter === dc);
    if (scope.level === 'focus') {
      const own = s.datacenter === dc && s.service === scope.service;
      const asPeer = s.peerService === scope.service && (s.datacenter === dc || s.peerDatacenter === dc);
      return own || asPeer ? { node: s.service, peerNode: peerOf(s, s.peerService) } : null;
    }
    if (!inScope) return null;
    // An end in another datacenter is named by it (the caller on the egress side; the other end by its label).
    const own = (name: string): string => (egress && s.datacenter !== '' && s.datacenter !== dc ? s.datacenter : name);
    const peer = (name: string): string => peerOf(s, s.peerDatacenter !== '' && s.peerDatacenter !== dc ? s.peerDatacenter : name);
    const grouped = grouping !== null && (scope.level === 'group' || scope.grouped);
    if (!grouped) return { node: own(s.service), peerNode: peer(s.peerService) };
    const g = group(s.service);
    const pg = group(s.peerService);
    if (scope.level === 'datacenter') return { node: own(g), peerNode: peer(pg) };
    // The group in this datacenter on either end (a callee's datacenter is the caller's when unsaid).
    const ownInside = s.datacenter === dc && g === scope.group;
    const peerInside = pg === scope.group && (s.peerDatacenter === dc || (s.peerDatacenter === '' && s.datacenter === dc));
    if (!ownInside && !peerInside) return null;
    return { node: own(g === scope.group ? s.service : g), peerNode: peer(pg === scope.group ? s.peerService : pg) };
  };
}

function serviceList(timeMs: number, model: TrafficModel, grouping: GroupSource | null, datacenters: readonly string[] | undefined): EvaluatedSample[] {
  const snapshot = model(windowTimes(timeMs, 60_000)[0] ?? timeMs);
  const rule = grouping?.kind === 'rule' ? compileGroupRule(grouping.regex) : null;
  const allowed = datacenters ? new Set(datacenters) : null;
  const seen = new Map<string, EvaluatedSample>();
  for (const s of [...snapshot.egress, ...snapshot.ingress]) {
    if (allowed && !allowed.has(s.datacenter)) continue;
    const key = `${s.datacenter}\u0000${s.service}`;
    if (seen.has(key)) continue;
    const metric: Record<string, string> = { [SERVICE_LIST_LABELS.datacenter]: s.datacenter, [SERVICE_LIST_LABELS.service]: s.service };
    if (grouping) metric[SERVICE_LIST_LABELS.group] = rule ? (groupByRule(rule, s.service) ?? s.service) : s.service;
    seen.set(key, { metric, value: 1 });
  }
  return [...seen.values()];
}
