/**
 * What Vizceral never frees, freed by the adapter: window listeners, graphs of
 * vanished nodes, geometries of removed nodes, and the scene of a disposed map. A wall screen
 * runs for weeks (docs/PERFORMANCE.md, `npm run soak`).
 */
import { disposeGeometriesNotIn, disposeGraphOwnMeshes, geometriesUnder } from './geometryHygiene.ts';
import type { VizNode } from './traffic.ts';
import type { Disposable, Material, SceneObject, VizGraph, VizInstance } from './vizceralTypes.ts';
/** Records the listeners added to `window` until `stop()`, so they can be removed later. */
export function captureWindowListeners(): { stop(): void; removeAll(): void } {
  const added: [string, EventListenerOrEventListenerObject][] = [];
  const original = window.addEventListener;
  window.addEventListener = function (this: Window, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (listener) added.push([type, listener]);
    original.call(this, type, listener as EventListenerOrEventListenerObject, options);
  } as typeof window.addEventListener;
  return {
    stop: () => { window.addEventListener = original; },
    removeAll: () => { for (const [type, listener] of added.splice(0)) window.removeEventListener(type, listener); },
  };
}

/**
 * Vizceral keeps a graph for every region and focused node it ever showed, with their scene
 * objects, even after the node left the data: drop those (and end their renderers) unless shown.
 */
export function pruneGraphs(viz: VizInstance, traffic: VizNode): void {
  const shown = new Set<VizGraph>();
  for (let g = viz.currentGraph; g; g = g.parentGraph) shown.add(g);
  pruneLevel(viz, viz.graphs, [traffic], shown);
}

export function pruneLevel(viz: VizInstance, graphs: Record<string, VizGraph>, nodes: readonly VizNode[], shown: ReadonlySet<VizGraph>): void {
  const byName = new Map(nodes.filter((n) => n.renderer).map((n) => [n.name, n]));
  for (const [name, graph] of Object.entries(graphs)) {
    const node = byName.get(name);
    if (node) {
      pruneLevel(viz, graph.graphs, node.nodes ?? [], shown);
    } else if (!shown.has(graph)) {
      dropGraph(viz, graph);
      delete graphs[name];
    }
  }
}

export function dropGraph(viz: VizInstance, graph: VizGraph): void {
  for (const child of Object.values(graph.graphs)) dropGraph(viz, child);
  // setCurrent(false) disposes the materials and label textures of its nodes and connections.
  if (graph.current) graph.setCurrent(false);
  viz.scene.remove(graph.view.container);
  disposeGraphTextures(graph);
  disposeGraphOwnMeshes(graph);
  graph.removeAllListeners();
}

/**
 * Graphs out of sight keep textures on the GPU in two ways. Vizceral's zoom one level in or out
 * (`setView` to a child or to the parent graph) never calls `setCurrent(false)` on the graph it
 * leaves, as its jump to any other graph does: that graph stays "current" after the 1 s tween
 * took it out of the scene, with its label and notice textures, and its views are redrawn on
 * every `updateData`. And `setCurrent(false)` itself frees the label textures but not the text
 * texture of focused node views (a datacenter in the global view, the focused service). So after
 * a view change, once the tween is over, every graph out of the scene is retired and its
 * textures are disposed (three.js uploads them again if the graph is shown again), and so are
 * its geometries the scene does not share: a graph Vizceral retired itself before its tween out
 * (a jump) had its particles and lines uploaded again while it was drawn. Returns whether a
 * graph is still on its way out (the tween runs: call again later).
 */
export function retireHiddenGraphs(viz: Pick<VizInstance, 'graphs' | 'currentGraph' | 'scene'>): boolean {
  let leaving = false;
  const hidden: VizGraph[] = [];
  const visit = (level: Record<string, VizGraph>): void => {
    for (const graph of Object.values(level)) {
      if (graph !== viz.currentGraph) {
        if (graph.view.container.parent) leaving = true;
        else hidden.push(graph);
      }
      visit(graph.graphs);
    }
  };
  visit(viz.graphs);
  if (leaving) return true;
  const drawn = geometriesUnder(hidden.length > 0 ? [viz.scene] : []);
  for (const graph of hidden) {
    if (graph.current) graph.setCurrent(false);
    disposeGraphTextures(graph);
    disposeGeometriesNotIn([graph.view.container, ...graphObjectContainers(graph, new Set())], drawn);
  }
  return false;
}

/**
 * Disposes the textures (material maps, texture uniforms) of a graph's scene objects, hidden
 * labels and notices included; not its materials or geometries, which it may share.
 */
export function disposeGraphTextures(graph: VizGraph): void {
  const textures = new Set<Disposable>();
  const collect = (object: SceneObject): void => { for (const texture of texturesOf(object)) textures.add(texture); };
  graph.view.container.traverse(collect);
  for (const container of graphObjectContainers(graph, new Set())) container.traverse(collect);
  for (const texture of textures) texture.dispose();
}

function materialsOf(object: SceneObject): readonly Material[] {
  return object.material === undefined ? [] : Array.isArray(object.material) ? object.material : [object.material as Material];
}

function texturesOf(object: SceneObject): Disposable[] {
  const out: Disposable[] = [];
  for (const material of materialsOf(object)) {
    if (material.map) out.push(material.map);
    const uniforms: Record<string, { value?: unknown }> = material.uniforms ?? {};
    for (const uniform of Object.values(uniforms)) {
      const value = uniform.value as { isTexture?: boolean; dispose?: unknown } | null | undefined;
      if (value?.isTexture === true && typeof value.dispose === 'function') out.push(value as Disposable);
    }
  }
  return out;
}

const SEGMENTS_DISPOSED = Symbol('trafficMap.segmentsDisposed');
const SEGMENT_LISTS = [['updateDonutGraph', 'donutGraphSegments'], ['updateArcMeter', 'arcMeterSegments']] as const;
type SegmentView = Partial<Record<(typeof SEGMENT_LISTS)[number][1], SceneObject[]>>;

/**
 * Vizceral's focused node view (a datacenter in the global view, the focused service) draws its
 * donut and arc meter as new meshes on every refresh and only takes the old ones out of its
 * container, never disposing their geometries and materials: three.js keeps their buffers (on
 * the GPU, and in its geometry map) as long as the renderer lives, about ten a refresh in the
 * global view. This wraps the two methods, once, on the class of every such view found in the
 * graphs, so that the meshes they drop are disposed.
 */
export function disposeDroppedSegments(graphs: Record<string, VizGraph>): void {
  for (const graph of Object.values(graphs)) {
    for (const node of Object.values(graph.nodes)) {
      const view = node.view as (SegmentView & object) | undefined;
      if (view && Array.isArray(view.donutGraphSegments)) wrapSegmentMethods(Object.getPrototypeOf(view) as object);
    }
    disposeDroppedSegments(graph.graphs);
  }
}

export function wrapSegmentMethods(proto: object): void {
  for (const [method, list] of SEGMENT_LISTS) {
    let owner: object | null = proto;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, method)) owner = Object.getPrototypeOf(owner) as object | null;
    const holder = owner as Record<string | symbol, unknown> | null;
    const original = holder?.[method];
    if (!holder || typeof original !== 'function' || (original as { [SEGMENTS_DISPOSED]?: boolean })[SEGMENTS_DISPOSED]) continue;
    const wrapped = function (this: SegmentView, ...args: unknown[]): unknown {
      const before = [...(this[list] ?? [])];
      const result: unknown = original.apply(this, args);
      const kept = new Set(this[list] ?? []);
      for (const mesh of before) {
        if (kept.has(mesh)) continue;
        mesh.geometry?.dispose();
        for (const material of materialsOf(mesh)) material.dispose();
      }
      return result;
    };
    Object.assign(wrapped, { [SEGMENTS_DISPOSED]: true });
    holder[method] = wrapped;
  }
}

/**
 * The scene containers of every node and connection of every graph Vizceral keeps, with their
 * label and notice containers, which Vizceral takes out of the node's or connection's container
 * while hidden (their textures stay on the GPU then).
 */
export function objectContainers(level: Record<string, VizGraph>, into = new Set<SceneObject>()): Set<SceneObject> {
  for (const graph of Object.values(level)) {
    graphObjectContainers(graph, into);
    objectContainers(graph.graphs, into);
  }
  return into;
}

function graphObjectContainers(graph: VizGraph, into: Set<SceneObject>): Set<SceneObject> {
  for (const object of [...Object.values(graph.nodes), ...Object.values(graph.connections)]) {
    const view = object.view;
    if (view?.container) into.add(view.container);
    if (view?.nameView?.container) into.add(view.nameView.container);
    if (view?.noticeView?.container) into.add(view.noticeView.container);
  }
  return into;
}
/**
 * Vizceral's cleanup of a removed node or connection disposes some materials and textures, not
 * its geometries (a label plane, a notice plane, the particles) nor a connection's notice
 * texture: three.js keeps them, on the GPU and in its maps, as long as the renderer lives (a wall
 * screen: days). Those no remaining object uses (some are shared: geometries cached by radius,
 * the particle texture) are disposed.
 */
export function disposeRemovedObjects(viz: VizInstance, before: ReadonlySet<SceneObject>): void {
  const after = objectContainers(viz.graphs);
  const removed = [...before].filter((c) => !after.has(c));
  if (removed.length === 0) return;
  const live = new Set<Disposable>();
  const collectLive = (object: SceneObject): void => {
    if (object.geometry) live.add(object.geometry);
    for (const texture of texturesOf(object)) live.add(texture);
  };
  viz.scene.traverse(collectLive);
  for (const container of after) container.traverse(collectLive);
  const dead = new Set<Disposable>();
  for (const container of removed) {
    container.traverse((object) => {
      for (const resource of [object.geometry, ...texturesOf(object)]) if (resource && !live.has(resource)) dead.add(resource);
    });
  }
  for (const resource of dead) resource.dispose();
}

/** Disposes every geometry, material and texture of the scene and of every graph Vizceral keeps. */
export function disposeSceneResources(viz: VizInstance): void {
  const resources = new Set<Disposable>();
  const collect = (object: SceneObject): void => {
    if (object.geometry) resources.add(object.geometry);
    for (const material of materialsOf(object)) resources.add(material);
    for (const texture of texturesOf(object)) resources.add(texture);
  };
  viz.scene.traverse(collect);
  const graphs = (level: Record<string, VizGraph>): void => {
    for (const graph of Object.values(level)) {
      graph.view.container.traverse(collect);
      graphs(graph.graphs);
    }
  };
  graphs(viz.graphs);
  for (const resource of resources) resource.dispose();
}

export function countGraphs(graphs: Record<string, VizGraph>): number {
  let n = 0;
  for (const g of Object.values(graphs)) n += 1 + countGraphs(g.graphs);
  return n;
}

/**
 * Layouts each graph keeps cached. Vizceral's ltrTreeLayout caches the positions of every node and
 * edge set it lays out, for good, and looks for a cached superset of the new set before laying out
 * (a linear scan comparing names): a graph shown for weeks (a wall screen on one datacenter)
 * gathers an entry each time a service or call appears that no cached set has. A few recent ones
 * keep the layout steady when a service comes back.
 */
export const CACHED_LAYOUTS_PER_GRAPH = 8;

/** Keeps the `keep` newest cached layouts of every graph (Vizceral appends them). */
export function trimLayoutCaches(graphs: Record<string, VizGraph>, keep = CACHED_LAYOUTS_PER_GRAPH): void {
  for (const graph of Object.values(graphs)) {
    const cache = graph.layout?.cache;
    if (cache && cache.length > keep) cache.splice(0, cache.length - keep);
    trimLayoutCaches(graph.graphs, keep);
  }
}

/** The layouts Vizceral's graphs keep cached (positions per node and edge set), over every kept graph. */
export function countCachedLayouts(graphs: Record<string, VizGraph>): number {
  let n = 0;
  for (const g of Object.values(graphs)) n += (g.layout?.cache?.length ?? 0) + countCachedLayouts(g.graphs);
  return n;
}

/** Whether the traffic object holds the view `path` (node names from the root down). */
export function hasPath(traffic: { readonly nodes?: readonly { readonly name: string; readonly nodes?: unknown }[] }, path: readonly string[]): boolean {
  let level: typeof traffic | undefined = traffic;
  for (const name of path) {
    level = level?.nodes?.find((n) => n.name === name) as typeof traffic | undefined;
    if (!level) return false;
  }
  return true;
}

/**
 * Vizceral's global graph forgets the label div of a removed datacenter by setting it to
 * undefined, then reads `.style` of every entry when the graph is shown or hidden: the entry goes.
 */
export function forgetRemovedContextDivs(graphs: Readonly<Record<string, unknown>>): void {
  for (const graph of Object.values(graphs)) {
    const divs = (graph as { contextDivs?: Record<string, unknown> } | undefined)?.contextDivs;
    if (!divs) continue;
    for (const key of Object.keys(divs)) if (divs[key] === undefined) delete divs[key];
  }
}
