import { describe, expect, it } from 'vitest';
import { compileCurrentGraph, isSoftwareRenderer, wantsAntialias } from './firstFrameWarmUp.ts';
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
