import type { RuleVerdict } from './healthRules.ts';
import { disagreementOf } from './sides.ts';
import type { Thresholds, TrafficEdge, TrafficStats } from './types.ts';

/** What an edge shows besides its ends and stats: health, and the callee's view when both ends report. */
export type EdgeVerdict = Pick<TrafficEdge, 'health' | 'notice' | 'calleeView' | 'disagreement'>;

/** An edge between ends of any kind (endpoints before placing, node ids in a view), judged. */
export type JudgedEdge<End> = Omit<TrafficEdge, 'source' | 'target'> & { readonly source: End; readonly target: End };

/**
 * The edge with its health, and its callee view with any disagreement between the two: one
 * literal per edge (a build makes one per edge a view shows; a spread or a verdict object apart costs).
 */
export function judgedEdge<End>(
  source: End, target: End, stats: TrafficStats, calleeView: TrafficStats | undefined, thresholds: Thresholds, verdict: RuleVerdict,
): JudgedEdge<End> {
  const { health, notice, healthReason } = verdict;
  const edge = !calleeView
    ? (notice === undefined ? { source, target, stats, health } : { source, target, stats, health, notice })
    : withVerdict(source, target, stats, { health, notice, calleeView, disagreement: disagreementOf(stats, calleeView, thresholds) });
  // Set only with latency thresholds or overrides, or on unhealthy edges (a shared text per rule and value).
  return healthReason === undefined ? edge : { ...edge, healthReason };
}

/** `{ source, target, stats, ...verdict }` without the keys the verdict leaves undefined, as a literal. */
function withVerdict<End>(source: End, target: End, stats: TrafficStats, verdict: EdgeVerdict): JudgedEdge<End> {
  const { health, notice, calleeView, disagreement } = verdict;
  if (calleeView === undefined) return notice === undefined ? { source, target, stats, health } : { source, target, stats, health, notice };
  if (disagreement === undefined) {
    return notice === undefined ? { source, target, stats, health, calleeView } : { source, target, stats, health, notice, calleeView };
  }
  return notice === undefined
    ? { source, target, stats, health, calleeView, disagreement }
    : { source, target, stats, health, notice, calleeView, disagreement };
}
