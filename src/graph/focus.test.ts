import { describe, expect, it } from 'vitest';
import { input, PARAMS, rate } from './__fixtures__/rows.ts';
import { buildGraph } from './build.ts';
import { focusView } from './focus.ts';
import type { NodeId, TrafficView } from './types.ts';

/*
 *   INTERNET -> lb -> web -> api -> postgres
 *                      web -> cache      api -> dc:us (search)
 *                      dc:us (sync) -> api
 */
const graph = buildGraph(
  input({
    ingressRate: [
      ...rate('eu/lb', '/internet', { '2xx': 100 }),
      ...rate('eu/web', 'eu/lb', { '2xx': 100 }),
      ...rate('eu/api', 'eu/web', { '2xx': 60 }),
      ...rate('eu/cache', 'eu/web', { '2xx': 40 }),
      ...rate('us/search', 'eu/api', { '2xx': 5 }),
    ],
    egressRate: [
      ...rate('eu/lb', 'eu/web', { '2xx': 100 }),
      ...rate('eu/web', 'eu/api', { '2xx': 57, '5xx': 3 }),
      ...rate('eu/web', 'eu/cache', { '2xx': 40 }),
      ...rate('eu/api', 'eu/postgres', { '2xx': 120 }),
      ...rate('eu/api', 'us/search', { '2xx': 5 }),
      ...rate('us/sync', 'eu/api', { '2xx': 1 }),
    ],
  }),
  PARAMS,
);
const eu = graph.datacenters.eu as TrafficView;

describe('focusView', () => {
  const cases: { desc: string; focus: string; nodes: string[]; edges: string[] }[] = [
    {
      desc: 'a service in the middle: its callers, its callees, the edges touching it',
      focus: 'api',
      nodes: ['api', 'dc:us', 'postgres', 'web'],
      edges: ['api->dc:us', 'api->postgres', 'dc:us->api', 'web->api'],
    },
    { desc: 'an edge service: the internet and its callee', focus: 'lb', nodes: ['INTERNET', 'lb', 'web'], edges: ['INTERNET->lb', 'lb->web'] },
    { desc: 'a leaf', focus: 'cache', nodes: ['cache', 'web'], edges: ['web->cache'] },
    { desc: 'an external node', focus: 'postgres', nodes: ['api', 'postgres'], edges: ['api->postgres'] },
    { desc: 'the internet', focus: 'INTERNET', nodes: ['INTERNET', 'lb'], edges: ['INTERNET->lb'] },
  ];
  it.each(cases)('$desc', ({ focus, nodes, edges }) => {
    const view = focusView(eu, focus as NodeId);
    expect(view).not.toBeNull();
    expect(view?.kind).toBe('focus');
    expect(view?.focus).toBe(focus);
    expect(view?.datacenter).toBe('eu');
    expect(view?.nodes.map((n) => n.id)).toEqual(nodes);
    expect(view?.edges.map((e) => `${e.source}->${e.target}`)).toEqual(edges);
  });

  it('edges between two neighbours are left out', () => {
    // lb->web and web->cache touch a neighbour of api (web), not api: they stay out.
    const view = focusView(eu, 'api' as NodeId);
    expect(view?.edges.every((e) => e.source === 'api' || e.target === 'api')).toBe(true);
  });

  it('nodes and edges keep the stats and health of the datacenter view', () => {
    const view = focusView(eu, 'api' as NodeId);
    for (const node of view?.nodes ?? []) expect(node).toBe(eu.nodes.find((n) => n.id === node.id));
    for (const edge of view?.edges ?? []) expect(eu.edges).toContain(edge);
    expect(view?.nodes.find((n) => n.id === 'api')).toMatchObject({ health: 'warning', incoming: { rate: 61 } });
  });

  const missing: { desc: string; focus: string }[] = [
    { desc: 'unknown service', focus: 'nope' },
    { desc: 'a service of another datacenter', focus: 'search' },
    { desc: 'empty id', focus: '' },
  ];
  it.each(missing)('$desc: null', ({ focus }) => {
    expect(focusView(eu, focus as NodeId)).toBeNull();
  });

  it('a service without edges: only itself', () => {
    const lonely: TrafficView = { ...eu, nodes: eu.nodes.filter((n) => n.id === 'cache'), edges: [] };
    expect(focusView(lonely, 'cache' as NodeId)).toMatchObject({ nodes: [{ id: 'cache' }], edges: [] });
  });
});
