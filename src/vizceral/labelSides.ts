/**
 * Vizceral puts a node's label on the left of the node when the node is left of the graph's
 * centre, else on its right, and then flips a label to the other side when it finds the label
 * over another node or label (`TrafficGraphView.updateNodeLabelPositions`). That check reads the
 * other labels' boxes as they were before (the side they had in the previous layout, or one
 * flipped a moment before in the same pass), so after a new layout it flips labels into the room
 * that layout.ts kept free for a neighbour's label. Our layout leaves room for every label on its
 * default side: here each label is put on that side, always.
 */
import type { VizGraph } from './vizceralTypes.ts';

const WRAPPED = Symbol('trafficMap.fixedLabelSides');

interface LabelledNodeView {
  nameView?: unknown;
  resetDefaultLabelPosition(): void;
  updateLabelPosition(): void;
  applyLabelPosition(): void;
}
interface GraphView {
  trafficGraph: { nodes: Record<string, { view?: LabelledNodeView }> };
  updateNodeLabelPositions(): void;
}

/**
 * Replaces, once, `updateNodeLabelPositions` on the class of the graph views in `graphs`, and puts
 * the labels of the graphs laid out before on their sides. Call after every `updateData` and `setView`.
 */
export function fixLabelSides(graphs: Record<string, VizGraph>): void {
  const all = allGraphs(graphs);
  const wrappedNow = all.filter((g) => wrapLabelPositions(Object.getPrototypeOf(g.view) as object)).length > 0;
  if (wrappedNow) for (const g of all) (g.view as unknown as GraphView).updateNodeLabelPositions();
}

function allGraphs(graphs: Record<string, VizGraph>): VizGraph[] {
  return Object.values(graphs).flatMap((g) => [g, ...allGraphs(g.graphs)]);
}

/** Whether it wrapped the method now (false: wrapped before, or no such method). */
export function wrapLabelPositions(proto: object): boolean {
  let owner: object | null = proto;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'updateNodeLabelPositions')) owner = Object.getPrototypeOf(owner) as object | null;
  const holder = owner as Record<string | symbol, unknown> | null;
  const original = holder?.['updateNodeLabelPositions'];
  if (!holder || typeof original !== 'function' || (original as { [WRAPPED]?: boolean })[WRAPPED]) return false;
  const fixed = function (this: GraphView): void {
    for (const node of Object.values(this.trafficGraph.nodes)) {
      const view = node.view;
      if (!view?.nameView) continue;
      view.resetDefaultLabelPosition();
      view.updateLabelPosition();
      view.applyLabelPosition();
    }
  };
  Object.assign(fixed, { [WRAPPED]: true });
  holder['updateNodeLabelPositions'] = fixed;
  return true;
}
