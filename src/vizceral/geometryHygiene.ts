/**
 * Geometries Vizceral leaves on the GPU, freed by the adapter (the soak counts them: three.js's
 * `renderer.info.memory.geometries`, split by geometryCensus.ts). Disposing a geometry frees its
 * GPU buffers only: three.js uploads it again if it is drawn again.
 */
import type { Geometry, SceneObject, VizGraph } from './vizceralTypes.ts';

/** The geometries `roots` (scene objects and all below them) draw. */
export function geometriesUnder(roots: Iterable<SceneObject>, into = new Set<Geometry>()): Set<Geometry> {
  for (const root of roots) root.traverse((object) => { if (object.geometry) into.add(object.geometry); });
  return into;
}

/**
 * Disposes the geometries under `roots` that `keep` does not hold: a graph out of sight keeps
 * the buffers of everything drawn during its last tween (particles, lines, label planes) until it
 * is shown again; geometries it shares with the scene (Vizceral's node geometries cached by
 * radius) are kept.
 */
export function disposeGeometriesNotIn(roots: Iterable<SceneObject>, keep: ReadonlySet<Geometry>): void {
  for (const geometry of geometriesUnder(roots)) if (!keep.has(geometry)) geometry.dispose();
}

/**
 * A graph's view holds an invisible one-point mesh of its own (so that an empty graph still
 * clears the screen): when Vizceral's graph is dropped (pruneGraphs), its geometry and material
 * would stay on the GPU as long as the renderer lives, one per focused service ever shown.
 */
export function disposeGraphOwnMeshes(graph: VizGraph): void {
  for (const child of graph.view.container.children ?? []) {
    if (!child.geometry) continue;
    child.geometry.dispose();
    const materials = child.material === undefined ? [] : Array.isArray(child.material) ? child.material : [child.material];
    for (const material of materials) material.dispose();
  }
}

const PARTICLES_DISPOSED = Symbol('trafficMap.particlesDisposed');
interface ParticleView { particles?: SceneObject; growParticles?: unknown }

/**
 * A connection's particle system grows (up to its maximum) by replacing its `Points`: Vizceral
 * disposes the old geometry in a `setTimeout` after the frame, so that at any moment several
 * replaced geometries are still counted on the GPU (0-15 in the soak's samples), in no scene.
 * This wraps `growParticles`, once, on the class of the connection views found in the graphs,
 * so that the replaced geometry is disposed as soon as it is out of the view (Vizceral's own
 * later dispose is then a no-op).
 */
export function disposeReplacedParticles(graphs: Record<string, VizGraph>): void {
  for (const graph of Object.values(graphs)) {
    for (const connection of Object.values(graph.connections)) {
      const view = connection.view as (ParticleView & object) | undefined;
      if (view?.particles) {
        wrapGrowParticles(Object.getPrototypeOf(view) as object);
        break; // One view per graph: its class is the graph's connection view class.
      }
    }
    disposeReplacedParticles(graph.graphs);
  }
}

export function wrapGrowParticles(proto: object): void {
  let owner: object | null = proto;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'growParticles')) owner = Object.getPrototypeOf(owner) as object | null;
  const holder = owner as Record<string | symbol, unknown> | null;
  const original = holder?.['growParticles'];
  if (!holder || typeof original !== 'function' || (original as { [PARTICLES_DISPOSED]?: boolean })[PARTICLES_DISPOSED]) return;
  const wrapped = function (this: ParticleView, ...args: unknown[]): unknown {
    const before = this.particles;
    const result: unknown = original.apply(this, args);
    if (before && before !== this.particles && !before.parent) before.geometry?.dispose();
    return result;
  };
  Object.assign(wrapped, { [PARTICLES_DISPOSED]: true });
  holder['growParticles'] = wrapped;
}
