import { describe, expect, it } from 'vitest';
import { drawsNothing, skipDrawingInteractiveLines } from './interactiveLines.ts';
import type { InteractiveLine } from './interactiveLines.ts';
import type { VizGraph } from './vizceralTypes.ts';

/** Vizceral's interactive line: a three.js Line on layer 0 with LineBasicMaterial({ depthTest, depthWrite: false, transparent, opacity: 0 }). */
const line = (material: InteractiveLine['material'] = { opacity: 0, transparent: true, depthWrite: false, blending: 1 }): InteractiveLine => ({ layers: { mask: 1 }, material });

describe('drawsNothing: a line whose drawing leaves every pixel as it was', () => {
  it.each([
    { desc: 'Vizceral\'s interactive line', material: { opacity: 0, transparent: true, depthWrite: false, blending: 1 }, nothing: true },
    { desc: 'blending left to the default (normal)', material: { opacity: 0, transparent: true, depthWrite: false }, nothing: true },
    { desc: 'visible (opacity above 0)', material: { opacity: 0.3, transparent: true, depthWrite: false, blending: 1 }, nothing: false },
    { desc: 'not blended: opacity 0 is drawn opaque', material: { opacity: 0, transparent: false, depthWrite: false, blending: 1 }, nothing: false },
    { desc: 'writes depth: hides what is drawn behind it later', material: { opacity: 0, transparent: true, depthWrite: true, blending: 1 }, nothing: false },
    { desc: 'additive blending', material: { opacity: 0, transparent: true, depthWrite: false, blending: 2 }, nothing: false },
    { desc: 'no material', material: null, nothing: false },
  ])('$desc', ({ material, nothing }) => {
    expect(drawsNothing(line(material))).toBe(nothing);
  });
});

describe('skipDrawingInteractiveLines: the lines that draw nothing leave every layer (raycasts still hit them)', () => {
  const graph = (lines: (InteractiveLine | undefined)[], graphs: Record<string, VizGraph> = {}) => ({
    nodes: {}, graphs,
    connections: Object.fromEntries(lines.map((l, i) => [`c${i}`, { getName: () => `c${i}`, view: l ? { interactiveLine: l } : undefined }])),
  }) as unknown as VizGraph;

  it('in every graph and child graph; a visible line and a connection without a view are left alone', () => {
    const [a, b, visible] = [line(), line(), line({ opacity: 1, transparent: true, depthWrite: false })];
    const graphs = { edge: graph([a], { 'eu-west': graph([b, visible, undefined]) }) };
    skipDrawingInteractiveLines(graphs);
    skipDrawingInteractiveLines(graphs);
    expect([a, b, visible].map((l) => l.layers.mask)).toEqual([0, 0, 1]);
  });
});
