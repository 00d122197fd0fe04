import type { DrawnNode, DrawnView } from './layoutOverlaps.ts';
import { fromVizName } from './vizNames.ts';
import type { LabelMesh, VizInstance, VizObject, VizVector } from './vizceralTypes.ts';

/**
 * Reads where the current view's nodes, labels and edges are drawn, in CSS pixels relative to the
 * canvas (the renderer's `layoutBoxes()` test hook; checked by layoutOverlaps.ts). A node is a
 * circle (Vizceral's node radius), a label the quad its text is drawn on; both are projected
 * through the camera, so zoom, the graph's scale and the screen size all count.
 */
export function readDrawnView(viz: VizInstance, canvas: HTMLCanvasElement): DrawnView {
  const rect = canvas.getBoundingClientRect();
  const graph = viz.currentGraph;
  if (!graph) return { width: rect.width, height: rect.height, nodes: [], edges: [] };
  viz.scene.updateMatrixWorld?.(true);
  const toScreen = (v: VizVector) => {
    v.project(viz.camera);
    return { x: ((v.x + 1) / 2) * rect.width, y: ((1 - v.y) / 2) * rect.height };
  };
  const point = (x: number, y: number, matrix: unknown) => toScreen(viz.camera.position.clone().set(x, y, 0).applyMatrix4(matrix));
  const nodes: DrawnNode[] = [];
  for (const node of Object.values(graph.nodes)) {
    const view = node.view;
    const container = view?.container;
    if (!view || !container || !visible(node) || !container.parent) continue;
    const center = point(0, 0, container.matrixWorld);
    const edge = point(view.radius ?? 0, 0, container.matrixWorld);
    const label = view.labelVisible ? labelBox(view.nameView?.view, point) : undefined;
    nodes.push({ name: fromVizName(node.getName()), x: center.x, y: center.y, r: Math.hypot(edge.x - center.x, edge.y - center.y), ...(label ? { label } : {}) });
  }
  const edges = Object.values(graph.connections)
    .filter((c) => visible(c) && c.source && c.target)
    .map((c) => ({ source: fromVizName(c.source!.getName()), target: fromVizName(c.target!.getName()) }));
  return { width: rect.width, height: rect.height, nodes, edges };
}

function visible(o: VizObject): boolean {
  return typeof o.isVisible !== 'function' || o.isVisible();
}

type Project = (x: number, y: number, matrix: unknown) => { x: number; y: number };

function labelBox(mesh: LabelMesh | undefined, point: Project) {
  const size = mesh?.geometry?.parameters;
  if (!mesh || !size || !mesh.parent) return undefined;
  const w = size.width / 2;
  const h = size.height / 2;
  const corners = [point(-w, -h, mesh.matrixWorld), point(w, h, mesh.matrixWorld)];
  return {
    left: Math.min(corners[0]!.x, corners[1]!.x), right: Math.max(corners[0]!.x, corners[1]!.x),
    top: Math.min(corners[0]!.y, corners[1]!.y), bottom: Math.max(corners[0]!.y, corners[1]!.y),
  };
}
