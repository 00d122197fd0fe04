import { egressEnds, endpointKey, ingressEnds } from './endpoints.ts';
import type { Endpoint, Instrumentation } from './endpoints.ts';
import { addRate, emptyAccumulator } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import type { DataProblem, LatencyRow, RateRow, TrafficInput } from './types.ts';

/** A call between two endpoints, summed over status classes, with its latency. */
export interface RawEdge {
  readonly source: Endpoint;
  readonly target: Endpoint;
  readonly acc: StatsAccumulator;
}

type Ends = (row: RateRow | LatencyRow) => [Endpoint, Endpoint] | null;

/**
 * Every caller->callee call of the input: egress rows give the caller's view; ingress rows add
 * only calls whose caller does not report egress (the internet, uninstrumented callers).
 */
export function collectEdges(input: TrafficInput, inst: Instrumentation, internetPeers: readonly string[], problems: DataProblem[]): RawEdge[] {
  const edges = new Map<string, RawEdge>();
  const egress: Ends = (row) => egressEnds(row, inst);
  const ingress: Ends = (row) => ingressEnds(row, inst, internetPeers);
  addRates(edges, input.egressRate, egress, 'egressRate', problems);
  addRates(edges, input.ingressRate, ingress, 'ingressRate', problems);
  addLatencies(edges, input.egressLatency, egress);
  addLatencies(edges, input.ingressLatency, ingress);
  return [...edges.values()];
}

function edgeKey(ends: [Endpoint, Endpoint]): string {
  return `${endpointKey(ends[0])}\u0001${endpointKey(ends[1])}`;
}

function addRates(edges: Map<string, RawEdge>, rows: readonly RateRow[], ends: Ends, query: string, problems: DataProblem[]): void {
  const seen = new Set<string>();
  let duplicates = 0;
  let example = '';
  for (const row of rows) {
    const pair = ends(row);
    if (!pair) continue;
    const key = edgeKey(pair);
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
    let edge = edges.get(key);
    if (!edge) {
      edge = { source: pair[0], target: pair[1], acc: emptyAccumulator() };
      edges.set(key, edge);
    }
    addRate(edge.acc, row.statusClass, row.value);
  }
  if (duplicates > 0) problems.push({ kind: 'duplicate-series', query, count: duplicates, example });
}

function addLatencies(edges: Map<string, RawEdge>, rows: readonly LatencyRow[], ends: Ends): void {
  for (const row of rows) {
    const pair = ends(row);
    if (!pair) continue;
    const edge = edges.get(edgeKey(pair));
    if (!edge || Number.isNaN(row.value)) continue;
    edge.acc.latency = Number.isNaN(edge.acc.latency) ? row.value : Math.max(edge.acc.latency, row.value);
  }
}
