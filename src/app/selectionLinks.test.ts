import { describe, expect, it } from 'vitest';
import { smallGraph } from './__fixtures__/graph.ts';
import type { Selection } from './currentView.ts';
import { selectionLinks } from './selectionLinks.ts';
import type { TrafficView } from '../graph/types.ts';

const eu = smallGraph().datacenters.eu as TrafficView;
const TOOLS = {
  traces: { service: 'https://jaeger.example/search?service={service}&start={from}000', edge: 'https://jaeger.example/search?service={source}&tags=peer%3D{target}' },
  logs: { service: 'https://loki.example/?q={service}&dc={datacenter}&to={to}' },
};
const AT = 1_700_000_000;
const nodeSel = (id: string): Selection => ({ kind: 'node', node: eu.nodes.find((n) => n.id === id)! });
const edgeSel = (s: string, t: string): Selection => ({ kind: 'edge', edge: eu.edges.find((e) => e.source === s && e.target === t)! });

describe('selectionLinks', () => {
  const cases: { desc: string; selection: Selection; expected: string[] }[] = [
    { desc: 'a service: traces and logs of the hour up to the moment', selection: nodeSel('web'), expected: ['Traces https://jaeger.example/search?service=web&start=1699996400000000', 'Logs https://loki.example/?q=web&dc=eu&to=1700000000000'] },
    { desc: 'an edge between services: the edge templates (no logs template for edges)', selection: edgeSel('web', 'api'), expected: ['Traces https://jaeger.example/search?service=web&tags=peer%3Dapi'] },
    { desc: 'an edge to an external (a database) too', selection: edgeSel('api', 'postgres'), expected: ['Traces https://jaeger.example/search?service=api&tags=peer%3Dpostgres'] },
    { desc: 'the internet names no service', selection: edgeSel('INTERNET', 'web'), expected: [] },
    { desc: 'an edge to another datacenter names no one service', selection: edgeSel('web', 'dc:us'), expected: [] },
    { desc: 'an external node has no service links', selection: nodeSel('postgres'), expected: [] },
  ];
  it.each(cases)('$desc', ({ selection, expected }) => {
    expect(selectionLinks(selection, eu, 'eu', TOOLS, AT).map((l) => `${l.name} ${l.url}`)).toEqual(expected);
  });
});
