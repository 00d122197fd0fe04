import { describe, expect, it } from 'vitest';
import type { MapHit } from '../vizceral/renderer.ts';
import { smallGraph } from './__fixtures__/graph.ts';
import { breadcrumbs, parentState, stateAfterClick } from './navigation.ts';
import type { ViewScope } from '../graph/scope.ts';
import { DEFAULT_URL_STATE } from './urlState.ts';
import type { UrlState } from './urlState.ts';

const graph = smallGraph();
const DATACENTERS = Object.keys(graph.datacenters);
const GROUPS = new Map([['api', 'team-a']]);
// The fixture's eu view with a group node and a folded node, as a grouped datacenter view has.
(graph.datacenters as unknown as Record<string, { nodes: unknown[] }>).eu?.nodes.push(
  { ...graph.datacenters.eu?.nodes[0], id: 'team-a', kind: 'group' },
  { ...graph.datacenters.eu?.nodes[0], id: '…3 more', kind: 'more', hidden: 3 },
);
const state = (parts: Partial<UrlState>): UrlState => ({ ...DEFAULT_URL_STATE, ...parts });
const nodeHit = (name: string): MapHit => ({ type: 'node', name });

describe('stateAfterClick', () => {
  const cases: { desc: string; from: UrlState; hit: MapHit | null; noGraph?: boolean; want: UrlState }[] = [
    // Global view: datacenters open, everything else does nothing.
    { desc: 'global: a datacenter opens it', from: DEFAULT_URL_STATE, hit: nodeHit('eu'), want: state({ dc: 'eu' }) },
    { desc: 'global: opening a datacenter keeps the table view and clears the edge', from: state({ view: 'table', edge: ['INTERNET', 'eu'] }), hit: nodeHit('us'), want: state({ dc: 'us', view: 'table' }) },
    { desc: 'global: INTERNET does nothing', from: DEFAULT_URL_STATE, hit: nodeHit('INTERNET'), want: DEFAULT_URL_STATE },
    { desc: 'global: an unknown node does nothing', from: DEFAULT_URL_STATE, hit: nodeHit('mars'), want: DEFAULT_URL_STATE },
    { desc: 'global: a prototype name is no datacenter', from: DEFAULT_URL_STATE, hit: nodeHit('constructor'), want: DEFAULT_URL_STATE },
    { desc: 'global: __proto__ is no datacenter', from: DEFAULT_URL_STATE, hit: nodeHit('__proto__'), want: DEFAULT_URL_STATE },
    { desc: 'global: before the first graph nothing opens', from: DEFAULT_URL_STATE, hit: nodeHit('eu'), noGraph: true, want: DEFAULT_URL_STATE },
    // Datacenter view.
    { desc: 'dc: a service opens its focus view', from: state({ dc: 'eu' }), hit: nodeHit('api'), want: state({ dc: 'eu', service: 'api' }) },
    { desc: 'dc: focusing clears the selected edge', from: state({ dc: 'eu', edge: ['web', 'api'] }), hit: nodeHit('web'), want: state({ dc: 'eu', service: 'web' }) },
    { desc: 'dc: an external callee opens its focus view too', from: state({ dc: 'eu' }), hit: nodeHit('postgres'), want: state({ dc: 'eu', service: 'postgres' }) },
    { desc: 'dc: the remote node of another datacenter opens that datacenter', from: state({ dc: 'eu', edge: ['web', 'dc:us'] }), hit: nodeHit('dc:us'), want: state({ dc: 'us' }) },
    { desc: 'dc: a remote node of an unknown datacenter does nothing', from: state({ dc: 'eu' }), hit: nodeHit('dc:mars'), want: state({ dc: 'eu' }) },
    { desc: 'dc: INTERNET does nothing', from: state({ dc: 'eu' }), hit: nodeHit('INTERNET'), want: state({ dc: 'eu' }) },
    { desc: 'dc: an unknown node does nothing', from: state({ dc: 'eu' }), hit: nodeHit('ghost'), want: state({ dc: 'eu' }) },
    { desc: 'dc: a node of another datacenter (by bare name) does nothing', from: state({ dc: 'eu' }), hit: nodeHit('search'), want: state({ dc: 'eu' }) },
    { desc: 'dc: before the first graph nothing happens', from: state({ dc: 'eu' }), hit: nodeHit('api'), noGraph: true, want: state({ dc: 'eu' }) },
    // Focus view.
    { desc: 'focus: the same service keeps the view and clears the edge', from: state({ dc: 'eu', service: 'api', edge: ['web', 'api'] }), hit: nodeHit('api'), want: state({ dc: 'eu', service: 'api' }) },
    { desc: 'focus: a neighbour becomes the focus', from: state({ dc: 'eu', service: 'api' }), hit: nodeHit('web'), want: state({ dc: 'eu', service: 'web' }) },
    { desc: 'focus: the remote node opens the other datacenter', from: state({ dc: 'eu', service: 'web' }), hit: nodeHit('dc:us'), want: state({ dc: 'us' }) },
    { desc: 'focus: INTERNET does nothing', from: state({ dc: 'eu', service: 'web' }), hit: nodeHit('INTERNET'), want: state({ dc: 'eu', service: 'web' }) },
    // A URL naming a datacenter the graph does not have shows the global view (currentView): clicks act on that view.
    { desc: 'unknown dc in the URL: a datacenter of the global view opens', from: state({ dc: 'mars' }), hit: nodeHit('eu'), want: state({ dc: 'eu' }) },
    { desc: 'dc "constructor" in the URL: a datacenter opens (no prototype lookup)', from: state({ dc: 'constructor', service: 'x' }), hit: nodeHit('us'), want: state({ dc: 'us' }) },
    { desc: 'dc "__proto__" in the URL: INTERNET does nothing', from: state({ dc: '__proto__' }), hit: nodeHit('INTERNET'), want: state({ dc: '__proto__' }) },
    // Connections and empty space.
    { desc: 'a connection selects the edge', from: state({ dc: 'eu' }), hit: { type: 'connection', source: 'web', target: 'api' }, want: state({ dc: 'eu', edge: ['web', 'api'] }) },
    { desc: 'a connection replaces the selected edge and keeps the focus', from: state({ dc: 'eu', service: 'api', edge: ['web', 'api'] }), hit: { type: 'connection', source: 'api', target: 'postgres' }, want: state({ dc: 'eu', service: 'api', edge: ['api', 'postgres'] }) },
    // Groups.
    { desc: 'dc: a group opens its view', from: state({ dc: 'eu' }), hit: nodeHit('team-a'), want: state({ dc: 'eu', group: 'team-a' }) },
    { desc: 'dc: the folded quieter nodes open nothing', from: state({ dc: 'eu' }), hit: nodeHit('…3 more'), want: state({ dc: 'eu' }) },
    { desc: 'group: a service of it opens its focus and keeps the group', from: state({ dc: 'eu', group: 'team-a' }), hit: nodeHit('api'), want: state({ dc: 'eu', group: 'team-a', service: 'api' }) },
    { desc: 'a connection of the global view', from: DEFAULT_URL_STATE, hit: { type: 'connection', source: 'INTERNET', target: 'eu' }, want: state({ edge: ['INTERNET', 'eu'] }) },
    { desc: 'empty space clears the edge', from: state({ dc: 'eu', service: 'api', edge: ['web', 'api'], view: 'table' }), hit: null, want: state({ dc: 'eu', service: 'api', view: 'table' }) },
    { desc: 'empty space without an edge changes nothing', from: state({ dc: 'eu' }), hit: null, want: state({ dc: 'eu' }) },
  ];

  it.each(cases)('$desc', ({ from, hit, noGraph, want }) => {
    if (!noGraph && want.service && want.service !== from.service) want = { ...want, group: GROUPS.get(want.service) ?? '' };
    expect(stateAfterClick(from, hit, noGraph ? undefined : graph, noGraph ? [] : DATACENTERS, (_dc, name) => GROUPS.get(name) ?? '')).toEqual(want);
  });

  it('does not mutate the state it is given', () => {
    const from = Object.freeze(state({ dc: 'eu', edge: ['web', 'api'] }));
    stateAfterClick(from, nodeHit('api'), graph, DATACENTERS);
    expect(from).toEqual(state({ dc: 'eu', edge: ['web', 'api'] }));
  });
});

describe('breadcrumbs', () => {
  const cases: { desc: string; state: UrlState; want: { label: string; state: UrlState }[] }[] = [
    { desc: 'global', state: DEFAULT_URL_STATE, want: [{ label: 'Global', state: DEFAULT_URL_STATE }] },
    {
      desc: 'a datacenter, with a selected edge',
      state: state({ dc: 'eu', edge: ['web', 'api'] }),
      want: [{ label: 'Global', state: DEFAULT_URL_STATE }, { label: 'eu', state: state({ dc: 'eu' }) }],
    },
    {
      desc: 'a focus view in the table keeps the table on every crumb',
      state: state({ dc: 'eu', service: 'api', edge: ['web', 'api'], view: 'table' }),
      want: [
        { label: 'Global', state: state({ view: 'table' }) },
        { label: 'eu', state: state({ dc: 'eu', view: 'table' }) },
        { label: 'api', state: state({ dc: 'eu', service: 'api', view: 'table' }) },
      ],
    },
    {
      desc: 'labels are the raw names (rendered as text by the header)',
      state: state({ dc: '<b>eu</b>', service: 'a -> b' }),
      want: [
        { label: 'Global', state: DEFAULT_URL_STATE },
        { label: '<b>eu</b>', state: state({ dc: '<b>eu</b>' }) },
        { label: 'a -> b', state: state({ dc: '<b>eu</b>', service: 'a -> b' }) },
      ],
    },
    { desc: 'a service without a datacenter has no crumb', state: state({ service: 'api' }), want: [{ label: 'Global', state: DEFAULT_URL_STATE }] },
  ];
  it.each(cases)('$desc', ({ state: s, want }) => {
    expect(breadcrumbs(s)).toEqual(want);
  });

  const missing: { desc: string; state: UrlState; shown: ViewScope; want: [string, boolean][] }[] = [
    { desc: 'a group that does not exist: the datacenter is shown', state: state({ dc: 'eu', group: 'payments' }), shown: { level: 'datacenter', dc: 'eu', grouped: true }, want: [['Global', false], ['eu', false], ['payments', true]] },
    { desc: 'a service gone from its group: the group is shown', state: state({ dc: 'eu', group: 'pay', service: 'pay-api' }), shown: { level: 'group', dc: 'eu', group: 'pay' }, want: [['Global', false], ['eu', false], ['pay', false], ['pay-api', true]] },
    { desc: 'a service gone, no group: the datacenter is shown', state: state({ dc: 'eu', service: 'api' }), shown: { level: 'datacenter', dc: 'eu', grouped: false }, want: [['Global', false], ['eu', false], ['api', true]] },
    { desc: 'a datacenter that does not exist: the global view is shown', state: state({ dc: 'mars', service: 'api' }), shown: { level: 'global' }, want: [['Global', false], ['mars', true], ['api', true]] },
    { desc: 'shown as asked: nothing missing', state: state({ dc: 'eu', group: 'pay' }), shown: { level: 'group', dc: 'eu', group: 'pay' }, want: [['Global', false], ['eu', false], ['pay', false]] },
  ];
  it.each(missing)('$desc', ({ state: s, shown, want }) => {
    const crumbs = breadcrumbs(s, shown);
    expect(crumbs.map((c) => [c.label, c.missing === true])).toEqual(want);
    // The link keeps what it named: each crumb's state is the one without the shown level's fallback.
    expect(crumbs.map((c) => c.state)).toEqual(breadcrumbs(s).map((c) => c.state));
  });
});

describe('parentState', () => {
  const cases: { desc: string; state: UrlState; want: UrlState }[] = [
    { desc: 'focus -> datacenter', state: state({ dc: 'eu', service: 'api', edge: ['web', 'api'] }), want: state({ dc: 'eu' }) },
    { desc: 'datacenter -> global', state: state({ dc: 'eu', edge: ['web', 'api'] }), want: DEFAULT_URL_STATE },
    { desc: 'global stays global and loses its edge', state: state({ edge: ['INTERNET', 'eu'] }), want: DEFAULT_URL_STATE },
    { desc: 'the view mode is kept', state: state({ dc: 'eu', service: 'api', view: 'table' }), want: state({ dc: 'eu', view: 'table' }) },
  ];
  it.each(cases)('$desc', ({ state: s, want }) => {
    expect(parentState(s)).toEqual(want);
  });

  it('walks up to the global view in two steps, like the breadcrumbs', () => {
    const focus = state({ dc: 'eu', service: 'api' });
    const crumbs = breadcrumbs(focus);
    expect(parentState(focus)).toEqual(crumbs[1]?.state);
    expect(parentState(parentState(focus))).toEqual(crumbs[0]?.state);
  });
});
