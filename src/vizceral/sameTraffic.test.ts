import { describe, expect, it } from 'vitest';
import { smallGraph } from '../app/__fixtures__/graph.ts';
import { sameTraffic } from './sameTraffic.ts';
import { toVizceralTraffic } from './traffic.ts';
import type { VizConnection, VizNode } from './traffic.ts';

const OPTIONS = { errorClasses: ['5xx', 'none'] as const, updated: 1_000 };
const base = (): VizNode => toVizceralTraffic(smallGraph(), OPTIONS);

/** `t` with the first region's `change` applied (a deep copy: the original stays as it was). */
function region(t: VizNode, change: (r: VizNode & { nodes: VizNode[]; connections: VizConnection[] }) => VizNode): VizNode {
  const copy = structuredClone(t) as VizNode & { nodes: (VizNode & { nodes: VizNode[]; connections: VizConnection[] })[] };
  const i = copy.nodes.findIndex((n) => n.renderer === 'region' && n.nodes);
  copy.nodes[i] = change(copy.nodes[i] as VizNode & { nodes: VizNode[]; connections: VizConnection[] }) as never;
  return copy;
}

describe('sameTraffic: does a new traffic object change what the map shows?', () => {
  const cases: { desc: string; b: (a: VizNode) => VizNode | undefined; same: boolean }[] = [
    { desc: 'the same object', b: (a) => a, same: true },
    { desc: 'built again from the same graph', b: () => base(), same: true },
    { desc: 'only the read time differs (every refresh)', b: () => toVizceralTraffic(smallGraph(), { ...OPTIONS, updated: 2_000 }), same: true },
    { desc: 'no data yet', b: () => undefined, same: false },
    { desc: 'a rate changed', b: (a) => region(a, (r) => ({ ...r, connections: r.connections.map((c, i) => (i === 0 ? { ...c, metrics: { ...c.metrics, normal: c.metrics.normal + 1 } } : c)) })), same: false },
    { desc: 'an error rate changed', b: (a) => region(a, (r) => ({ ...r, connections: r.connections.map((c, i) => (i === 0 ? { ...c, metrics: { ...c.metrics, danger: c.metrics.danger + 0.5 } } : c)) })), same: false },
    { desc: 'a health class changed', b: (a) => region(a, (r) => ({ ...r, nodes: r.nodes.map((n, i) => (i === 0 ? { ...n, class: n.class === 'danger' ? 'normal' : 'danger' } : n)) })), same: false },
    { desc: 'a notice text changed', b: (a) => region(a, (r) => ({ ...r, nodes: r.nodes.map((n, i) => (i === 0 ? { ...n, notices: [{ title: 'new', severity: 2 }] } : n)) })), same: false },
    { desc: 'a node left', b: (a) => region(a, (r) => ({ ...r, nodes: r.nodes.slice(1) })), same: false },
    { desc: 'a connection left', b: (a) => region(a, (r) => ({ ...r, connections: r.connections.slice(1) })), same: false },
    { desc: 'the scale changed', b: (a) => ({ ...a, maxVolume: (a.maxVolume ?? 0) + 1 }), same: false },
    { desc: 'a display name changed', b: (a) => region(a, (r) => ({ ...r, nodes: r.nodes.map((n, i) => (i === 0 ? { ...n, displayName: 'other' } : n)) })), same: false },
    { desc: 'node metadata changed', b: (a) => region(a, (r) => ({ ...r, nodes: r.nodes.map((n, i) => (i === 0 ? { ...n, metadata: { kind: 'external' } } : n)) })), same: false },
    { desc: 'a focused node opened', b: () => toVizceralTraffic(smallGraph(), { ...OPTIONS, focus: { datacenter: 'eu', service: 'api' } }), same: false },
    { desc: 'NaN stays NaN', b: (a) => region(a, (r) => ({ ...r, connections: r.connections.map((c) => ({ ...c, metrics: { ...c.metrics, warning: NaN } })) })), same: false },
  ];

  it.each(cases)('$desc', ({ b, same }) => {
    const a = base();
    expect(sameTraffic(a, b(a))).toBe(same);
  });

  it('NaN equals NaN (a metric missing in both reads is no change)', () => {
    const withNaN = region(base(), (r) => ({ ...r, connections: r.connections.map((c) => ({ ...c, metrics: { ...c.metrics, warning: NaN } })) }));
    expect(sameTraffic(withNaN, structuredClone(withNaN))).toBe(true);
  });
});
