import { describe, expect, it } from 'vitest';
import { edge, node, smallGraph, stats, view } from '../../app/__fixtures__/graph.ts';
import type { FiringAlert, NodeId, TrafficEdge, TrafficNode, TrafficView } from '../types.ts';
import { edgeKey, findInView, hideInGraph, hideInView } from './apply.ts';
import { compileExpression, edgeSubject, globMatcher, nodeSubject } from './evaluate.ts';
import { parseExpression } from './parse.ts';
import type { Expr } from './ast.ts';

function expr(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok || !r.expr) throw new Error(`test expression does not parse: ${text}`);
  return r.expr;
}

const alert: FiringAlert = { name: 'HighErrors', severity: 'critical', labels: new Map(), summary: '', description: '', since: null };

// web: receives 100 req/s with 10% errors, 300 ms; alerts on it; its rate fell 60% from last week.
const web: TrafficNode = { ...node('web', 'service', { incoming: stats({ '2xx': 90, '5xx': 10 }, 0.3), outgoing: stats({ '2xx': 40 }) }), health: 'danger', alerts: [alert, alert, alert], baseline: { rate: 250, change: -0.6, verdict: 'drop' } };
// INTERNET receives nothing: its numbers are what it sends.
const internet: TrafficNode = node('INTERNET', 'internet', { outgoing: stats({ '2xx': 100 }) });
const db: TrafficNode = { ...node('Checkout-DB', 'external', { incoming: stats({ '2xx': 0.5 }) }), baseline: { rate: NaN, change: NaN, verdict: 'none' } };
const webToDb: TrafficEdge = { ...edge('web', 'Checkout-DB', stats({ '2xx': 0.5 }, 0.002)), alerts: [alert] };
const kinds = new Map<string, TrafficNode['kind']>([['web', 'service'], ['INTERNET', 'internet'], ['Checkout-DB', 'external']]);

describe('an expression on a node or an edge', () => {
  const cases: { desc: string; text: string; web: boolean; internet: boolean; db: boolean; webToDb: boolean }[] = [
    { desc: 'errors: a node\'s incoming share', text: 'errors > 5%', web: true, internet: false, db: false, webToDb: false },
    { desc: 'errors as a fraction', text: 'errors >= 0.1', web: true, internet: false, db: false, webToDb: false },
    { desc: 'rate: what a node receives, or sends when it receives nothing', text: 'rate >= 100', web: true, internet: true, db: false, webToDb: false },
    { desc: 'rate below one', text: 'rate < 1', web: false, internet: false, db: true, webToDb: true },
    { desc: 'latency in ms (unknown latency never matches)', text: 'latency > 250ms', web: true, internet: false, db: false, webToDb: false },
    { desc: 'latency below, in seconds', text: 'latency < 0.01s', web: false, internet: false, db: false, webToDb: true },
    { desc: 'name: a whole-name glob, case-insensitive', text: 'name = checkout*', web: false, internet: false, db: true, webToDb: true },
    { desc: 'name without * is the whole name', text: 'name = WEB', web: true, internet: false, db: false, webToDb: true },
    { desc: 'name != on an edge: neither end', text: 'name != web', web: false, internet: true, db: true, webToDb: false },
    { desc: 'alerts: some firing', text: 'alerts', web: true, internet: false, db: false, webToDb: true },
    { desc: 'alerts counted', text: 'alerts > 2', web: true, internet: false, db: false, webToDb: false },
    { desc: 'baseline: a drop (no baseline never matches)', text: 'baseline < -50%', web: true, internet: false, db: false, webToDb: false },
    { desc: 'no baseline matches no comparison, not even >', text: 'baseline > -1000%', web: true, internet: false, db: false, webToDb: false },
    { desc: 'health', text: 'health = danger', web: true, internet: false, db: false, webToDb: false },
    { desc: 'kind: an edge has both ends\' kinds', text: 'kind = external', web: false, internet: false, db: true, webToDb: true },
    { desc: 'and, or, not', text: 'not alerts and (kind = internet or rate < 1)', web: false, internet: true, db: true, webToDb: false },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const p = compileExpression(expr(c.text));
      expect({ web: p(nodeSubject(web)), internet: p(nodeSubject(internet)), db: p(nodeSubject(db)), webToDb: p(edgeSubject(webToDb, (id) => kinds.get(id))) })
        .toEqual({ web: c.web, internet: c.internet, db: c.db, webToDb: c.webToDb });
    });
  }
});

describe('globMatcher', () => {
  const cases: { desc: string; pattern: string; name: string; want: boolean }[] = [
    { desc: 'prefix', pattern: 'checkout*', name: 'checkout-api', want: true },
    { desc: 'prefix is not substring', pattern: 'checkout*', name: 'eu-checkout', want: false },
    { desc: 'both sides', pattern: '*check*', name: 'eu-checkout', want: true },
    { desc: 'regex characters are text', pattern: 'a.b(c)', name: 'a.b(c)', want: true },
    { desc: 'a dot is not any character', pattern: 'a.b', name: 'axb', want: false },
    { desc: '* spans a newline', pattern: 'a*b', name: 'a\nb', want: true },
    { desc: 'empty matches only empty', pattern: '', name: 'x', want: false },
  ];
  for (const c of cases) it(c.desc, () => expect(globMatcher(c.pattern)(c.name)).toBe(c.want));
});

const n = (id: string, health: TrafficNode['health'] = 'normal', rate = 10): TrafficNode => ({ ...node(id, 'service', { incoming: stats({ '2xx': rate }) }), health });
const e = (s: string, t: string, rate: number, health: TrafficEdge['health'] = 'normal'): TrafficEdge => edge(s, t, stats({ '2xx': rate }), health);
const ids = (v: TrafficView) => ({ nodes: v.nodes.map((x) => x.id).sort(), edges: v.edges.map((x) => `${x.source}>${x.target}`).sort() });

describe('hideInView', () => {
  // a -> b (10, danger), b -> c (0.5), c -> d (0.5); idle (unhealthy, no edges); calm (normal, no edges).
  const v = view(
    [n('a'), n('b', 'danger'), n('c', 'normal', 0.5), n('d', 'normal', 0.5), n('idle', 'warning', 0), n('calm', 'normal', 0)],
    [e('a', 'b', 10, 'danger'), e('b', 'c', 0.5), e('c', 'd', 0.5)],
  );
  const cases: { desc: string; text: string; focus?: string; nodes: string[]; edges: string[] }[] = [
    { desc: 'hide healthy: the healthy end of an unhealthy edge stays, lone healthy nodes go', text: 'health = normal', nodes: ['a', 'b', 'idle'], edges: ['a>b'] },
    { desc: 'hide small edges: nodes left with no edge go', text: 'rate < 1', nodes: ['a', 'b'], edges: ['a>b'] },
    { desc: 'hide a name: its edges go with it', text: 'name = c', nodes: ['a', 'b', 'calm', 'idle'], edges: ['a>b'] },
    { desc: 'the focus stays, even without edges', text: 'name = c', focus: 'c', nodes: ['a', 'b', 'c', 'calm', 'idle'], edges: ['a>b'] },
    { desc: 'a matching node that keeps traffic stays', text: 'health = danger', nodes: ['b', 'c', 'calm', 'd', 'idle'], edges: ['b>c', 'c>d'] },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const out = hideInView(c.focus ? { ...v, kind: 'focus', focus: c.focus as NodeId } : v, compileExpression(expr(c.text)));
      expect(ids(out)).toEqual({ nodes: c.nodes.sort(), edges: c.edges.sort() });
    });
  }

  it('nothing matched: the very same view', () => {
    expect(hideInView(v, compileExpression(expr('alerts')))).toBe(v);
  });

  it('applies to every view of a graph, the global one too', () => {
    const g = smallGraph();
    const out = hideInGraph(g, expr('name = web'));
    expect(out.datacenters.eu?.nodes.map((x) => x.id)).not.toContain('web');
    expect(out.datacenters.us?.edges.every((x) => x.source !== 'web' && x.target !== 'web')).toBe(true);
    expect(hideInGraph(g, expr('kind = datacenter')).global.nodes.filter((x) => x.kind === 'datacenter')).toEqual([]);
    expect(hideInGraph(g, null)).toBe(g);
  });
});

describe('findInView', () => {
  it('marks matching nodes and edges', () => {
    const v = view([web, internet, db], [e('INTERNET', 'web', 100), webToDb]);
    const found = findInView(v, expr('name = checkout* or alerts > 2'));
    expect([...found.nodes].sort()).toEqual(['Checkout-DB', 'web']);
    expect([...found.edges]).toEqual([edgeKey('web', 'Checkout-DB')]);
    expect(findInView(v, null).nodes.size).toBe(0);
  });
});
