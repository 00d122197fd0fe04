import { describe, expect, it } from 'vitest';
import { disposeGeometriesNotIn, disposeGraphOwnMeshes, disposeReplacedParticles, wrapGrowParticles } from './geometryHygiene.ts';
import type { Material, SceneObject, VizGraph } from './vizceralTypes.ts';

/** A disposable that counts its dispose() calls. */
const disposable = () => ({ disposed: 0, dispose() { this.disposed++; } });
const mesh = (geometry = disposable(), material = disposable()) => {
  const m: SceneObject & { geometry: typeof geometry; material: Material & { disposed: number } } = {
    traverse: (fn) => fn(m), geometry, material: material as Material & { disposed: number },
  };
  return m;
};
const group = (children: SceneObject[], parent: unknown = null): SceneObject => {
  const g: SceneObject = { traverse: (fn) => { fn(g); for (const c of children) c.traverse(fn); }, children, parent };
  return g;
};

describe('disposeGeometriesNotIn: a hidden graph\'s geometries', () => {
  it('disposes each geometry under the roots once, never one the scene draws', () => {
    const shared = mesh();
    const own = mesh();
    const twice = mesh();
    const alsoTwice: SceneObject = { traverse: (fn) => fn(alsoTwice), geometry: twice.geometry };
    disposeGeometriesNotIn([group([shared, own, twice]), group([alsoTwice])], new Set([shared.geometry]));
    expect([shared.geometry.disposed, own.geometry.disposed, twice.geometry.disposed]).toEqual([0, 1, 1]);
  });
});

describe('disposeGraphOwnMeshes: a dropped graph', () => {
  it('disposes the geometry and material of the meshes directly in the graph\'s container, not of node containers', () => {
    const placeholder = mesh();
    const nodeMesh = mesh();
    const graph = { view: { container: group([placeholder, group([nodeMesh])]) } } as unknown as VizGraph;
    disposeGraphOwnMeshes(graph);
    expect([placeholder.geometry.disposed, placeholder.material.disposed]).toEqual([1, 1]);
    expect([nodeMesh.geometry.disposed, nodeMesh.material.disposed]).toEqual([0, 0]);
  });
});

describe('wrapGrowParticles: particle systems Vizceral replaces', () => {
  /** Like Vizceral's ConnectionView: growing replaces the Points and disposes the old geometry later (a timer). */
  class ConnectionView {
    readonly container = { children: [] as SceneObject[] };
    particles: SceneObject & { geometry: ReturnType<typeof disposable> } = this.points();
    later: (() => void)[] = [];
    points() {
      const p = { ...mesh(), parent: this.container as unknown };
      return p;
    }
    growParticles(size: number): number {
      const old = this.particles;
      old.parent = null;
      this.later.push(() => old.geometry.dispose());
      this.particles = this.points();
      return size;
    }
  }
  class RegionConnectionView extends ConnectionView {}

  it('disposes the replaced geometry at once, once for a wrapped class and its subclasses; the result passes through', () => {
    wrapGrowParticles(RegionConnectionView.prototype);
    wrapGrowParticles(ConnectionView.prototype);
    const view = new RegionConnectionView();
    const first = view.particles;
    expect(view.growParticles(7)).toBe(7);
    expect(first.geometry.disposed).toBe(1);
    expect(view.particles.geometry.disposed).toBe(0);
    for (const f of view.later) f(); // Vizceral's own dispose, after the frame: three.js ignores a second one.
    expect(first.geometry.disposed).toBe(2);
  });

  it('keeps a geometry still in the view (a grow that did not replace it)', () => {
    class Keeps { particles = { ...mesh(), parent: {} as unknown }; growParticles() { return 0; } }
    wrapGrowParticles(Keeps.prototype);
    const view = new Keeps();
    view.growParticles();
    expect(view.particles.geometry.disposed).toBe(0);
  });

  it('finds the connection view classes in the graphs at any depth', () => {
    class Base { particles = mesh(); growParticles() { return 0; } }
    class Focused extends Base {}
    const before = Base.prototype.growParticles;
    const connection = { view: new Focused() };
    const child = { nodes: {}, connections: { 'a--b': connection }, graphs: {} } as unknown as VizGraph;
    const root = { nodes: {}, connections: {}, graphs: { 'eu-west': child } } as unknown as VizGraph;
    disposeReplacedParticles({ edge: root });
    expect(Base.prototype.growParticles).not.toBe(before);
    expect(Object.prototype.hasOwnProperty.call(Focused.prototype, 'growParticles')).toBe(false); // wrapped where it is defined
  });
});
