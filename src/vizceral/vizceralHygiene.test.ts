import { describe, expect, it } from 'vitest';
import type { VizNode } from './traffic.ts';
import { countCachedLayouts, pruneGraphs, retireHiddenGraphs, trimLayoutCaches, wrapSegmentMethods } from './vizceralHygiene.ts';
import type { Material, SceneObject, VizGraph, VizInstance } from './vizceralTypes.ts';

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

describe('pruneGraphs: the graphs Vizceral keeps as the view goes through the levels', () => {
  /**
   * A Vizceral-like store of graphs: as Vizceral's setView (getNearestValidGraph, getGraph), the
   * graph of each step of the view's path is made when first shown, if the data has that node with a
   * renderer, and the view stops at the nearest graph that exists; updateData only keeps the data.
   */
  function vizceral() {
    const dropped: string[] = [];
    let data: VizNode | undefined;
    const make = (name: string, parent?: VizGraph): VizGraph => {
      const container: SceneObject = { traverse: (fn) => fn(container), children: [] };
      const g: VizGraph = {
        nodes: {}, connections: {}, graphs: {}, current: false, view: { container },
        graphIndex: parent ? [...(parent.graphIndex ?? []), name] : [],
        ...(parent ? { parentGraph: parent } : {}),
        setCurrent(value: boolean) { g.current = value; },
        removeAllListeners() { dropped.push((g.graphIndex ?? []).join('/')); },
      };
      return g;
    };
    const viz = { graphs: {} as Record<string, VizGraph>, currentGraph: undefined as VizGraph | undefined, scene };
    const update = (traffic: VizNode): void => {
      data = traffic;
      pruneGraphs(viz as unknown as VizInstance, traffic);
    };
    const show = (path: readonly string[]): void => {
      if (!data) return;
      viz.graphs[data.name] ??= make(data.name);
      let graph = viz.graphs[data.name] as VizGraph;
      let nodeData: VizNode = data;
      for (const name of path) {
        const child = (nodeData.nodes ?? []).find((n) => n.name === name);
        if (!graph.graphs[name] && child?.renderer) graph.graphs[name] = make(name, graph);
        const next = graph.graphs[name];
        if (!next || !child) break;
        graph = next;
        nodeData = child;
      }
      viz.currentGraph = graph;
    };
    return { viz, update, show, dropped, names: () => graphNames(viz.graphs) };
  }
  const graphNames = (level: Record<string, VizGraph>, prefix = ''): string[] =>
    Object.entries(level).flatMap(([name, g]) => [`${prefix}${name}`, ...graphNames(g.graphs, `${prefix}${name}/`)]);
  const node = (name: string, more: Partial<VizNode> = {}): VizNode => ({ name, class: 'normal', ...more });
  const region = (dc: string, nodes: readonly VizNode[] = []): VizNode => node(dc, { renderer: 'region', nodes });
  const root = (nodes: readonly VizNode[]): VizNode => node('edge', { renderer: 'global', nodes });
  // What toVizceralTraffic gives at each level (each refresh reads only the current view).
  const LEVELS: Readonly<Record<string, { traffic: VizNode; view: readonly string[] }>> = {
    global: { traffic: root([node('INTERNET'), region('eu-west'), region('us-east')]), view: [] },
    flat: { traffic: root([region('us-east', [node('INTERNET'), node('api-0001'), node('cart-0002')])]), view: ['us-east'] },
    flatFocus: { traffic: root([region('us-east', [node('INTERNET'), node('api-0001', { renderer: 'focused', nodes: [node('api-0001')] })])]), view: ['us-east', 'api-0001'] },
    grouped: { traffic: root([region('eu-west', [node('INTERNET'), node('orders'), node('cart')])]), view: ['eu-west'] },
    group: { traffic: root([region('eu-west', [node('orders-0001'), node('orders-0013'), node('cart')])]), view: ['eu-west'] },
    groupFocus: { traffic: root([region('eu-west', [node('orders-0013', { renderer: 'focused', nodes: [node('orders-0013'), node('cart')] }), node('cart')])]), view: ['eu-west', 'orders-0013'] },
    otherFocus: { traffic: root([region('eu-west', [node('orders-0025', { renderer: 'focused', nodes: [node('orders-0025')] })])]), view: ['eu-west', 'orders-0025'] },
  };
  /** The app (TrafficMap.tsx) sets the new view with the old data; then the new level's answers arrive: updateData, setView. */
  const visit = (v: ReturnType<typeof vizceral>, level: string): void => {
    const { traffic, view } = LEVELS[level] as { traffic: VizNode; view: readonly string[] };
    v.show(view);
    v.update(traffic);
    v.show(view);
  };
  const TOUR = ['global', 'flat', 'flatFocus', 'grouped', 'group', 'groupFocus', 'group', 'grouped', 'global'] as const;

  it.each([
    { desc: 'new data after the view changed: only the graphs of the shown path (and the global level\'s regions) stay', tour: TOUR, last: 'global', kept: ['edge', 'edge/eu-west'] },
    { desc: 'a focus left for another focus in the same group: the first one is dropped', tour: ['group', 'groupFocus', 'otherFocus'], last: 'otherFocus', kept: ['edge', 'edge/eu-west', 'edge/eu-west/orders-0025'] },
    { desc: 'the flat datacenter\'s focus, then the grouped datacenter: the other datacenter\'s graphs are dropped', tour: ['flatFocus', 'grouped'], last: 'grouped', kept: ['edge', 'edge/eu-west'] },
  ])('$desc', ({ tour, last, kept }) => {
    const v = vizceral();
    for (const level of tour) visit(v, level);
    expect(v.names()).toEqual(kept);
    expect(v.viz.currentGraph?.graphIndex).toEqual(LEVELS[last]?.view);
  });

  it('the number of graphs stays flat over repeated tours of every level; each dropped graph is released once', () => {
    const v = vizceral();
    const counts: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const level of TOUR) {
        visit(v, level);
        counts.push(v.names().length);
      }
    }
    // The first round starts with no graph; from the second on, every round is the same.
    const secondRound = counts.slice(TOUR.length, 2 * TOUR.length);
    expect(counts.slice(TOUR.length)).toEqual(Array.from({ length: 4 }, () => secondRound).flat());
    expect(Math.max(...counts)).toBe(3);
    // Each round drops the flat datacenter's graph and its focus, and the group's focus: once each.
    for (const graph of ['us-east', 'us-east/api-0001', 'eu-west/orders-0013']) expect(v.dropped.filter((d) => d === graph)).toHaveLength(5);
  });
});

describe('trimLayoutCaches: Vizceral caches a layout per node and edge set, for good', () => {
  const withCache = (entries: number, graphs: Record<string, VizGraph> = {}) =>
    ({ graphs, layout: { cache: Array.from({ length: entries }, (_, i) => i) } }) as unknown as VizGraph;

  it.each([
    { desc: 'a graph over the bound keeps its newest layouts', entries: 30, keep: 8, left: [22, 23, 24, 25, 26, 27, 28, 29] },
    { desc: 'a graph at the bound keeps them all', entries: 8, keep: 8, left: [0, 1, 2, 3, 4, 5, 6, 7] },
    { desc: 'an empty cache stays empty', entries: 0, keep: 8, left: [] },
  ])('$desc', ({ entries, keep, left }) => {
    const focus = withCache(entries);
    const region = withCache(entries, { checkout: focus });
    trimLayoutCaches({ 'eu-west': region }, keep);
    expect([region.layout?.cache, focus.layout?.cache]).toEqual([left, left]);
  });

  it('a graph without a layout cache (the global renderer) is left alone', () => {
    const global = { graphs: {} } as unknown as VizGraph;
    expect(() => trimLayoutCaches({ edge: global })).not.toThrow();
    expect(countCachedLayouts({ edge: global, x: withCache(3) })).toBe(3);
  });
});
