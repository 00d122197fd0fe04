/**
 * What Vizceral never frees, freed by the adapter: window listeners, layout workers, graphs of
 * vanished nodes, geometries of removed nodes, and the scene of a disposed map. A wall screen
 * runs for weeks (docs/PERFORMANCE.md, `npm run soak`).
 */
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
 * Runs `fn` with `Worker` replaced by one that ends itself after its first answer (Vizceral's
 * layout worker answers once) and is recorded in `live` until then. Synchronous calls only.
 */
export function withOneShotWorkers<T>(live: Set<Worker>, fn: () => T): T {
  const Original = window.Worker;
  class OneShotWorker extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      live.add(this);
      // After Vizceral's own listener (added later) has read the answer.
      this.addEventListener('message', () => setTimeout(() => { this.terminate(); live.delete(this); }, 0), { once: true });
    }
  }
  window.Worker = OneShotWorker;
  try {
    return fn();
  } finally {
    window.Worker = Original;
  }
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
  // setCurrent(false) disposes the materials and textures of its nodes and connections.
  if (graph.current) graph.setCurrent(false);
  viz.scene.remove(graph.view.container);
  graph.removeAllListeners();
}

/** The scene containers of every node and connection of every graph Vizceral keeps. */
export function objectContainers(level: Record<string, VizGraph>, into = new Set<SceneObject>()): Set<SceneObject> {
  for (const graph of Object.values(level)) {
    for (const object of Object.values(graph.nodes)) if (object.view?.container) into.add(object.view.container);
    for (const object of Object.values(graph.connections)) if (object.view?.container) into.add(object.view.container);
    objectContainers(graph.graphs, into);
  }
  return into;
}

/**
 * Vizceral's cleanup of a removed node or connection disposes its materials and textures, not
 * its geometries (a label plane, a notice plane, the particles): three.js keeps their buffers,
 * on the GPU and in its geometry map, as long as the renderer lives (a wall screen: days). Those
 * no remaining object uses (some are shared, cached by radius) are disposed.
 */
export function disposeRemovedGeometries(viz: VizInstance, before: ReadonlySet<SceneObject>): void {
  const after = objectContainers(viz.graphs);
  const removed = [...before].filter((c) => !after.has(c));
  if (removed.length === 0) return;
  const live = new Set<Disposable>();
  const collectLive = (object: SceneObject): void => { if (object.geometry) live.add(object.geometry); };
  viz.scene.traverse(collectLive);
  for (const container of after) container.traverse(collectLive);
  const dead = new Set<Disposable>();
  for (const container of removed) container.traverse((object) => { if (object.geometry && !live.has(object.geometry)) dead.add(object.geometry); });
  for (const geometry of dead) geometry.dispose();
}

/** Disposes every geometry, material and texture of the scene and of every graph Vizceral keeps. */
export function disposeSceneResources(viz: VizInstance): void {
  const resources = new Set<Disposable>();
  const collect = (object: SceneObject): void => {
    if (object.geometry) resources.add(object.geometry);
    const materials = object.material === undefined ? [] : Array.isArray(object.material) ? object.material : [object.material as Material];
    for (const material of materials) {
      resources.add(material);
      if (material.map) resources.add(material.map);
      const uniforms: Record<string, { value?: unknown }> = material.uniforms ?? {};
      for (const uniform of Object.values(uniforms)) {
        const value = uniform.value as { isTexture?: boolean; dispose?: unknown } | null | undefined;
        if (value?.isTexture === true && typeof value.dispose === 'function') resources.add(value as Disposable);
      }
    }
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
