import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileGraph, labelValue, NASTY_VALUES } from '../app/__fixtures__/hostileArbitraries.ts';
import { toVizceralTraffic } from './traffic.ts';
import type { VizNode } from './traffic.ts';
import { fromVizName, VIZ_PREFIX, vizConnectionName, vizName, withVizNames } from './vizNames.ts';

/** Every property name a plain object has through its prototype chain. */
const OBJECT_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

describe('vizName', () => {
  it.each([
    { desc: 'a plain name', id: 'checkout', want: 'n:checkout' },
    { desc: 'a prototype key', id: 'constructor', want: 'n:constructor' },
    { desc: 'dashes are escaped (Vizceral joins connection ends with --)', id: 'a--b', want: 'n:a%2D%2Db' },
    { desc: 'percent is escaped', id: '%2D', want: 'n:%252D' },
    { desc: 'the escaped id of a service named INTERNET', id: 'svc:INTERNET', want: 'n:svc:INTERNET' },
  ])('$desc', ({ id, want }) => {
    expect(vizName(id)).toBe(want);
    expect(fromVizName(want)).toBe(id);
  });

  it('property: one-to-one, never a key of Object.prototype, never a "--"', () => {
    fc.assert(fc.property(fc.oneof(labelValue, fc.string({ unit: 'binary' })), fc.oneof(labelValue, fc.string()), (a, b) => {
      const name = vizName(a);
      expect(fromVizName(name)).toBe(a);
      expect(OBJECT_KEYS.has(name)).toBe(false);
      expect(name.startsWith(VIZ_PREFIX) && !name.includes('--')).toBe(true);
      if (a !== b) expect(vizName(b)).not.toBe(name);
      // Connection names are as unique as the pairs of ends.
      expect(vizConnectionName(a, b).split('--').map(fromVizName)).toEqual([a, b]);
    }), { numRuns: 1000 });
    for (const v of NASTY_VALUES) expect(fromVizName(vizName(v))).toBe(v);
  });
});

function namesIn(node: VizNode, out: string[] = []): string[] {
  out.push(node.name);
  if (node.entryNode !== undefined) out.push(node.entryNode);
  for (const c of node.connections ?? []) out.push(c.source, c.target);
  for (const n of node.nodes ?? []) namesIn(n, out);
  return out;
}

describe('withVizNames over hostile graphs', () => {
  it('renames every name, entry node and connection end, and nothing else', () => {
    fc.assert(fc.property(hostileGraph, (graph) => {
      const traffic = toVizceralTraffic(graph, { errorClasses: ['5xx'], updated: 1 });
      const named = withVizNames(traffic);
      const before = namesIn(traffic);
      const after = namesIn(named);
      expect(after).toEqual(before.map(vizName));
      for (const name of after) expect(OBJECT_KEYS.has(name)).toBe(false);
      // Labels stay readable text.
      expect(JSON.stringify(named, (k, v: unknown) => (['name', 'entryNode', 'source', 'target'].includes(k) ? undefined : v)))
        .toBe(JSON.stringify(traffic, (k, v: unknown) => (['name', 'entryNode', 'source', 'target'].includes(k) ? undefined : v)));
    }), { numRuns: 200 });
  });
});
