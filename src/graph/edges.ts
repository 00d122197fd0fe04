import { egressEnds, endpointKey, ingressEnds, serviceKey } from './endpoints.ts';
import type { Endpoint, Instrumentation } from './endpoints.ts';
import { unexplainedIngress } from './sides.ts';
import { addRate, emptyAccumulator } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import type { DataProblem, LatencyRow, RateRow, TrafficInput } from './types.ts';

/** A call between two endpoints, summed over status classes, with its latency. */
export interface RawEdge {
  readonly source: Endpoint;
  readonly target: Endpoint;
  /** The view the edge shows: the caller's, or the callee's when the caller reports nothing. */
  readonly acc: StatsAccumulator;
  /** The callee's view of the same calls, when the edge is drawn from the caller's. */
  callee?: StatsAccumulator;
}

/** Where a row lands: the view an edge shows, its callee view, or a callee's caller-less total. */
type Place =
  | { readonly to: 'edge' | 'callee'; readonly ends: [Endpoint, Endpoint] }
  | { readonly to: 'total'; readonly callee: Endpoint & { kind: 'service' } };
type Placer = (row: RateRow | LatencyRow) => Place;

/**
 * Every caller->callee call of the input: egress rows give the caller's view; ingress rows add
 * calls whose caller does not report egress (the internet, uninstrumented callers) and, for calls
 * it does report, the callee's view next to it. Ingress totals that do not name callers (Linkerd
 * inbound, Micrometer, OTel HTTP) are compared with what known callers sent; a clear remainder
 * is drawn from the internet node ("outside or unknown callers").
 */
export function collectEdges(input: TrafficInput, inst: Instrumentation, internetPeers: readonly string[], problems: DataProblem[]): RawEdge[] {
  const edges = new Map<string, RawEdge>();
  const totals = new Map<string, RawEdge>();
  const egress: Placer = (row) => ({ to: 'edge', ends: egressEnds(row, inst) });
  const ingress: Placer = (row) => {
    if (row.peerUnknown) return { to: 'total', callee: { kind: 'service', dc: row.datacenter, name: row.service } };
    const { ends, callerReports } = ingressEnds(row, inst, internetPeers);
    return { to: callerReports ? 'callee' : 'edge', ends };
  };
  addRates(edges, totals, input.egressRate, egress, 'egressRate', problems);
  addRates(edges, totals, input.ingressRate, ingress, 'ingressRate', problems);
  addLatencies(edges, totals, input.egressLatency, egress);
  addLatencies(edges, totals, input.ingressLatency, ingress);
  for (const total of totals.values()) {
    const rest = unexplainedIngress(total.acc, [...edges.values()].filter((e) => endpointKey(e.target) === endpointKey(total.target)));
    if (!rest) continue;
    const key = edgeKey([total.source, total.target]);
    const edge = edges.get(key);
    if (edge) for (const [cls, value] of Object.entries(rest.byClass) as [keyof typeof rest.byClass, number][]) addRate(edge.acc, cls, value);
    else edges.set(key, { source: total.source, target: total.target, acc: rest });
  }
  return [...edges.values()];
}

function edgeKey(ends: [Endpoint, Endpoint]): string {
  return `${endpointKey(ends[0])}\u0001${endpointKey(ends[1])}`;
}

/** The accumulator a row adds to, created on first use; null when the row has nowhere to go. */
function target(edges: Map<string, RawEdge>, totals: Map<string, RawEdge>, place: Place, create: boolean): StatsAccumulator | null {
  if (place.to === 'total') {
    const key = serviceKey(place.callee.dc, place.callee.name);
    let total = totals.get(key);
    if (!total && create) {
      total = { source: { kind: 'internet' }, target: place.callee, acc: emptyAccumulator() };
      totals.set(key, total);
    }
    return total?.acc ?? null;
  }
  const key = edgeKey(place.ends);
  let edge = edges.get(key);
  if (place.to === 'callee') {
    // Only beside the caller's view: a call the caller's egress lacks stays as before (not drawn).
    if (!edge) return null;
    if (!edge.callee && create) edge.callee = emptyAccumulator();
    return edge.callee ?? null;
  }
  if (!edge && create) {
    edge = { source: place.ends[0], target: place.ends[1], acc: emptyAccumulator() };
    edges.set(key, edge);
  }
  return edge?.acc ?? null;
}

function addRates(
  edges: Map<string, RawEdge>, totals: Map<string, RawEdge>, rows: readonly RateRow[], place: Placer, query: string, problems: DataProblem[],
): void {
  const seen = new Set<string>();
  let duplicates = 0;
  let example = '';
  for (const row of rows) {
    // A series seen twice (two servers holding the same data) would double the rate. The series
    // is its label set, not the edge it lands on: "internet" and "" on ingress, or a callee with
    // and without peer_datacenter, are different series of one edge and are summed.
    const seriesKey = [row.datacenter, row.service, row.peerDatacenter, row.peerService, row.statusClass].join('\u0000');
    if (seen.has(seriesKey)) {
      duplicates++;
      example ||= `${row.datacenter}/${row.service} -> ${row.peerDatacenter}/${row.peerService} ${row.statusClass}`;
      continue;
    }
    seen.add(seriesKey);
    const acc = target(edges, totals, place(row), true);
    if (acc) addRate(acc, row.statusClass, row.value);
  }
  if (duplicates > 0) problems.push({ kind: 'duplicate-series', query, count: duplicates, example });
}

function addLatencies(edges: Map<string, RawEdge>, totals: Map<string, RawEdge>, rows: readonly LatencyRow[], place: Placer): void {
  for (const row of rows) {
    const acc = target(edges, totals, place(row), false);
    if (!acc || Number.isNaN(row.value)) continue;
    acc.latency = Number.isNaN(acc.latency) ? row.value : Math.max(acc.latency, row.value);
  }
}
