import type { VizInstance } from './vizceralTypes.ts';

/**
 * Software rasterizers as WebGL names them (Chromium's SwiftShader, Mesa's llvmpipe and softpipe,
 * Windows' Basic Render Driver). On them a multisampled drawing buffer costs more than the whole
 * first frame: at 1568x760 a resize of one took 200-300 ms against 30-90 ms without (headless
 * Chromium, SwiftShader), and every frame resolves it again.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software rasterizer|basic render driver/i;

/** Whether a WebGL renderer name (unmasked where the browser tells it) is a software rasterizer. */
export function isSoftwareRenderer(name: string | null | undefined): boolean {
  return typeof name === 'string' && SOFTWARE_RENDERER.test(name);
}

/**
 * Multisampling (antialiased edges) unless WebGL runs on a software rasterizer, where it makes the
 * first map and every frame much slower. Unknown renderer: antialiased, as Vizceral asks.
 */
export function wantsAntialias(rendererName: string | null | undefined): boolean {
  return !isSoftwareRenderer(rendererName);
}

/** Where `compileCurrentGraph` adds and removes objects: the scene, and its renderer's compile. */
type Compiling = Pick<VizInstance, 'currentGraph' | 'camera'> & {
  scene: { add(object: unknown): void; remove(object: unknown): void };
  renderer: { compile(scene: unknown, camera: unknown): void };
};

/**
 * Compiles the shader programs the current graph will be drawn with, before its layout arrives.
 * Vizceral adds a node's or connection's view (and a label) to the scene only once the layout has
 * placed it, so compiling the scene alone finds one material of five: the others (particles,
 * labels, lines) were linked in the first frame, each waiting on the GPU. Views made but not in
 * the scene yet are added for the compile and taken out again, whatever the compile does.
 */
export function compileCurrentGraph(viz: Compiling): void {
  const graph = viz.currentGraph;
  if (!graph) return;
  const detached = new Set<unknown>();
  for (const object of [...Object.values(graph.nodes), ...Object.values(graph.connections)]) {
    const view = object.view;
    for (const container of [view?.container, view?.nameView?.container]) {
      if (container && !container.parent) detached.add(container);
    }
  }
  for (const container of detached) viz.scene.add(container);
  try {
    viz.renderer.compile(viz.scene, viz.camera);
  } finally {
    for (const container of detached) viz.scene.remove(container);
  }
}
