/**
 * Who holds the geometries three.js counts on the GPU (`renderer.info.memory.geometries`), for
 * the soak (`npm run soak`): the scene, graphs Vizceral keeps out of sight, or nothing the map
 * keeps (a leak if that grows). Vizceral's node geometries cached by radius in module scope
 * (`ShapeParent.js`, `nodeView.js`) are counted apart: the node radii are Vizceral's defaults
 * (the traffic sets no `size`), so there are a few of them, whatever the data.
 */
import { geometriesUnder } from './geometryHygiene.ts';
import { objectContainers } from './vizceralHygiene.ts';
import type { Geometry, VizGraph, VizInstance } from './vizceralTypes.ts';

export interface GeometryCensus {
  /** Geometries with buffers on the GPU (three.js's count). */
  readonly total: number;
  /** Of those, drawn by the scene now. */
  readonly inScene: number;
  /** Held only by graphs Vizceral keeps out of sight, or by hidden labels and notices. */
  readonly hidden: number;
  /** Held by nothing the map keeps: `total - inScene - hidden`. */
  readonly unheld: number;
  /** Vizceral's radius-cached node geometries the kept nodes use (on the GPU or not). */
  readonly radiusCached: number;
  /** The node radii of the kept graphs: the keys of those caches. */
  readonly radii: readonly number[];
}

/** The meshes of Vizceral's node views whose geometries come from its caches by radius. */
const RADIUS_CACHED_MESHES = ['outerBorder', 'innerCircle', 'innerBorder', 'donut', 'noticeDot'] as const;

/** Whether three.js has buffers for the geometry: its renderer listens for the dispose of each one it uploaded. */
export function onGpu(geometry: Geometry): boolean {
  return (geometry._listeners?.dispose?.length ?? 0) > 0;
}

export function geometryCensus(viz: Pick<VizInstance, 'scene' | 'graphs' | 'renderer'>): GeometryCensus {
  const scene = geometriesUnder([viz.scene]);
  const kept = geometriesUnder([...graphContainers(viz.graphs), ...objectContainers(viz.graphs)]);
  const inScene = [...scene].filter(onGpu).length;
  const hidden = [...kept].filter((g) => !scene.has(g) && onGpu(g)).length;
  const total = viz.renderer.info.memory.geometries;
  const cached = new Set<Geometry>();
  const radii = new Set<number>();
  forEachNodeView(viz.graphs, (view) => {
    if (view.radius !== undefined) radii.add(view.radius);
    for (const name of RADIUS_CACHED_MESHES) {
      const geometry = view.meshes?.[name]?.geometry;
      if (geometry) cached.add(geometry);
    }
  });
  return { total, inScene, hidden, unheld: total - inScene - hidden, radiusCached: cached.size, radii: [...radii].sort((a, b) => a - b) };
}

function graphContainers(level: Record<string, VizGraph>, into: VizGraph['view']['container'][] = []): VizGraph['view']['container'][] {
  for (const graph of Object.values(level)) {
    into.push(graph.view.container);
    graphContainers(graph.graphs, into);
  }
  return into;
}

type NodeView = NonNullable<VizGraph['nodes'][string]['view']>;

function forEachNodeView(level: Record<string, VizGraph>, fn: (view: NodeView) => void): void {
  for (const graph of Object.values(level)) {
    for (const node of Object.values(graph.nodes)) if (node.view) fn(node.view);
    forEachNodeView(graph.graphs, fn);
  }
}
