/**
 * The truth of every view level, from the platform's calls (realTruth.ts `placedEdges`: our own
 * PromQL, one row per service-to-service call) summed in the test by the nodes of each level. The
 * group of a name is computed here from the README's rule for the standard convention
 * (`groupBy` auto: `([^-]+)-.+`, anchored; a name it does not match is its own group), not with
 * the app's query builder, so a wrong `sum by` in the app's PromQL cannot agree with itself.
 *
 * | level      | edges                                        | a node is                                       |
 * |------------|----------------------------------------------|-------------------------------------------------|
 * | global     | between two datacenters, internet to one      | the datacenter, INTERNET                        |
 * | datacenter | with an end in it                             | the group of a name in it (or of no datacenter), `dc:<name>`, INTERNET |
 * | group      | with an end in it and in the group            | a name of the group, else its group, `dc:<name>`, INTERNET |
 * | focus      | with the service (in the datacenter) on an end | the name, `dc:<name>`, INTERNET                |
 *
 * A datacenter's own traffic is not an edge of the global view; traffic inside one group is not
 * an edge of the grouped datacenter view (the app draws no node's edge to itself).
 */
import type { End, PlacedEdge } from './realTruth.ts';

const RULE = /^(?:([^-]+)-.+)$/s;

export function groupOfName(name: string): string {
  return RULE.exec(name)?.[1] || name;
}

export type Level =
  | { readonly level: 'global' }
  | { readonly level: 'datacenter'; readonly dc: string }
  | { readonly level: 'group'; readonly dc: string; readonly group: string }
  | { readonly level: 'focus'; readonly dc: string; readonly service: string };

/** Expected req/s per "source -> target" of one view. */
export function levelRates(edges: readonly PlacedEdge[], view: Level): Map<string, number> {
  const out = new Map<string, number>();
  const add = (from: string | null, to: string | null, rate: number): void => {
    if (from === null || to === null || from === to) return;
    const k = `${from} -> ${to}`;
    out.set(k, (out.get(k) ?? 0) + rate);
  };
  if (view.level === 'global') {
    const dcOf = (e: End): string | null => (e === 'internet' ? 'INTERNET' : e.dc === '' ? null : e.dc);
    for (const { from, to, rate } of edges) if (to !== 'internet') add(dcOf(from), dcOf(to), rate);
    return out;
  }
  const dc = view.dc;
  const inDc = (e: End): e is { dc: string; name: string } => e !== 'internet' && e.dc === dc;
  const local = (e: End): e is { dc: string; name: string } => e !== 'internet' && (e.dc === dc || e.dc === '');
  const inGroup = (e: End): boolean => view.level === 'group' && local(e) && groupOfName(e.name) === view.group;
  const isFocus = (e: End): boolean => view.level === 'focus' && inDc(e) && e.name === view.service;
  const node = (e: End): string => {
    if (e === 'internet') return 'INTERNET';
    if (!local(e)) return `dc:${e.dc}`;
    if (view.level === 'datacenter' || (view.level === 'group' && !inGroup(e))) return groupOfName(e.name);
    return e.name;
  };
  for (const { from, to, rate } of edges) {
    if (!inDc(from) && !inDc(to)) continue;
    if (view.level === 'group' && !inGroup(from) && !inGroup(to)) continue;
    if (view.level === 'focus' && !isFocus(from) && !isFocus(to)) continue;
    add(node(from), node(to), rate);
  }
  return out;
}
