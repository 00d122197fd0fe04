/**
 * The sums behind a view's edges and nodes (views.ts): one edge's accumulators finished, the
 * edges landing on one pair of nodes summed, and a node's incoming and outgoing sums.
 */
import { StatsSum, adoptStats } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import type { NodeId, Thresholds, TrafficStats } from './types.ts';

/**
 * What a view reads of an edge: the accumulators of its caller view and of its callee view (when
 * both ends report it). Stats objects are made for the edges a view shows and for sums only: a
 * build has tens of thousands of edges, and every object kept to the end costs the collector.
 */
export interface EdgeAccumulators {
  readonly acc: StatsAccumulator;
  readonly callee?: StatsAccumulator | undefined;
  /** The peer values it was read from, when one is a host (see `RawEdge.hosts`). */
  readonly hosts?: ReadonlySet<string> | undefined;
}

/** The stats of a pair of nodes several edges land on, summed. */
export interface EdgeStats {
  readonly stats: TrafficStats;
  readonly calleeView: TrafficStats | undefined;
  readonly hosts?: readonly string[] | undefined;
}

/** The stats of one edge (its accumulators adopted: nobody adds to them any more). */
export function finished(edge: EdgeAccumulators, thresholds: Thresholds): EdgeStats {
  return { stats: adoptStats(edge.acc, thresholds), calleeView: edge.callee && adoptStats(edge.callee, thresholds), hosts: edge.hosts && sortedHosts([edge.hosts]) };
}

/** The hosts of edges landing on one pair of nodes, sorted; undefined when none has any. */
function sortedHosts(sets: readonly (ReadonlySet<string> | undefined)[]): readonly string[] | undefined {
  const all = new Set<string>();
  for (const set of sets) if (set) for (const host of set) all.add(host);
  return all.size > 0 ? [...all].sort() : undefined;
}

/**
 * The sum of the edges landing on one pair of nodes; the callee view only when every part has one
 * (else it would compare apples and pears).
 */
export function summed(parts: readonly EdgeAccumulators[], thresholds: Thresholds): EdgeStats {
  const stats = new StatsSum();
  const callee = new StatsSum();
  let callees = 0;
  for (const part of parts) {
    stats.addAccumulator(part.acc);
    if (part.callee) {
      callee.addAccumulator(part.callee);
      callees++;
    }
  }
  // Most parts have no hosts: no list of them to make then.
  return {
    stats: stats.finish(thresholds), calleeView: callees === parts.length ? callee.finish(thresholds) : undefined,
    hosts: parts.some(hasHosts) ? sortedHosts(parts.map((p) => p.hosts)) : undefined,
  };
}

function hasHosts(part: EdgeAccumulators): boolean {
  return part.hosts !== undefined && part.hosts.size > 0;
}

/** Adds a pair's sum when several edges land on it, else its one edge's accumulator. */
export function addTo(sum: StatsSum, pair: EdgeStats | undefined, acc: StatsAccumulator): void {
  if (pair) sum.add(pair.stats);
  else sum.addAccumulator(acc);
}

export function sumOf(map: Map<NodeId, StatsSum>, id: NodeId): StatsSum {
  let sum = map.get(id);
  if (!sum) map.set(id, (sum = new StatsSum()));
  return sum;
}
