import { describe, expect, it } from 'vitest';
import { smallGraph } from './__fixtures__/graph.ts';
import { currentView, selection } from './currentView.ts';
import { DEFAULT_URL_STATE } from './urlState.ts';
import type { ViewScope } from '../graph/scope.ts';
import type { UrlState } from './urlState.ts';

const graph = smallGraph();
const state = (parts: Partial<UrlState>): UrlState => ({ ...DEFAULT_URL_STATE, ...parts });
/** The scope these tests read the fixture (a whole-platform graph) for. */
const scopeOf = (s: UrlState): ViewScope => (!s.dc ? { level: 'global' } : s.service ? { level: 'focus', dc: s.dc, service: s.service } : { level: 'datacenter', dc: s.dc, grouped: false });

describe('currentView', () => {
  const cases: { desc: string; state: UrlState; kind: string; datacenter: string; focus?: string }[] = [
    { desc: 'global', state: DEFAULT_URL_STATE, kind: 'global', datacenter: '' },
    { desc: 'a datacenter', state: state({ dc: 'eu' }), kind: 'datacenter', datacenter: 'eu' },
    { desc: 'a focus view', state: state({ dc: 'eu', service: 'api' }), kind: 'focus', datacenter: 'eu', focus: 'api' },
    { desc: 'a vanished service falls back to its datacenter', state: state({ dc: 'eu', service: 'gone' }), kind: 'datacenter', datacenter: 'eu' },
    { desc: 'an unknown datacenter falls back to the global view', state: state({ dc: 'mars', service: 'api' }), kind: 'global', datacenter: '' },
    // Datacenter names come from the URL: they must never find Object.prototype members.
    { desc: 'dc=constructor is unknown', state: state({ dc: 'constructor' }), kind: 'global', datacenter: '' },
    { desc: 'dc=constructor with a service is unknown', state: state({ dc: 'constructor', service: 'api' }), kind: 'global', datacenter: '' },
    { desc: 'dc=__proto__ with a service is unknown', state: state({ dc: '__proto__', service: 'api' }), kind: 'global', datacenter: '' },
    { desc: 'dc=toString is unknown', state: state({ dc: 'toString' }), kind: 'global', datacenter: '' },
  ];
  it.each(cases)('$desc', ({ state: s, kind, datacenter, focus }) => {
    const view = currentView(graph, scopeOf(s));
    expect({ kind: view.kind, datacenter: view.datacenter, focus: view.focus }).toEqual({ kind, datacenter, focus });
    expect(Array.isArray(view.nodes) && Array.isArray(view.edges)).toBe(true);
  });
});

describe('selection', () => {
  it.each([
    { desc: 'an edge of the view', state: state({ dc: 'eu', edge: ['web', 'api'] }), want: 'edge web->api' },
    { desc: 'the edge wins over the focused service', state: state({ dc: 'eu', service: 'api', edge: ['api', 'postgres'] }), want: 'edge api->postgres' },
    { desc: 'an edge not in the view falls back to the focused service', state: state({ dc: 'eu', service: 'api', edge: ['INTERNET', 'web'] }), want: 'node api' },
    { desc: 'the focused service', state: state({ dc: 'eu', service: 'api' }), want: 'node api' },
    { desc: 'nothing in a datacenter view', state: state({ dc: 'eu' }), want: null },
    { desc: 'a reversed edge is another edge', state: state({ dc: 'eu', edge: ['api', 'web'] }), want: null },
  ])('$desc', ({ state: s, want }) => {
    const sel = selection(currentView(graph, scopeOf(s)), s);
    const got = sel === null ? null : sel.kind === 'edge' ? `edge ${sel.edge.source}->${sel.edge.target}` : `node ${sel.node.id}`;
    expect(got).toBe(want);
  });
});
