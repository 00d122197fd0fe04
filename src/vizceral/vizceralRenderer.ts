import type { MapHit, RendererFactory } from './renderer.ts';
import type { VizNode } from './traffic.ts';

/* The one module that touches Vizceral. Vizceral is a UMD bundle that reads `window` on import,
 * so it is loaded lazily here and never imported by code that unit tests load. */

interface VizObject {
  type?: string;
  getName(): string;
  source?: { getName(): string };
  target?: { getName(): string };
  view?: { container?: { matrixWorld: unknown } };
}
interface VizGraph {
  intersectedObject?: VizObject;
  nodes: Record<string, VizObject>;
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
  camera: { position: { clone(): VizVector } };
  renderer: { domElement: HTMLCanvasElement; dispose(): void; forceContextLoss(): void; setClearColor(color: number, alpha: number): void };
  hammertime?: { destroy(): void };
}
type VizConstructor = new (canvas: HTMLCanvasElement, targetFramerate?: number) => VizInstance;

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

export const createVizceralRenderer: RendererFactory = async (canvas) => {
  const mod = (await import('vizceral')) as { default: unknown };
  const inner = mod.default as { default?: unknown };
  const Vizceral = (inner.default ?? inner) as VizConstructor;
  const viz = new Vizceral(canvas);
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

  return {
    updateData: (traffic) => viz.updateData(traffic),
    setView: (view, highlight) => viz.setView([...view], highlight),
    onClick: (handler) => { clickHandler = handler; },
    onUpdated: (handler) => { updatedHandlers.push(handler); },
    onViewChanged: (handler) => { viewHandlers.push(handler); },
    render: (time) => viz.render(time),
    nodePosition: (name) => {
      const container = viz.currentGraph?.nodes[name]?.view?.container;
      if (!container) return null;
      const v = viz.camera.position.clone().setFromMatrixPosition(container.matrixWorld).project(viz.camera);
      const rect = canvas.getBoundingClientRect();
      return { x: ((v.x + 1) / 2) * rect.width, y: ((1 - v.y) / 2) * rect.height };
    },
    dispose: () => {
      viz.removeAllListeners();
      viz.hammertime?.destroy();
      viz.renderer.dispose();
      viz.renderer.forceContextLoss();
    },
  };
};

function toHit(obj: VizObject | undefined): MapHit | null {
  if (!obj) return null;
  if (obj.type === 'connection' && obj.source && obj.target) {
    return { type: 'connection', source: obj.source.getName(), target: obj.target.getName() };
  }
  if (obj.type === 'node') return { type: 'node', name: obj.getName() };
  return null;
}
