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

/** The WebGL calls `linkProgramsAhead` changes for its compile. */
export interface LinkingContext {
  getProgramParameter(program: unknown, name: number): unknown;
  deleteProgram(program: unknown): void;
  flush(): void;
}

/** What `linkProgramsAhead` compiles with: the scene, camera and renderer of the map. */
type Linking = Pick<VizInstance, 'camera'> & {
  scene: { add(object: unknown): void; remove(object: unknown): void };
  renderer: { compile(scene: unknown, camera: unknown): void; debug: { checkShaderErrors: boolean }; getContext(): LinkingContext };
};

/** WebGL's ACTIVE_UNIFORMS. */
const ACTIVE_UNIFORMS = 0x8b86;

/**
 * One object for each shader program Vizceral's views draw with (three.js links one per material
 * type and the parameters that change its code: a map, both sides drawn): the connections'
 * particles (a clone of their ShaderMaterial, as each connection has); colour only (node circles,
 * borders, dots); a texture on both sides (labels, notice icons, a focused node's text); colour on
 * both sides (a focused node's donut and arc meter); lines (a datacenter's connections).
 * `dispose` frees their materials, geometry and texture.
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
 * Has the GPU process link the shader programs of `objects` now, while the first answers are
 * awaited, without waiting for it. The GPU process keeps what it linked by the programs' sources:
 * the first frame's links of the same programs then take a few ms instead of 10-25 each here.
 *
 * three.js (r106) makes the sources and asks for the links (`compile`), then waits for each link
 * twice: reading its logs (its shader checks, off for this compile) and reading its uniforms
 * (answered 0 for this compile: nothing of it is kept). Its programs are then released (`dispose`,
 * which disposes the objects' materials) but not deleted, so that their links run to the end:
 * `release` deletes them, once the first frame is drawn. Before the first frame, three.js makes
 * its programs (`compileWith` a new set of the objects, kept until the frame is drawn): with the
 * links already done, that costs a few ms, and the frame itself waits for no link.
 */
export function linkProgramsAhead(viz: Linking, objects: readonly object[], dispose: () => void): { release(): void } {
  const gl = viz.renderer.getContext();
  const debug = viz.renderer.debug;
  const checked = debug.checkShaderErrors;
  const kept: unknown[] = [];
  const own = { getProgramParameter: Object.hasOwn(gl, 'getProgramParameter'), deleteProgram: Object.hasOwn(gl, 'deleteProgram') };
  const { getProgramParameter, deleteProgram } = gl;
  debug.checkShaderErrors = false;
  gl.getProgramParameter = (program, name) => (name === ACTIVE_UNIFORMS ? 0 : getProgramParameter.call(gl, program, name));
  gl.deleteProgram = (program) => { kept.push(program); };
  try {
    compileWith(viz, objects);
  } finally {
    debug.checkShaderErrors = checked;
    try {
      dispose();
    } finally {
      restore(gl, 'getProgramParameter', own.getProgramParameter, getProgramParameter);
      restore(gl, 'deleteProgram', own.deleteProgram, deleteProgram);
    }
  }
  gl.flush();
  return { release: () => { for (const program of kept.splice(0)) gl.deleteProgram(program); } };
}

function restore<K extends keyof LinkingContext>(gl: LinkingContext, name: K, wasOwn: boolean, original: LinkingContext[K]): void {
  if (wasOwn) gl[name] = original;
  else delete (gl as Partial<LinkingContext>)[name];
}

/**
 * Compiles the programs of `objects` (added to the scene for the compile only): three.js links
 * each program not in its cache and waits for it. Its programs stay while the objects' materials
 * are not disposed, and a material of the same program's code made later gets the same program.
 */
export function compileWith(viz: Pick<Linking, 'scene' | 'camera'> & { renderer: { compile(scene: unknown, camera: unknown): void } }, objects: readonly object[]): void {
  for (const object of objects) viz.scene.add(object);
  try {
    viz.renderer.compile(viz.scene, viz.camera);
  } finally {
    for (const object of objects) viz.scene.remove(object);
  }
}
