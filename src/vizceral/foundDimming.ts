import type { MapFound } from './renderer.ts';
import { vizConnectionName, vizName } from './vizNames.ts';

/**
 * Find on the map: what an expression found stays lit, the rest of the view is dimmed, with
 * Vizceral's own dimming (the one its search and its highlight use). Vizceral's search matches
 * name text only, so the set is handed over as names. A selected node or edge (Vizceral's
 * highlight) takes the dimming over while it is selected.
 */
export interface DimmableGraph {
  nodes: Record<string, DimmableObject>;
  connections: Record<string, DimmableObject>;
  highlightedObject?: unknown;
  /** Vizceral's hover: dims all but the hovered object's neighbours; undefined undims everything. */
  highlightConnectedNodes?(selected: unknown): void;
  _applyDimming?(dimNodes: Record<string, boolean>, dimConnections: Record<string, boolean>, dimmingApplied: boolean): void;
}
interface DimmableObject {
  isVisible?(): boolean;
  getView?(): { dimmed?: boolean } | undefined;
}

/** Applies `found` to the graph on screen (null: nothing to find, undims what Find dimmed). */
export function applyFound(graph: DimmableGraph | undefined, found: MapFound | null, wasApplied: boolean): boolean {
  if (!graph?._applyDimming || graph.highlightedObject) return false;
  if (!found) {
    if (wasApplied) graph._applyDimming(allAs(graph.nodes, false), allAs(graph.connections, false), false);
    return false;
  }
  const nodes = new Set(found.nodes.map(vizName));
  const edges = new Set(found.edges.map(([s, t]) => vizConnectionName(s, t)));
  const dimNodes: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const name of Object.keys(graph.nodes)) dimNodes[name] = !nodes.has(name);
  const dimConnections: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const name of Object.keys(graph.connections)) dimConnections[name] = !edges.has(name);
  graph._applyDimming(dimNodes, dimConnections, true);
  return true;
}

const keeping = new WeakSet<object>();

/**
 * Vizceral undims the whole view when the pointer leaves a node (`highlightConnectedNodes(undefined)`),
 * which would lose Find's dimming until the next refresh: on this graph, `reapply` follows it.
 */
export function keepFoundAfterHover(graph: DimmableGraph | undefined, reapply: () => void): void {
  if (!graph || keeping.has(graph) || typeof graph.highlightConnectedNodes !== 'function') return;
  keeping.add(graph);
  const original = graph.highlightConnectedNodes.bind(graph);
  graph.highlightConnectedNodes = (selected: unknown) => {
    original(selected);
    if (!selected) reapply();
  };
}

function allAs(objects: Record<string, unknown>, value: boolean): Record<string, boolean> {
  const out: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const name of Object.keys(objects)) out[name] = value;
  return out;
}

/** The ids of the current view's nodes that are lit and dimmed (for tests). */
export function dimmingOf(graph: DimmableGraph | undefined, fromVizName: (name: string) => string): { lit: string[]; dimmed: string[] } {
  const lit: string[] = [];
  const dimmed: string[] = [];
  for (const [name, node] of Object.entries(graph?.nodes ?? {})) {
    if (node.isVisible && !node.isVisible()) continue;
    (node.getView?.()?.dimmed ? dimmed : lit).push(fromVizName(name));
  }
  return { lit: lit.sort(), dimmed: dimmed.sort() };
}
