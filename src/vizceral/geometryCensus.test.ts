import { describe, expect, it } from 'vitest';
import { geometryCensus, onGpu } from './geometryCensus.ts';
import type { Geometry, SceneObject, VizGraph, VizInstance } from './vizceralTypes.ts';

/** A geometry as three.js r106 leaves it: its renderer listens for 'dispose' while it has GPU buffers. */
const geometry = (uploaded: boolean): Geometry => ({ dispose() {}, ...(uploaded ? { _listeners: { dispose: [() => {}] } } : {}) });
const mesh = (g: Geometry): SceneObject => {
  const m: SceneObject = { traverse: (fn) => fn(m), geometry: g };
  return m;
};
const group = (children: SceneObject[]): SceneObject => {
  const g: SceneObject = { traverse: (fn) => { fn(g); for (const c of children) c.traverse(fn); }, children };
  return g;
};

describe('geometryCensus: who holds the geometries on the GPU', () => {
  it('onGpu: a geometry with the renderer\'s dispose listener; none, or an empty list once disposed', () => {
    expect([geometry(true), geometry(false), { dispose() {}, _listeners: { dispose: [] } }].map(onGpu)).toEqual([true, false, false]);
  });

  it('splits three.js\'s count into the scene, graphs out of sight and the rest; radius caches counted apart', () => {
    // Vizceral's cached node geometries for radius 16, shared by both nodes of the shown graph,
    // and one for radius 120 used by the hidden global graph's node (not on the GPU any more).
    const border16 = geometry(true);
    const circle16 = geometry(true);
    const border120 = geometry(false);
    const nodeView = (radius: number, border: Geometry, circle?: Geometry) => {
      const meshes = { outerBorder: mesh(border), ...(circle ? { innerCircle: mesh(circle) } : {}), label: mesh(geometry(true)) };
      return { radius, meshes, container: group(Object.values(meshes)) };
    };
    const a = nodeView(16, border16, circle16);
    const b = nodeView(16, border16, circle16);
    const dc = nodeView(120, border120);
    const hiddenLabel = group([mesh(geometry(true))]);
    const shown = { nodes: { a: { view: a }, b: { view: { ...b, nameView: { container: hiddenLabel } } } }, connections: {}, graphs: {}, view: { container: group([a.container, b.container]) } };
    const hiddenParticles = mesh(geometry(true));
    const global = {
      nodes: { 'eu-west': { view: dc } }, connections: {}, graphs: { 'eu-west': shown },
      view: { container: group([dc.container, hiddenParticles]) },
    };
    const viz = {
      scene: group([shown.view.container]),
      graphs: { edge: global } as unknown as Record<string, VizGraph>,
      // on the GPU: 2 shared + 2 labels drawn, 1 hidden label, 1 label and particles of the hidden graph, 2 no one holds
      renderer: { info: { memory: { geometries: 9, textures: 0 } } } as VizInstance['renderer'],
    } as Pick<VizInstance, 'scene' | 'graphs' | 'renderer'>;
    expect(geometryCensus(viz)).toEqual({ total: 9, inScene: 4, hidden: 3, unheld: 2, radiusCached: 3, radii: [16, 120] });
  });
});
