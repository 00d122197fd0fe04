import { compileCurrentGraph, wantsAntialias } from './firstFrameWarmUp.ts';
import { geometryCensus } from './geometryCensus.ts';
import type { DrawnView } from './layoutOverlaps.ts';
import { readDrawnView } from './layoutProbe.ts';
import { inlineWorker, LayoutWorkers, pageWorkerHost, workerFromSource } from './layoutWorkers.ts';
import type { GeometryCensus } from './geometryCensus.ts';
import { disposeReplacedParticles } from './geometryHygiene.ts';
import { skipDrawingInteractiveLines, skipInGraph } from './interactiveLines.ts';
import { fixLabelSides } from './labelSides.ts';
import { loadVizceral } from './loadVizceral.ts';
import { MAP_STYLES, PAGE_BACKGROUND } from './mapStyles.ts';
import { skipUnchangedNoticeIcons } from './noticeIcons.ts';
import { applyFound, dimmingOf, keepFoundAfterHover } from './foundDimming.ts';
import type { DimmableGraph } from './foundDimming.ts';
import type { MapFound, MapHit, MapRenderer, RendererFactory } from './renderer.ts';
import { fromVizName, vizConnectionName, vizName, withVizNames } from './vizNames.ts';
import { captureWindowListeners, countCachedLayouts, countGraphs, disposeDroppedSegments, disposeRemovedObjects, disposeSceneResources, forgetRemovedContextDivs, hasPath, objectContainers, pruneGraphs, retireHiddenGraphs, trimLayoutCaches } from './vizceralHygiene.ts';
import type { VizInstance, VizObject } from './vizceralTypes.ts';

/* The one module that drives Vizceral (loaded lazily by loadVizceral.ts); never imported by code
 * that unit tests load. */

/** What the renderer holds, for the soak test (`window.__trafficMapRenderer.stats()`). */
export interface RendererStats {
  /** three.js: geometries and textures on the GPU, compiled shader programs. */
  readonly geometries: number;
  /** The geometries by holder (geometryCensus.ts): the scene, graphs out of sight, nothing kept. */
  readonly geometriesInScene: number;
  readonly geometriesHidden: number;
  readonly geometriesUnheld: number;
  /** Vizceral's node geometries cached by radius that the kept nodes use, and how many node radii. */
  readonly radiusCachedGeometries: number;
  readonly nodeRadii: number;
  readonly textures: number;
  readonly programs: number;
  /** Whether the drawing buffer is multisampled (not on a software rasterizer: firstFrameWarmUp.ts). */
  readonly antialias: boolean;
  /** Vizceral graphs kept (global, regions, focused), and layout workers still running. */
  readonly graphs: number;
  /** Layouts (node positions per node and edge set) the kept graphs cache. */
  readonly cachedLayouts: number;
  readonly workers: number;
  /** A spare for the next layout (layoutWorkers.ts; before the first layout, the inline one): 0 or 1. */
  readonly spareWorkers: number;
}

/**
 * Resolves in a task of its own, after the tasks already queued (a posted message: not throttled
 * in a hidden tab as a timer is).
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

export const createVizceralRenderer: RendererFactory = async (canvas) => {
  const { Vizceral, layoutWorkerSource, layoutWorkerInline } = await loadVizceral();
  // The chunk's first run is a long task (~0.1-0.2 s here); the renderer is made in the next one,
  // so that answers that came in meanwhile are handled first: a datacenter link's service list
  // sends the view's queries, which the server then answers while the renderer is made.
  await nextTask();
  // Vizceral starts a layout Web Worker for each new graph shape and never ends it: each call into
  // Vizceral runs with workers tracked, ended after their one answer or on dispose. The first
  // layout runs on this thread (made ready now, while the first answers are awaited); later ones
  // in workers, a spare started a second after the first layout.
  const workers = new LayoutWorkers(
    layoutWorkerSource === null ? null : () => workerFromSource(layoutWorkerSource),
    pageWorkerHost(),
    layoutWorkerInline === null ? null : () => ({ worker: inlineWorker(layoutWorkerInline), url: '' }),
  );
  workers.prestart();
  const tracked = <T>(fn: () => T): T => workers.run(fn);
  // Vizceral adds a window 'scroll' listener it never removes (it would keep every disposed map
  // alive): note what it adds while it is constructed, to remove it on dispose.
  const windowListeners = captureWindowListeners();
  // Vizceral asks three.js for a multisampled context. The canvas's context is made here first,
  // without multisampling on a software rasterizer (three.js then takes it as it is).
  const antialias = wantsAntialias(webglRendererName());
  canvas.getContext('webgl', { alpha: true, antialias });
  let viz: VizInstance;
  try {
    viz = new Vizceral(canvas);
  } catch (e) {
    // No map (no WebGL here, say): nothing may keep the started worker.
    workers.dispose();
    throw e;
  } finally {
    windowListeners.stop();
  }
  viz.updateStyles(MAP_STYLES);
  viz.renderer.setClearColor(PAGE_BACKGROUND, 1);
  viz.setOptions({ showLabels: true, allowDraggingOfNodes: false });
  // Vizceral sizes its drawing buffer in the first frame that finds the canvas's size changed:
  // a reallocation (and a wait for the GPU) in the first frame with data. Done now instead,
  // while the first answers are awaited.
  if (canvas.offsetWidth > 0 && canvas.offsetHeight > 0) viz.setSize(canvas.offsetWidth, canvas.offsetHeight);
  let warmed = false;

  let clickHandler: (hit: MapHit | null) => void = () => {};
  let hoverHandler: (title: string | null) => void = () => {};
  viz.on('objectHovered', (obj) => hoverHandler(titleOf(obj as VizObject | undefined)));
  const updatedHandlers: (() => void)[] = [];
  // The app owns navigation (the URL is the source of truth): Vizceral only reports clicks.
  viz.onDocumentClick = (event) => clickHandler(toHit(viz.calculateIntersectedObject(event.center.x, event.center.y)));
  viz.onDocumentDoubleClick = () => {};
  // Find's dimming, applied again whenever Vizceral shows new data or another view.
  let found: MapFound | null = null;
  let foundApplied = false;
  const refreshFound = (): void => {
    const graph = viz.currentGraph as DimmableGraph | undefined;
    keepFoundAfterHover(graph, refreshFound);
    foundApplied = applyFound(graph, found, foundApplied);
  };
  viz.on('viewUpdated', () => {
    // Before the first frame of a view, drawn by a handler below in this same task.
    if (viz.currentGraph) skipInGraph(viz.currentGraph);
    refreshFound();
    updatedHandlers.forEach((h) => h());
  });
  const viewHandlers: ((view: readonly string[]) => void)[] = [];
  // After a view change, graphs out of sight keep GPU textures: retired by render() once the
  // zoom tween has taken them out of the scene.
  let leaving = false;
  viz.on('viewChanged', (event) => {
    leaving = true;
    const view = ((event as { view?: string[] } | undefined)?.view ?? []).map(fromVizName);
    viewHandlers.forEach((h) => h(view));
  });

  const renderer: MapRenderer & { stats(): RendererStats; geometryCensus(): GeometryCensus; layoutBoxes(): DrawnView; foundDimming(): { lit: string[]; dimmed: string[] } } = {
    // Vizceral gets names that cannot collide with anything (vizNames.ts); the app keeps its ids.
    updateData: (traffic) => tracked(() => {
      const named = withVizNames(traffic);
      // A level is read alone: new data may leave out the branch on screen (a focus of another
      // datacenter). Vizceral is moved to the root before that branch's graphs are released.
      const current = viz.currentGraph?.graphIndex;
      if (current && current.length > 0 && !hasPath(named, current)) viz.setView([]);
      const before = objectContainers(viz.graphs);
      viz.updateData(named);
      forgetRemovedContextDivs(viz.graphs);
      fixLabelSides(viz.graphs);
      pruneGraphs(viz, named);
      trimLayoutCaches(viz.graphs);
      disposeRemovedObjects(viz, before);
      disposeDroppedSegments(viz.graphs);
      disposeReplacedParticles(viz.graphs);
      skipUnchangedNoticeIcons(viz.graphs);
      skipDrawingInteractiveLines(viz.graphs);
      refreshFound();
    }),
    setView: (view, highlight) => tracked(() => {
      const names = view.map(vizName);
      // Vizceral moves one level at a time: any view one level up is "zoom out to the parent" (from
      // eu/checkout to us it would show eu), and a level read alone may have left the current
      // branch out of the data. A view that is not the parent or a child of the current one is
      // reached from the root.
      const current = viz.currentGraph?.graphIndex;
      const isParent = current !== undefined && names.length === current.length - 1 && names.every((n, i) => n === current[i]);
      const isChild = current !== undefined && names.length === current.length + 1 && current.every((n, i) => n === names[i]);
      const same = current !== undefined && names.length === current.length && names.every((n, i) => n === current[i]);
      if (current && current.length > 0 && !isParent && !isChild && !same) viz.setView([]);
      viz.setView(names, highlight && (highlight.type === 'node' ? vizName(highlight.name) : vizConnectionName(highlight.source, highlight.target)));
      disposeDroppedSegments(viz.graphs);
      disposeReplacedParticles(viz.graphs);
      fixLabelSides(viz.graphs);
      // A graph's views are made when it is first shown: here, not in updateData, for the first data.
      skipUnchangedNoticeIcons(viz.graphs);
      skipDrawingInteractiveLines(viz.graphs);
      // The first view's shaders are compiled here. With the layout on the page's thread, setView
      // has laid out and drawn the first frame already, so its programs were linked in that draw
      // (60-160 ms of it): this compiles what that frame did not draw.
      if (!warmed && viz.currentGraph) {
        warmed = true;
        compileCurrentGraph(viz);
      }
      refreshFound();
    }),
    setFound: (next) => tracked(() => {
      found = next;
      refreshFound();
    }),
    foundDimming: () => dimmingOf(viz.currentGraph as DimmableGraph | undefined, fromVizName),
    onClick: (handler) => { clickHandler = handler; },
    onHover: (handler) => { hoverHandler = handler; },
    onUpdated: (handler) => { updatedHandlers.push(handler); },
    onViewChanged: (handler) => { viewHandlers.push(handler); },
    render: (time) => tracked(() => {
      viz.render(time);
      if (leaving) leaving = retireHiddenGraphs(viz);
    }),
    nodeNotices: (name) => {
      const node = viz.currentGraph?.nodes[vizName(name)];
      return node ? (node.notices ?? []).map((n) => String(n.title ?? '')) : null;
    },
    nodePosition: (name) => {
      const container = viz.currentGraph?.nodes[vizName(name)]?.view?.container;
      if (!container) return null;
      const v = viz.camera.position.clone().setFromMatrixPosition(container.matrixWorld).project(viz.camera);
      const rect = canvas.getBoundingClientRect();
      return { x: ((v.x + 1) / 2) * rect.width, y: ((1 - v.y) / 2) * rect.height };
    },
    stats: () => {
      const census = geometryCensus(viz);
      return {
        geometries: viz.renderer.info.memory.geometries,
        geometriesInScene: census.inScene,
        geometriesHidden: census.hidden,
        geometriesUnheld: census.unheld,
        radiusCachedGeometries: census.radiusCached,
        nodeRadii: census.radii.length,
        textures: viz.renderer.info.memory.textures,
        programs: viz.renderer.info.programs?.length ?? 0,
        antialias,
        graphs: countGraphs(viz.graphs),
        cachedLayouts: countCachedLayouts(viz.graphs),
        workers: workers.live.size,
        spareWorkers: workers.spareCount,
      };
    },
    geometryCensus: () => geometryCensus(viz),
    // Where the current view's nodes, labels and edges are drawn (e2e/demo/layout.spec.ts).
    layoutBoxes: () => readDrawnView(viz, canvas),
    dispose: () => {
      // Three.js registers a 'dispose' listener of the renderer on every geometry, material and
      // texture it draws. Vizceral shares some of them between maps (the particle texture, node
      // geometries cached by radius, in module scope), so without this every disposed map (its
      // GL context, canvas, scene and label canvases) stays reachable from them.
      disposeSceneResources(viz);
      viz.removeAllListeners();
      viz.hammertime?.destroy();
      windowListeners.removeAll();
      workers.dispose();
      viz.renderer.dispose();
      viz.renderer.forceContextLoss();
    },
  };
  return renderer;
};

let rendererName: string | null | undefined;

/**
 * The WebGL renderer's name, unmasked where the browser tells it, from a throwaway context that is
 * released at once; null without WebGL. Asked once per page (a map made again, after the table
 * view, reuses it). The probe's context also opens the page's GPU channel, which the map's
 * context then uses: it costs a few milliseconds.
 */
function webglRendererName(): string | null {
  rendererName ??= probeRendererName();
  return rendererName;
}

function probeRendererName(): string | null {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return null;
  try {
    // Chromium and Safari answer "WebKit WebGL" and tell the name through the debug extension;
    // Firefox answers with the (sanitised) name, and deprecates the extension.
    const plain: unknown = gl.getParameter(gl.RENDERER);
    if (typeof plain === 'string' && plain !== 'WebKit WebGL') return plain;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const name: unknown = debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : plain;
    return typeof name === 'string' ? name : null;
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

function toHit(obj: VizObject | undefined): MapHit | null {
  if (!obj) return null;
  if (obj.type === 'connection' && obj.source && obj.target) {
    return { type: 'connection', source: fromVizName(obj.source.getName()), target: fromVizName(obj.target.getName()) };
  }
  if (obj.type === 'node') return { type: 'node', name: fromVizName(obj.getName()) };
  return null;
}

/** The full text of a hovered node (its `metadata.title`, traffic.ts) or connection. */
function titleOf(obj: VizObject | undefined): string | null {
  if (!obj) return null;
  const text = (o: VizObject | { getName(): string; metadata?: unknown } | undefined): string => {
    const title = (o as { metadata?: { title?: unknown } } | undefined)?.metadata?.title;
    return typeof title === 'string' ? title : fromVizName(o?.getName() ?? '');
  };
  if (obj.type === 'connection') return `${text(obj.source)} → ${text(obj.target)}`;
  return obj.type === 'node' ? text(obj) : null;
}
