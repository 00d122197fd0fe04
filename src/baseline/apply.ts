import { buildGraph } from '../graph/build.ts';
import { buildScopedGraph } from '../graph/scopedBuild.ts';
import type { ScopeContext } from '../graph/scopedBuild.ts';
import type { ViewScope } from '../graph/scope.ts';
import type { BuildParams, RateRow, Rows, TrafficGraph } from '../graph/types.ts';
import { withBaseline } from './compare.ts';
import type { BaselineSettings } from './settings.ts';

/** The baseline answers of one refresh: total rates per view node and edge, `offset` earlier. */
export interface BaselineRows {
  readonly egressRate: Rows<RateRow>;
  readonly ingressRate: Rows<RateRow>;
}

/**
 * The graph with every node and edge compared with the baseline: the earlier answers are built
 * like the current ones (same scope and context, so the same ids, and group or datacenter nodes
 * that are true sums of their edges), uncapped, then matched by id.
 */
export function compareWithBaseline(
  current: TrafficGraph, rows: BaselineRows, params: BuildParams, scope: ViewScope | undefined,
  context: ScopeContext, bounds: Pick<BaselineSettings, 'drop' | 'surge' | 'minRate'>,
): TrafficGraph {
  const input = { ...rows, egressLatency: [], ingressLatency: [] };
  const uncapped: BuildParams = { ...params, maxNodesPerView: Number.MAX_SAFE_INTEGER };
  const then = scope ? buildScopedGraph(input, uncapped, scope, context) : buildGraph(input, uncapped);
  return withBaseline(current, then, bounds);
}
