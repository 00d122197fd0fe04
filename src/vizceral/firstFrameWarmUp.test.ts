import { describe, expect, it } from 'vitest';
import { compileCurrentGraph, isSoftwareRenderer, linkProgramsAhead, programObjects, wantsAntialias } from './firstFrameWarmUp.ts';
import type { Three } from './firstFrameWarmUp.ts';
import type { SceneObject, VizGraph, VizObject } from './vizceralTypes.ts';

describe('isSoftwareRenderer / wantsAntialias', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['Google SwiftShader', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Mesa softpipe', true],
    ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)', true],
    ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', false],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M2', false],
    ['WebKit WebGL', false],
  ])('%s: software %s', (name, software) => {
    expect(isSoftwareRenderer(name)).toBe(software);
    expect(wantsAntialias(name)).toBe(!software);
  });

  it('an unknown renderer (no WebGL, no name) keeps antialiasing', () => {
    expect(wantsAntialias(null)).toBe(true);
    expect(wantsAntialias(undefined)).toBe(true);
    expect(wantsAntialias('')).toBe(true);
  });
});

/** A scene that records what is in it when compiled, and what is in it at any time. */
function fakeScene() {
  const children = new Set<SceneObject>();
  const compiled: SceneObject[][] = [];
  const scene = {
    add(o: unknown) { const c = o as SceneObject; children.add(c); c.parent = scene; },
    remove(o: unknown) { const c = o as SceneObject; children.delete(c); c.parent = null; },
  };
  return { scene, children, compiled };
}

const container = (inScene: boolean): SceneObject & { matrixWorld: unknown } => ({ traverse: () => {}, parent: inScene ? {} : null, matrixWorld: {} });

function objectWith(view: VizObject['view']): VizObject {
  return { getName: () => 'x', view };
}

describe('compileCurrentGraph', () => {
  it('compiles with the views not yet in the scene added, and takes them out again', () => {
    const { scene, children, compiled } = fakeScene();
    const placed = container(true);
    const nodeView = container(false);
    const label = container(false);
    const connectionView = container(false);
    const graph = { nodes: { a: objectWith({ container: placed, nameView: { container: label } }), b: objectWith({ container: nodeView }), c: objectWith(undefined) }, connections: { 'a--b': objectWith({ container: connectionView }) } } as unknown as VizGraph;
    const viz = { currentGraph: graph, camera: { position: { clone: () => { throw new Error('unused'); } } }, scene, renderer: { compile: (s: unknown) => { expect(s).toBe(scene); compiled.push([...children]); } } };
    compileCurrentGraph(viz);
    expect(compiled).toHaveLength(1);
    expect(new Set(compiled[0])).toEqual(new Set([label, nodeView, connectionView]));
    expect(children.size).toBe(0);
    expect([nodeView.parent, label.parent, connectionView.parent]).toEqual([null, null, null]);
    expect(placed.parent).toEqual({});
  });

  it('takes the views out again when the compile throws', () => {
    const { scene, children } = fakeScene();
    const view = container(false);
    const viz = { currentGraph: { nodes: { a: objectWith({ container: view }) }, connections: {} } as unknown as VizGraph, camera: { position: { clone: () => { throw new Error('unused'); } } }, scene, renderer: { compile: () => { throw new Error('context lost'); } } };
    expect(() => compileCurrentGraph(viz)).toThrow('context lost');
    expect(children.size).toBe(0);
    expect(view.parent).toBeNull();
  });

  it('does nothing without a current graph', () => {
    const { scene } = fakeScene();
    let compiles = 0;
    compileCurrentGraph({ currentGraph: undefined, camera: { position: { clone: () => { throw new Error('unused'); } } }, scene, renderer: { compile: () => { compiles++; } } });
    expect(compiles).toBe(0);
  });
});

/** three.js as far as programObjects uses it: objects and materials that say what they were made with, and count disposals. */
function fakeThree() {
  const disposed: string[] = [];
  const disposable = (kind: string, parameters: Record<string, unknown> = {}) => ({ kind, parameters, dispose() { disposed.push(kind); } });
  const object = (kind: string) => class { constructor(readonly geometry: unknown, readonly material: unknown) { void kind; } readonly kind = kind; };
  const three = {
    Mesh: object('Mesh'), Line: object('Line'), Points: object('Points'),
    BufferGeometry: class { kind = 'BufferGeometry'; dispose() { disposed.push('BufferGeometry'); } },
    MeshBasicMaterial: class { constructor(readonly parameters: Record<string, unknown>) {} kind = 'MeshBasicMaterial'; dispose() { disposed.push('MeshBasicMaterial'); } },
    LineBasicMaterial: class { constructor(readonly parameters: Record<string, unknown>) {} kind = 'LineBasicMaterial'; dispose() { disposed.push('LineBasicMaterial'); } },
    Texture: class { kind = 'Texture'; dispose() { disposed.push('Texture'); } },
    DoubleSide: 2,
  } as unknown as Three;
  const particleMaterial = { clone: () => disposable('ParticleClone') };
  return { three, particleMaterial, disposed };
}

describe('programObjects: one object per shader program of Vizceral\'s views', () => {
  it('particles (a clone of theirs), colour, a texture on both sides, colour on both sides, lines; dispose frees every material, the geometry and the texture', () => {
    const { three, particleMaterial, disposed } = fakeThree();
    const { objects, dispose } = programObjects(three, particleMaterial);
    const made = objects.map((o) => {
      const { kind, material } = o as { kind: string; material: { kind: string; parameters: Record<string, unknown> } };
      const { map, side } = material.parameters;
      return `${kind} ${material.kind}${map ? ' map' : ''}${side === 2 ? ' both sides' : ''}`;
    });
    expect(made).toEqual(['Points ParticleClone', 'Mesh MeshBasicMaterial', 'Mesh MeshBasicMaterial map both sides', 'Mesh MeshBasicMaterial both sides', 'Line LineBasicMaterial']);
    dispose();
    expect(disposed.sort()).toEqual(['BufferGeometry', 'LineBasicMaterial', 'MeshBasicMaterial', 'MeshBasicMaterial', 'MeshBasicMaterial', 'ParticleClone', 'Texture']);
  });
});

describe('linkProgramsAhead: compiled without waiting for the links', () => {
  const linking = (compile: () => void) => {
    const { scene, children } = fakeScene();
    const seen: { checks: boolean; inScene: number }[] = [];
    let flushes = 0;
    const renderer = {
      debug: { checkShaderErrors: true },
      compile: (s: unknown) => { expect(s).toBe(scene); seen.push({ checks: renderer.debug.checkShaderErrors, inScene: children.size }); compile(); },
      getContext: () => ({ flush: () => { flushes++; } }),
    };
    return { viz: { scene, renderer, camera: { position: { clone: () => { throw new Error('unused'); } } } }, children, seen, flushes: () => flushes };
  };
  const objects = () => [{ parent: null }, { parent: null }] as object[];

  it('with the shader checks off (they wait for each link) and the objects in the scene for the compile only; the commands flushed', () => {
    const { viz, children, seen, flushes } = linking(() => {});
    linkProgramsAhead(viz, objects());
    expect({ seen, inSceneAfter: children.size, checks: viz.renderer.debug.checkShaderErrors, flushes: flushes() }).toEqual({ seen: [{ checks: false, inScene: 2 }], inSceneAfter: 0, checks: true, flushes: 1 });
  });

  it('the checks back on and the objects out when the compile throws', () => {
    const { viz, children } = linking(() => { throw new Error('context lost'); });
    expect(() => linkProgramsAhead(viz, objects())).toThrow('context lost');
    expect({ inScene: children.size, checks: viz.renderer.debug.checkShaderErrors }).toEqual({ inScene: 0, checks: true });
  });
});
