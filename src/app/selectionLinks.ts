import { selectionToolLinks } from '../config/toolLinks.ts';
import type { ToolTemplates } from '../config/toolLinks.ts';
import { serviceName } from '../graph/displayNames.ts';
import type { TrafficView } from '../graph/types.ts';
import type { Selection } from './currentView.ts';

/** Nodes that stand for one service (not groups, datacenters, the internet). */
const SERVICE_KINDS: ReadonlySet<string> = new Set(['service']);
const CALLEE_KINDS: ReadonlySet<string> = new Set(['service', 'external']);

/**
 * The trace and log links of a service node, or of an edge from a service to a service or an
 * external (groups, datacenters and the internet name no one service). They search the hour up to
 * `at` (unix s; the pinned or evaluated moment; now when unknown).
 */
export function selectionLinks(
  selection: Selection, view: TrafficView | undefined, datacenter: string,
  tools: { readonly traces?: ToolTemplates; readonly logs?: ToolTemplates }, at: number | null | undefined,
): { readonly name: 'Traces' | 'Logs'; readonly url: string }[] {
  const toMs = (at ?? Date.now() / 1000) * 1000;
  const range = { fromMs: toMs - 3_600_000, toMs };
  if (selection.kind === 'node') {
    if (!SERVICE_KINDS.has(selection.node.kind)) return [];
    return selectionToolLinks(tools, { service: serviceName(selection.node.id), datacenter, ...range }, 'service');
  }
  const { source, target } = selection.edge;
  const kindOf = (id: string) => view?.nodes.find((n) => n.id === id)?.kind;
  if (!SERVICE_KINDS.has(kindOf(source) ?? '') || !CALLEE_KINDS.has(kindOf(target) ?? '')) return [];
  const caller = serviceName(source);
  return selectionToolLinks(tools, { service: caller, source: caller, target: serviceName(target), datacenter, ...range }, 'edge');
}
