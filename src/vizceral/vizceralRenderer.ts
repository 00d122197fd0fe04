import type { MapHit, MapRenderer, RendererFactory } from './renderer.ts';
import type { VizNode } from './traffic.ts';

/* The one module that touches Vizceral. Vizceral is a UMD bundle that reads `window` on import,
 * so it is loaded lazily here and never imported by code that unit tests load. */

interface VizObject {
  type?: string;
  getName(): string;
  source?: { getName(): string };
  target?: { getName(): string };
  view?: { container?: SceneObject & { matrixWorld: unknown } };
}
interface VizGraph {
  intersectedObject?: VizObject;
  nodes: Record<string, VizObject>;
  connections: Record<string, VizObject>;
  /** Child graphs (a region's focused graphs), by node name; Vizceral never removes them. */
  graphs: Record<string, VizGraph>;
  parentGraph?: VizGraph;
  current?: boolean;
  setCurrent(current: boolean): void;
  removeAllListeners(): void;
  view: { container: SceneObject };
}
/** The parts of a three.js object the adapter reads to free what it uses. */
interface SceneObject {
  traverse(fn: (object: SceneObject) => void): void;
  geometry?: Disposable;
  material?: Material | readonly Material[];
}
interface Disposable { dispose(): void }
interface Material extends Disposable {
  map?: (Disposable & { isTexture?: boolean }) | null;
  uniforms?: Record<string, { value?: unknown }>;
}
interface GlInfo {
  memory: { geometries: number; textures: number };
  programs?: readonly unknown[] | null;
}
interface VizVector {
  setFromMatrixPosition(m: unknown): VizVector;
  project(camera: unknown): VizVector;
  x: number;
  y: number;
}
interface VizInstance {
  updateData(data: VizNode): void;
  setView(view: string[], highlight?: string): void;
  updateStyles(styles: typeof MAP_STYLES): void;
  setOptions(options: { showLabels: boolean; allowDraggingOfNodes: boolean }): void;
  calculateIntersectedObject(x: number, y: number): VizObject | undefined;
  render(time: number): void;
  on(event: string, handler: (...args: unknown[]) => void): void;
  removeAllListeners(): void;
  onDocumentClick: (event: { center: { x: number; y: number } }) => void;
  onDocumentDoubleClick: (event: { center: { x: number; y: number } }) => void;
  currentGraph?: VizGraph;
  graphs: Record<string, VizGraph>;
  scene: SceneObject & { remove(object: unknown): void };
  camera: { position: { clone(): VizVector } };
  renderer: { domElement: HTMLCanvasElement; info: GlInfo; dispose(): void; forceContextLoss(): void; setClearColor(color: number, alpha: number): void };
  hammertime?: { destroy(): void };
}
type VizConstructor = new (canvas: HTMLCanvasElement, targetFramerate?: number) => VizInstance;

/** What the renderer holds, for the soak test (`window.__trafficMapRenderer.stats()`). */
export interface RendererStats {
  /** three.js: geometries and textures on the GPU, compiled shader programs. */
  readonly geometries: number;
  readonly textures: number;
  readonly programs: number;
  /** Vizceral graphs kept (global, regions, focused), and layout workers still running. */
  readonly graphs: number;
  readonly workers: number;
}

/** Colours tuned for a wall screen: a dark background and high-contrast health colours. */
export const PAGE_BACKGROUND = 0x11141a;
export const MAP_STYLES = {
  colorText: 'rgb(226, 230, 236)',
  colorTextDisabled: 'rgb(130, 138, 150)',
  colorTraffic: {
    normal: 'rgb(120, 190, 240)',
    normalDonut: 'rgb(70, 80, 96)',
    warning: 'rgb(255, 184, 48)',
    danger: 'rgb(255, 64, 64)',
  },
  colorNormalDimmed: 'rgb(90, 110, 130)',
  colorBackgroundDark: 'rgb(17, 20, 26)',
  colorDonutInternalColor: 'rgb(17, 20, 26)',
  colorConnectionLine: 'rgb(92, 104, 120)',
  colorPageBackground: 'rgb(17, 20, 26)',
  colorPageBackgroundTransparent: 'rgba(17, 20, 26, 0)',
  colorArcBackground: 'rgb(52, 60, 72)',
};

let loading: Promise<VizConstructor> | undefined;

/**
 * Loads the Vizceral chunk once. Called at startup (main.tsx), before the config and the first
 * data, so that the largest chunk downloads and compiles while they are fetched.
 */
export function loadVizceral(): Promise<VizConstructor> {
  loading ??= import('vizceral').then((mod: { default: unknown }) => {
    const inner = mod.default as { default?: unknown };
    return (inner.default ?? inner) as VizConstructor;
  });
  return loading;
}

export const createVizceralRenderer: RendererFactory = async (canvas) => {
  const Vizceral = await loadVizceral();
  // Vizceral adds a window 'scroll' listener it never removes (it would keep every disposed map
  // alive): note what it adds while it is constructed, to remove it on dispose.
  const windowListeners = captureWindowListeners();
  let viz: VizInstance;
  try {
    viz = new Vizceral(canvas);
  } finally {
    windowListeners.stop();
  }
  // Vizceral starts a layout Web Worker for each new graph shape and never terminates it: each
  // call into Vizceral runs with workers tracked, ended after their one answer or on dispose.
  const workers = new Set<Worker>();
  const tracked = <T>(fn: () => T): T => withOneShotWorkers(workers, fn);
  viz.updateStyles(MAP_STYLES);
  viz.renderer.setClearColor(PAGE_BACKGROUND, 1);
  viz.setOptions({ showLabels: true, allowDraggingOfNodes: false });

  let clickHandler: (hit: MapHit | null) => void = () => {};
  const updatedHandlers: (() => void)[] = [];
  // The app owns navigation (the URL is the source of truth): Vizceral only reports clicks.
  viz.onDocumentClick = (event) => clickHandler(toHit(viz.calculateIntersectedObject(event.center.x, event.center.y)));
  viz.onDocumentDoubleClick = () => {};
  viz.on('viewUpdated', () => updatedHandlers.forEach((h) => h()));
  const viewHandlers: ((view: readonly string[]) => void)[] = [];
  viz.on('viewChanged', (event) => {
    const view = (event as { view?: string[] } | undefined)?.view ?? [];
    viewHandlers.forEach((h) => h(view));
  });

  const renderer: MapRenderer & { stats(): RendererStats } = {
    updateData: (traffic) => tracked(() => {
      const before = objectContainers(viz.graphs);
      viz.updateData(traffic);
      pruneGraphs(viz, traffic);
      disposeRemovedGeometries(viz, before);
    }),
    setView: (view, highlight) => tracked(() => viz.setView([...view], highlight)),
    onClick: (handler) => { clickHandler = handler; },
    onUpdated: (handler) => { updatedHandlers.push(handler); },
    onViewChanged: (handler) => { viewHandlers.push(handler); },
    render: (time) => tracked(() => viz.render(time)),
    nodePosition: (name) => {
      const container = viz.currentGraph?.nodes[name]?.view?.container;
      if (!container) return null;
      const v = viz.camera.position.clone().setFromMatrixPosition(container.matrixWorld).project(viz.camera);
      const rect = canvas.getBoundingClientRect();
      return { x: ((v.x + 1) / 2) * rect.width, y: ((1 - v.y) / 2) * rect.height };
    },
    stats: () => ({
      geometries: viz.renderer.info.memory.geometries,
      textures: viz.renderer.info.memory.textures,
      programs: viz.renderer.info.programs?.length ?? 0,
      graphs: countGraphs(viz.graphs),
      workers: workers.size,
    }),
    dispose: () => {
      // Three.js registers a 'dispose' listener of the renderer on every geometry, material and
      // texture it draws. Vizceral shares some of them between maps (the particle texture, node
      // geometries cached by radius, in module scope), so without this every disposed map (its
      // GL context, canvas, scene and label canvases) stays reachable from them.
      disposeSceneResources(viz);
      viz.removeAllListeners();
      viz.hammertime?.destroy();
      windowListeners.removeAll();
      for (const w of workers) w.terminate();
      workers.clear();
      viz.renderer.dispose();
      viz.renderer.forceContextLoss();
    },
  };
  return renderer;
};

/** Records the listeners added to `window` until `stop()`, so they can be removed later. */
function captureWindowListeners(): { stop(): void; removeAll(): void } {
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
function withOneShotWorkers<T>(live: Set<Worker>, fn: () => T): T {
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
function pruneGraphs(viz: VizInstance, traffic: VizNode): void {
  const shown = new Set<VizGraph>();
  for (let g = viz.currentGraph; g; g = g.parentGraph) shown.add(g);
  pruneLevel(viz, viz.graphs, [traffic], shown);
}

function pruneLevel(viz: VizInstance, graphs: Record<string, VizGraph>, nodes: readonly VizNode[], shown: ReadonlySet<VizGraph>): void {
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

function dropGraph(viz: VizInstance, graph: VizGraph): void {
  for (const child of Object.values(graph.graphs)) dropGraph(viz, child);
  // setCurrent(false) disposes the materials and textures of its nodes and connections.
  if (graph.current) graph.setCurrent(false);
  viz.scene.remove(graph.view.container);
  graph.removeAllListeners();
}

/** The scene containers of every node and connection of every graph Vizceral keeps. */
function objectContainers(level: Record<string, VizGraph>, into = new Set<SceneObject>()): Set<SceneObject> {
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
function disposeRemovedGeometries(viz: VizInstance, before: ReadonlySet<SceneObject>): void {
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
function disposeSceneResources(viz: VizInstance): void {
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

function countGraphs(graphs: Record<string, VizGraph>): number {
  let n = 0;
  for (const g of Object.values(graphs)) n += 1 + countGraphs(g.graphs);
  return n;
}

function toHit(obj: VizObject | undefined): MapHit | null {
  if (!obj) return null;
  if (obj.type === 'connection' && obj.source && obj.target) {
    return { type: 'connection', source: obj.source.getName(), target: obj.target.getName() };
  }
  if (obj.type === 'node') return { type: 'node', name: obj.getName() };
  return null;
}
