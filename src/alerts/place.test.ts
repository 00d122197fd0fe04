import { describe, expect, it } from 'vitest';
import { EMPTY_STATS } from '../graph/stats.ts';
import type { FiringAlert, NodeId, NodeKind, TrafficEdge, TrafficGraph, TrafficNode, TrafficView } from '../graph/types.ts';
import type { AlertPlace, LocatedAlert } from './locate.ts';
import { offMapAlerts, placeAlerts, placeInView } from './place.ts';

function alert(name: string, severity = 'critical'): FiringAlert {
  return { name, severity, labels: new Map([['alertname', name]]), summary: '', description: '', since: null };
}
function node(id: string, kind: NodeKind = 'service'): TrafficNode {
  return { id: id as NodeId, kind, incoming: EMPTY_STATS, outgoing: EMPTY_STATS, health: 'normal' };
}
function edge(source: string, target: string): TrafficEdge {
  return { source: source as NodeId, target: target as NodeId, stats: EMPTY_STATS, health: 'normal' };
}
function view(kind: TrafficView['kind'], datacenter: string, nodes: TrafficNode[], edges: TrafficEdge[] = []): TrafficView {
  return { kind, datacenter, nodes, edges };
}
const svc = (dc: string, service: string) => ({ dc, service });

/** Groups by the part before the first dash. */
const groupOf = (_dc: string, service: string): string => (service.includes('-') ? service.split('-')[0] ?? '' : '');

/** east, flat: INTERNET, shop-checkout, shop-orders, pay-gateway, constructor, west as a remote node. */
const flatEast = view('datacenter', 'east',
  [node('INTERNET', 'internet'), node('shop-checkout'), node('shop-orders'), node('pay-gateway'), node('constructor'), node('dc:west', 'remote')],
  [edge('INTERNET', 'shop-checkout'), edge('shop-checkout', 'shop-orders'), edge('shop-orders', 'pay-gateway'), edge('shop-orders', 'dc:west')]);
/** east, grouped: the groups shop and pay. */
const groupedEast = view('datacenter', 'east',
  [node('INTERNET', 'internet'), node('shop', 'group'), node('pay', 'group'), node('dc:west', 'remote')],
  [edge('INTERNET', 'shop'), edge('shop', 'pay')]);
/** The group view of shop: its services, and pay as a group node. */
const shopGroup = view('datacenter', 'east', [node('shop-checkout'), node('shop-orders'), node('pay', 'group')], [edge('shop-checkout', 'shop-orders'), edge('shop-orders', 'pay')]);
const global = view('global', '', [node('INTERNET', 'internet'), node('east', 'datacenter'), node('west', 'datacenter')], [edge('INTERNET', 'east'), edge('east', 'west')]);

const A = alert('A');
const B = alert('B', 'warning');

function onNodes(v: TrafficView): Record<string, string[]> {
  return Object.fromEntries(v.nodes.filter((n) => n.alerts).map((n) => [n.id, (n.alerts ?? []).map((a) => a.name)]));
}
function onEdges(v: TrafficView): Record<string, string[]> {
  return Object.fromEntries(v.edges.filter((e) => e.alerts).map((e) => [`${e.source}->${e.target}`, (e.alerts ?? []).map((a) => a.name)]));
}

describe('placeInView', () => {
  const cases: { desc: string; view: TrafficView; places: [FiringAlert, AlertPlace][]; nodes: Record<string, string[]>; edges?: Record<string, string[]> }[] = [
    { desc: 'a service alert on its node', view: flatEast, places: [[A, { kind: 'service', at: svc('east', 'shop-orders') }]], nodes: { 'shop-orders': ['A'] } },
    { desc: 'a service named constructor', view: flatEast, places: [[A, { kind: 'service', at: svc('east', 'constructor') }]], nodes: { constructor: ['A'] } },
    { desc: 'rolled up to its group in a grouped view', view: groupedEast, places: [[A, { kind: 'service', at: svc('east', 'shop-orders') }], [B, { kind: 'service', at: svc('east', 'shop-checkout') }]], nodes: { shop: ['A', 'B'] } },
    { desc: 'rolled up to a neighbouring group in a group view', view: shopGroup, places: [[A, { kind: 'service', at: svc('east', 'pay-gateway') }]], nodes: { pay: ['A'] } },
    { desc: 'rolled up to the datacenter in the global view', view: global, places: [[A, { kind: 'service', at: svc('west', 'orders') }], [B, { kind: 'service', at: svc('east', 'shop-orders') }]], nodes: { west: ['A'], east: ['B'] } },
    { desc: 'another datacenter’s service on its remote node', view: flatEast, places: [[A, { kind: 'service', at: svc('west', 'orders') }]], nodes: { 'dc:west': ['A'] } },
    { desc: 'a service the view does not draw: nowhere', view: flatEast, places: [[A, { kind: 'service', at: svc('east', 'hidden') }]], nodes: {} },
    { desc: 'a datacenter alert on its node in the global view', view: global, places: [[A, { kind: 'datacenter', dc: 'west' }]], nodes: { west: ['A'] } },
    { desc: 'a datacenter alert is on no node of its own datacenter', view: flatEast, places: [[A, { kind: 'datacenter', dc: 'east' }]], nodes: {} },
    { desc: 'a name the list lacks on the external node of that name', view: view('datacenter', 'east', [node('shop-checkout'), node('stripe', 'external')]), places: [[A, { kind: 'external', service: 'stripe', reason: 'x' }]], nodes: { stripe: ['A'] } },
    { desc: 'a name the list lacks is never put on a service node', view: flatEast, places: [[A, { kind: 'external', service: 'shop-orders', reason: 'x' }]], nodes: {} },
    { desc: 'unplaced alerts are on no node', view: flatEast, places: [[A, { kind: 'unplaced', reason: 'x' }]], nodes: {} },
    {
      desc: 'a directed call on its edge',
      view: flatEast, places: [[A, { kind: 'call', from: svc('east', 'shop-checkout'), to: svc('east', 'shop-orders'), directed: true }]],
      nodes: {}, edges: { 'shop-checkout->shop-orders': ['A'] },
    },
    {
      desc: 'a call of unknown direction on the edge drawn either way',
      view: flatEast, places: [[A, { kind: 'call', from: svc('east', 'shop-orders'), to: svc('east', 'shop-checkout'), directed: false }]],
      nodes: {}, edges: { 'shop-checkout->shop-orders': ['A'] },
    },
    {
      desc: 'a directed call the view does not draw: on the callee',
      view: flatEast, places: [[A, { kind: 'call', from: svc('east', 'pay-gateway'), to: svc('east', 'shop-checkout'), directed: true }]],
      nodes: { 'shop-checkout': ['A'] },
    },
    {
      desc: 'a call inside one group: on the group node',
      view: groupedEast, places: [[A, { kind: 'call', from: svc('east', 'shop-checkout'), to: svc('east', 'shop-orders'), directed: true }]],
      nodes: { shop: ['A'] },
    },
    {
      desc: 'a call between groups: on the group edge',
      view: groupedEast, places: [[A, { kind: 'call', from: svc('east', 'shop-orders'), to: svc('east', 'pay-gateway'), directed: true }]],
      nodes: {}, edges: { 'shop->pay': ['A'] },
    },
    {
      desc: 'a call across datacenters: the global edge',
      view: global, places: [[A, { kind: 'call', from: svc('east', 'shop-orders'), to: svc('west', 'orders'), directed: true }]],
      nodes: {}, edges: { 'east->west': ['A'] },
    },
    { desc: 'the same alert twice on a node is listed once; loudest first', view: groupedEast, places: [[B, { kind: 'service', at: svc('east', 'shop-orders') }], [A, { kind: 'service', at: svc('east', 'shop-orders') }], [A, { kind: 'service', at: svc('east', 'shop-checkout') }]], nodes: { shop: ['A', 'B'] } },
  ];
  it.each(cases)('$desc', ({ view: v, places, nodes, edges }) => {
    const placed = placeInView(v, places.map(([alert, place]) => ({ alert, place })), groupOf);
    expect(onNodes(placed)).toEqual(nodes);
    expect(onEdges(placed)).toEqual(edges ?? {});
  });

  it('returns the view as it was when nothing lands on it', () => {
    expect(placeInView(flatEast, [{ alert: A, place: { kind: 'unplaced', reason: 'x' } }], groupOf)).toBe(flatEast);
  });
});

describe('placeAlerts', () => {
  it('places on the global view and every datacenter view', () => {
    const graph: TrafficGraph = { global, datacenters: { east: flatEast }, problems: [] };
    const placed = placeAlerts(graph, [{ alert: A, place: { kind: 'service', at: svc('east', 'shop-orders') } }], groupOf);
    expect(onNodes(placed.global)).toEqual({ east: ['A'] });
    expect(onNodes(placed.datacenters.east as TrafficView)).toEqual({ 'shop-orders': ['A'] });
  });
});

describe('offMapAlerts', () => {
  const located: LocatedAlert[] = [
    { alert: alert('Watchdog', 'none'), place: { kind: 'unplaced', reason: 'its labels name no service or datacenter' } },
    { alert: alert('NodeDown'), place: { kind: 'datacenter', dc: 'east' } },
    { alert: alert('HighErrors'), place: { kind: 'service', at: svc('east', 'x') } },
    { alert: alert('ProviderDown', 'warning'), place: { kind: 'external', service: 'stripe', reason: 'no service "stripe" on the map' } },
  ];
  const withStripe = view('datacenter', 'east', [node('stripe', 'external')]);
  const cases = [
    { desc: 'global view: the unplaced and the unknown name', view: global, expected: ['ProviderDown', 'Watchdog'] },
    { desc: 'its datacenter: also the datacenter-wide, loudest first', view: flatEast, expected: ['NodeDown', 'ProviderDown', 'Watchdog'] },
    { desc: 'a view that draws the external node: not listed', view: withStripe, expected: ['NodeDown', 'Watchdog'] },
    { desc: 'no view yet', view: undefined, expected: ['ProviderDown', 'Watchdog'] },
  ];
  it.each(cases)('$desc', ({ view: v, expected }) => expect(offMapAlerts(located, v).map((o) => o.alert.name)).toEqual(expected));
});
