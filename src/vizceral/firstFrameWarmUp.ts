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

/** The parts of three.js (the bundle's own r106, exported by the build: scripts/vizceralThree.ts) the programs are linked with. */
export interface Three {
  readonly Mesh: new (geometry: unknown, material: unknown) => object;
  readonly Line: new (geometry: unknown, material: unknown) => object;
  readonly Points: new (geometry: unknown, material: unknown) => object;
  readonly BufferGeometry: new () => { dispose(): void };
  readonly MeshBasicMaterial: new (parameters: Record<string, unknown>) => { dispose(): void };
  readonly LineBasicMaterial: new (parameters: Record<string, unknown>) => { dispose(): void };
  readonly Texture: new () => { dispose(): void };
  readonly DoubleSide: number;
}

/** What `linkProgramsAhead` compiles with: the scene, camera and renderer of the map. */
type Linking = Pick<VizInstance, 'camera'> & {
  scene: { add(object: unknown): void; remove(object: unknown): void };
  renderer: { compile(scene: unknown, camera: unknown): void; debug: { checkShaderErrors: boolean }; getContext(): { flush(): void } };
};

/**
 * One object for each shader program Vizceral's views draw with (three.js links one per material
 * type and the parameters that change its code: a map, both sides drawn): the connections'
 * particles (a clone of their ShaderMaterial, as each connection has); colour only (node circles,
 * borders, dots); a texture on both sides (labels, notice icons, a focused node's text); colour on
 * both sides (a focused node's donut and arc meter); lines (a datacenter's connections).
 * `dispose` frees them, and with them the programs no view uses.
 */
export function programObjects(three: Three, particleMaterial: { clone(): { dispose(): void } }): { objects: readonly object[]; dispose(): void } {
  const geometry = new three.BufferGeometry();
  const map = new three.Texture();
  const materials = [
    particleMaterial.clone(),
    new three.MeshBasicMaterial({ color: 0xffffff, transparent: true }),
    new three.MeshBasicMaterial({ map, side: three.DoubleSide, transparent: true }),
    new three.MeshBasicMaterial({ color: 0xffffff, side: three.DoubleSide, transparent: true }),
    new three.LineBasicMaterial({ color: 0xffffff, transparent: true, depthWrite: false }),
  ] as const;
  const [particles, plain, textured, twoSided, line] = materials;
  return {
    objects: [
      new three.Points(geometry, particles),
      new three.Mesh(geometry, plain),
      new three.Mesh(geometry, textured),
      new three.Mesh(geometry, twoSided),
      new three.Line(geometry, line),
    ],
    dispose: () => {
      for (const material of materials) material.dispose();
      geometry.dispose();
      map.dispose();
    },
  };
}

/**
 * Links the shader programs of `objects` now, while the first answers are awaited, without waiting
 * for the links. three.js waits for each link when it reads the program's logs after linking
 * (its shader checks); with them off for this compile, the compile only queues the work, which
 * the GPU process does on its own thread while the page goes on. The first frame then finds each
 * program in three.js's cache (by its code), linked: in the first frame of a view, the four links
 * took 60-160 ms here. The programs stay while `objects`' materials are not disposed. (A link that
 * failed is not reported: these are Vizceral's fixed shaders, which three.js checked before.)
 */
export function linkProgramsAhead(viz: Linking, objects: readonly object[]): void {
  const debug = viz.renderer.debug;
  const checked = debug.checkShaderErrors;
  debug.checkShaderErrors = false;
  for (const object of objects) viz.scene.add(object);
  try {
    viz.renderer.compile(viz.scene, viz.camera);
    viz.renderer.getContext().flush();
  } finally {
    for (const object of objects) viz.scene.remove(object);
    debug.checkShaderErrors = checked;
  }
}
