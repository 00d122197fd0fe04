import { edgeEndsKey, egressEnds, endpointKey, ingressEnds, serviceKey } from './endpoints.ts';
import type { Endpoint, Instrumentation } from './endpoints.ts';
import { unexplainedIngress } from './sides.ts';
import { addRate, emptyAccumulator } from './stats.ts';
import { MAX_SAMPLE } from './types.ts';
import type { StatsAccumulator } from './stats.ts';
import type { DataProblem, LatencyRow, RateRow, StatusClass, TrafficInput } from './types.ts';

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

/** One series of a rate query without its status class: where it lands, and the classes seen. */
interface Series {
  readonly acc: StatsAccumulator | null;
  /** Whether the series names no callers (then it is a callee's total). */
  readonly unknown: boolean;
  /** Status classes already added (a bit each): a second series of one class is a duplicate. */
  seen: number;
}

const CLASS_BIT: Readonly<Record<StatusClass, number>> = { '1xx': 1, '2xx': 2, '3xx': 4, '4xx': 8, '5xx': 16, none: 32 };

/**
 * Every caller->callee call of the input: egress rows give the caller's view; ingress rows add
 * calls whose caller does not report egress (the internet, uninstrumented callers) and, for calls
 * it does report, the callee's view next to it. Ingress totals that do not name callers (Linkerd
 * inbound, Micrometer, OTel HTTP) are compared with what known callers sent; a clear remainder
 * is drawn from the internet node ("outside or unknown callers").
 *
 * Rows are keyed by series once (one string per row) and each series is placed once, whatever
 * the number of its status classes; latency rows reuse the placement of their rate series.
 */
export function collectEdges(input: TrafficInput, inst: Instrumentation, internetPeers: readonly string[], problems: DataProblem[]): RawEdge[] {
  const edges = new Map<string, RawEdge>();
  const totals = new Map<string, RawEdge>();
  const peersOutside = new Set(internetPeers);
  const egress: Placer = (row) => ({ to: 'edge', ends: egressEnds(row, inst) });
  const ingress: Placer = (row) => {
    if (row.peerUnknown) return { to: 'total', callee: { kind: 'service', dc: row.datacenter, name: row.service } };
    const { ends, callerReports } = ingressEnds(row, inst, peersOutside);
    return { to: callerReports ? 'callee' : 'edge', ends };
  };
  const egressSeries = new SeriesIndex();
  const ingressSeries = new SeriesIndex();
  addRates(edges, totals, egressSeries, input.egressRate, egress, 'egressRate', problems);
  addRates(edges, totals, ingressSeries, input.ingressRate, ingress, 'ingressRate', problems);
  addLatencies(edges, totals, egressSeries, input.egressLatency, egress);
  addLatencies(edges, totals, ingressSeries, input.ingressLatency, ingress);
  if (totals.size === 0) return [...edges.values()];

  const byTarget = new Map<string, RawEdge[]>();
  for (const edge of edges.values()) {
    const key = endpointKey(edge.target);
    const list = byTarget.get(key);
    if (list) list.push(edge);
    else byTarget.set(key, [edge]);
  }
  for (const total of totals.values()) {
    const rest = unexplainedIngress(total.acc, byTarget.get(endpointKey(total.target)) ?? []);
    if (!rest) continue;
    const key = edgeEndsKey(total.source, total.target);
    const edge = edges.get(key);
    if (edge) for (const [cls, value] of Object.entries(rest.byClass) as [keyof typeof rest.byClass, number][]) addRate(edge.acc, cls, value);
    else edges.set(key, { source: total.source, target: total.target, acc: rest });
  }
  return [...edges.values()];
}

type Level<T> = Map<string, T>;

/**
 * Series by label set without the status class (datacenter, service, peer datacenter, peer
 * service): nested maps, so that a lookup builds no key string. Rows of one series usually
 * come one after the other (one per status class): the last one found is tried first.
 */
class SeriesIndex {
  private readonly root: Level<Level<Level<Level<Series>>>> = new Map();
  private last: Series | undefined;
  private lastRow: RateRow | LatencyRow | undefined;

  get(row: RateRow | LatencyRow): Series | undefined {
    const prev = this.lastRow;
    if (prev && prev.datacenter === row.datacenter && prev.service === row.service && prev.peerDatacenter === row.peerDatacenter && prev.peerService === row.peerService) {
      return this.last;
    }
    const found = this.root.get(row.datacenter)?.get(row.service)?.get(row.peerDatacenter)?.get(row.peerService);
    if (found) this.remember(row, found);
    return found;
  }

  set(row: RateRow | LatencyRow, series: Series): void {
    this.remember(row, series);
    let a = this.root.get(row.datacenter);
    if (!a) this.root.set(row.datacenter, (a = new Map()));
    let b = a.get(row.service);
    if (!b) a.set(row.service, (b = new Map()));
    let c = b.get(row.peerDatacenter);
    if (!c) b.set(row.peerDatacenter, (c = new Map()));
    c.set(row.peerService, series);
  }

  private remember(row: RateRow | LatencyRow, series: Series): void {
    this.lastRow = row;
    this.last = series;
  }
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
  const key = edgeEndsKey(place.ends[0], place.ends[1]);
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
  edges: Map<string, RawEdge>, totals: Map<string, RawEdge>, series: SeriesIndex, rows: readonly RateRow[], place: Placer, query: string,
  problems: DataProblem[],
): void {
  let duplicates = 0;
  let example = '';
  for (const row of rows) {
    if (!(row.value >= 0 && row.value <= MAX_SAMPLE)) continue;
    // Prometheus never answers two series with one label set, but a sum over a label the query
    // does not keep, or a recording rule next to the raw metric, are different series of one edge and are summed.
    let s = series.get(row);
    if (!s) {
      s = { acc: target(edges, totals, place(row), true), unknown: row.peerUnknown === true, seen: 0 };
      series.set(row, s);
    }
    const bit = CLASS_BIT[row.statusClass];
    if ((s.seen & bit) !== 0) {
      duplicates++;
      example ||= `${row.datacenter}/${row.service} -> ${row.peerDatacenter}/${row.peerService} ${row.statusClass}`;
      continue;
    }
    s.seen |= bit;
    // One query reads one side, so `peerUnknown` is the same on all its rows; placed apart if not.
    const acc = s.unknown === (row.peerUnknown === true) ? s.acc : target(edges, totals, place(row), true);
    if (acc) addRate(acc, row.statusClass, row.value);
  }
  if (duplicates > 0) problems.push({ kind: 'duplicate-series', query, count: duplicates, example });
}

function addLatencies(
  edges: Map<string, RawEdge>, totals: Map<string, RawEdge>, series: SeriesIndex, rows: readonly LatencyRow[], place: Placer,
): void {
  for (const row of rows) {
    if (Number.isNaN(row.value)) continue;
    const known = series.get(row);
    const acc = known && known.unknown === (row.peerUnknown === true) ? known.acc : target(edges, totals, place(row), false);
    if (!acc) continue;
    acc.latency = Number.isNaN(acc.latency) ? row.value : Math.max(acc.latency, row.value);
  }
}
