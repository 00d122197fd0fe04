/**
 * Every Vizceral connection has an "interactive line" from its source to its target, there only to
 * be hit by the pointer (hover and click find the connection by a raycast): a line of opacity 0,
 * blended, that writes no depth. Drawn, it changes no pixel, but it is drawn: in the first frame
 * of a view each one is converted to buffers and uploaded, and the views without visible lines
 * (global, focus) link a shader program for them alone; every frame after, it is one more draw
 * call per connection.
 *
 * three.js draws an object only when its layers share one with the camera's, and its raycaster
 * does not look at layers (r106, Vizceral's): a line taken off every layer is not drawn and is still
 * hit. Only lines that draw nothing are taken off (opacity 0, blended, no depth written).
 */
import type { VizGraph } from './vizceralTypes.ts';

/** The parts of Vizceral's interactive line (a three.js Line) read and changed here. */
export interface InteractiveLine {
  layers: { mask: number };
  material?: { opacity?: number; transparent?: boolean; depthWrite?: boolean; blending?: number } | null;
}

/** three.js's NormalBlending: colour blended by the source's alpha (0: the pixel stays as it was). */
const NORMAL_BLENDING = 1;

/** Whether drawing `line` changes nothing on screen: fully transparent, blended by alpha, no depth written. */
export function drawsNothing(line: InteractiveLine): boolean {
  const m = line.material;
  return !!m && m.opacity === 0 && m.transparent === true && m.depthWrite === false && (m.blending ?? NORMAL_BLENDING) === NORMAL_BLENDING;
}

/**
 * Takes the interactive line of every connection of `graphs` (and their child graphs) that draws
 * nothing off every layer. Cheap once done: call after Vizceral makes views (`updateData`,
 * `setView`) and before the first frame of a view.
 */
export function skipDrawingInteractiveLines(graphs: Record<string, VizGraph>): void {
  for (const graph of Object.values(graphs)) {
    skipInGraph(graph);
    skipDrawingInteractiveLines(graph.graphs);
  }
}

/** The same for one graph's own connections. */
export function skipInGraph(graph: Pick<VizGraph, 'connections'>): void {
  for (const connection of Object.values(graph.connections)) {
    const line = (connection.view as { interactiveLine?: InteractiveLine } | undefined)?.interactiveLine;
    if (line && line.layers.mask !== 0 && drawsNothing(line)) line.layers.mask = 0;
  }
}
