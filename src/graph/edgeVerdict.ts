import { disagreementOf } from './sides.ts';
import { healthOf } from './stats.ts';
import type { NodeId, Thresholds, TrafficEdge, TrafficStats } from './types.ts';

/** What an edge shows besides its stats: health, and the callee's view when both ends report. */
export type EdgeVerdict = Pick<TrafficEdge, 'health' | 'notice' | 'calleeView' | 'disagreement'>;

/** Health of an edge's stats, and its callee view with any disagreement between the two. */
export function verdictOf(stats: TrafficStats, calleeView: TrafficStats | undefined, thresholds: Thresholds): EdgeVerdict {
  const verdict = healthOf(stats, thresholds);
  if (!calleeView) return verdict;
  const disagreement = disagreementOf(stats, calleeView, thresholds);
  const { health, notice } = verdict;
  // Literals, not spreads: one per edge of a large platform.
  if (notice === undefined) return disagreement ? { health, calleeView, disagreement } : { health, calleeView };
  return disagreement ? { health, notice, calleeView, disagreement } : { health, notice, calleeView };
}

/** `{ source, target, stats, ...verdict }`, as a literal (a spread per edge and view costs). */
export function edgeOf(source: NodeId, target: NodeId, stats: TrafficStats, verdict: EdgeVerdict): TrafficEdge {
  const { health, notice, calleeView, disagreement } = verdict;
  if (calleeView === undefined) return notice === undefined ? { source, target, stats, health } : { source, target, stats, health, notice };
  if (disagreement === undefined) {
    return notice === undefined ? { source, target, stats, health, calleeView } : { source, target, stats, health, notice, calleeView };
  }
  return notice === undefined
    ? { source, target, stats, health, calleeView, disagreement }
    : { source, target, stats, health, notice, calleeView, disagreement };
}
