import { describe, expect, it } from 'vitest';
import { retireHiddenGraphs, wrapSegmentMethods } from './vizceralHygiene.ts';
import type { Material, SceneObject, VizGraph } from './vizceralTypes.ts';

/** A disposable that counts its dispose() calls. */
const disposable = () => ({ disposed: 0, dispose() { this.disposed++; } });
/** A geometry every graph uses, as Vizceral's node geometries cached by radius are, drawn by the scene. */
const shared = disposable();
const sharedInScene: SceneObject = { traverse: (fn) => fn(sharedInScene), geometry: shared };
const scene: SceneObject & { add(): void; remove(): void } = { traverse: (fn) => fn(sharedInScene), add() {}, remove() {} };

/** A Vizceral graph as far as retireHiddenGraphs reads it: current flag, scene parent, one textured mesh and a shared one, children. */
function graph(current: boolean, inScene: boolean, graphs: Record<string, VizGraph> = {}) {
  const texture = disposable();
  const geometry = disposable();
  const mesh: SceneObject = { traverse: (fn) => fn(mesh), geometry, material: { ...disposable(), map: texture } as Material };
  const sharedMesh: SceneObject = { traverse: (fn) => fn(sharedMesh), geometry: shared };
  const container: SceneObject = { traverse: (fn) => { fn(container); fn(mesh); fn(sharedMesh); }, parent: inScene ? {} : null };
  const g = {
    current, graphs, nodes: {}, connections: {}, retired: 0, texture, geometry, view: { container },
    setCurrent(value: boolean) { if (!value && g.current) g.retired++; g.current = value; },
    removeAllListeners() {},
  };
  return g;
}

describe('retireHiddenGraphs: graphs out of sight after a view change', () => {
  it.each([
    { desc: 'the region a zoom into a service left "current", out of the scene: retired, textures and geometries freed', regionCurrent: true, regionInScene: false, retired: 1, freed: 1, leaving: false },
    { desc: 'the region left by a zoom, still in the scene (tween running): nothing yet, call again', regionCurrent: true, regionInScene: true, retired: 0, freed: 0, leaving: true },
    { desc: 'a region Vizceral retired itself: its textures and geometries freed again (drawn during a tween)', regionCurrent: false, regionInScene: false, retired: 0, freed: 1, leaving: false },
  ])('$desc', ({ regionCurrent, regionInScene, retired, freed, leaving }) => {
    shared.disposed = 0;
    const focus = graph(true, true);
    const region = graph(regionCurrent, regionInScene, { checkout: focus });
    const root = graph(false, false, { 'eu-west': region });
    expect(retireHiddenGraphs({ graphs: { edge: root }, currentGraph: focus, scene })).toBe(leaving);
    expect({ retired: region.retired, textures: region.texture.disposed, geometries: region.geometry.disposed }).toEqual({ retired, textures: freed, geometries: freed });
    expect({ focusCurrent: focus.current, focusTextures: focus.texture.disposed, focusGeometries: focus.geometry.disposed }).toEqual({ focusCurrent: true, focusTextures: 0, focusGeometries: 0 });
    expect(shared.disposed).toBe(0);
  });

  it('retires every hidden graph at any depth, never the current one', () => {
    const focus = graph(true, false);
    const region = graph(true, false, { checkout: focus });
    const root = graph(true, false, { 'eu-west': region });
    expect(retireHiddenGraphs({ graphs: { edge: root }, currentGraph: region, scene })).toBe(false);
    expect({ region: region.current, focus: focus.current, root: root.current }).toEqual({ region: true, focus: false, root: false });
  });
});

describe('wrapSegmentMethods: donut and arc meshes Vizceral drops', () => {
  const mesh = () => {
    const geometry = disposable();
    const material = disposable() as Material & { disposed: number };
    const m: SceneObject & { geometry: typeof geometry; material: typeof material } = { traverse: (fn) => fn(m), geometry, material };
    return m;
  };
  /** Like Vizceral's focused node view: each update replaces the segments, dropping the old ones. */
  class FocusedView {
    donutGraphSegments = [mesh(), mesh()];
    arcMeterSegments = [mesh()];
    updateDonutGraph() { this.donutGraphSegments = [this.donutGraphSegments[0] ?? mesh(), mesh()]; }
    updateArcMeter() { this.arcMeterSegments = [mesh()]; }
  }

  it('disposes the geometry and material of each dropped mesh once, never of a kept one; wrapping twice is once', () => {
    wrapSegmentMethods(FocusedView.prototype);
    wrapSegmentMethods(FocusedView.prototype);
    const view = new FocusedView();
    const [kept, dropped] = view.donutGraphSegments;
    const [arc] = view.arcMeterSegments;
    view.updateDonutGraph();
    view.updateArcMeter();
    expect([kept?.geometry.disposed, kept?.material.disposed]).toEqual([0, 0]);
    expect([dropped?.geometry.disposed, dropped?.material.disposed]).toEqual([1, 1]);
    expect([arc?.geometry.disposed, arc?.material.disposed]).toEqual([1, 1]);
  });
});
