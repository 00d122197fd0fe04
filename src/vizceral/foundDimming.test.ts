import { describe, expect, it } from 'vitest';
import { applyFound, dimmingOf, keepFoundAfterHover } from './foundDimming.ts';
import type { DimmableGraph } from './foundDimming.ts';
import { fromVizName, vizConnectionName, vizName } from './vizNames.ts';

/** A graph with Vizceral's dimming call recorded (the real one is driven in e2e/demo/expressions.spec.ts). */
function graph(nodes: string[], edges: [string, string][], highlighted = false) {
  const calls: { nodes: Record<string, boolean>; connections: Record<string, boolean>; applied: boolean }[] = [];
  const state = new Map<string, boolean>();
  const obj = (name: string) => ({ isVisible: () => true, getView: () => ({ dimmed: state.get(name) ?? false }) });
  const g: DimmableGraph = {
    nodes: Object.fromEntries(nodes.map((n) => [vizName(n), obj(vizName(n))])),
    connections: Object.fromEntries(edges.map(([s, t]) => [vizConnectionName(s, t), obj(vizConnectionName(s, t))])),
    ...(highlighted ? { highlightedObject: {} } : {}),
    _applyDimming: (n, c, applied) => {
      calls.push({ nodes: { ...n }, connections: { ...c }, applied });
      for (const [k, v] of Object.entries({ ...n, ...c })) state.set(k, v);
    },
  };
  return { g, calls };
}

describe('applyFound', () => {
  it('lights what was found and dims the rest, names like __proto__ and a--b included', () => {
    const { g, calls } = graph(['__proto__', 'a--b', 'c'], [['__proto__', 'c'], ['a--b', 'c']]);
    expect(applyFound(g, { nodes: ['__proto__', 'a--b'], edges: [['a--b', 'c']] }, false)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.applied).toBe(true);
    expect(dimmingOf(g, fromVizName)).toEqual({ lit: ['__proto__', 'a--b'], dimmed: ['c'] });
    expect(calls[0]?.connections[vizConnectionName('a--b', 'c')]).toBe(false);
    expect(calls[0]?.connections[vizConnectionName('__proto__', 'c')]).toBe(true);
  });

  it('no Find: undims what it dimmed, and touches nothing it did not dim', () => {
    const { g, calls } = graph(['a', 'b'], []);
    applyFound(g, { nodes: ['a'], edges: [] }, false);
    expect(applyFound(g, null, true)).toBe(false);
    expect(dimmingOf(g, fromVizName)).toEqual({ lit: ['a', 'b'], dimmed: [] });
    const before = calls.length;
    applyFound(g, null, false);
    expect(calls).toHaveLength(before);
  });

  it('a selected node or edge keeps the highlight; no graph yet is no work', () => {
    const { g, calls } = graph(['a'], [], true);
    expect(applyFound(g, { nodes: [], edges: [] }, false)).toBe(false);
    expect(calls).toHaveLength(0);
    expect(applyFound(undefined, { nodes: ['a'], edges: [] }, false)).toBe(false);
  });
});

describe('keepFoundAfterHover', () => {
  it('when the pointer leaves a node and Vizceral undims the view, Find dims it again', () => {
    const { g } = graph(['a', 'b'], []);
    const hover: unknown[] = [];
    g.highlightConnectedNodes = (selected) => {
      hover.push(selected);
      g._applyDimming?.({ [vizName('a')]: false, [vizName('b')]: false }, {}, false);
    };
    const found = { nodes: ['a'], edges: [] };
    const reapply = () => { applyFound(g, found, true); };
    keepFoundAfterHover(g, reapply);
    keepFoundAfterHover(g, reapply); // once per graph
    applyFound(g, found, false);
    g.highlightConnectedNodes?.({});
    expect(dimmingOf(g, fromVizName).dimmed).toEqual([]); // while hovering, Vizceral's own highlight
    g.highlightConnectedNodes?.(undefined);
    expect(dimmingOf(g, fromVizName)).toEqual({ lit: ['a'], dimmed: ['b'] });
    expect(hover).toEqual([{}, undefined]);
  });
});
