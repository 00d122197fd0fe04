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
 * A datacenter's own traffic is not an edge of the global view (it counts in the datacenter's
 * totals); traffic inside one group is the group's edge to itself in the grouped datacenter view.
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
    if (from === null || to === null || (view.level === 'global' && from === to)) return;
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

/** The app's fold of quieter nodes, "…N more" (scopedBuild.ts): its name and N, or null. */
const MORE = /^…(\d+) more$/;

/**
 * The truth folded as the table shows it: when the view has a "…N more" node, the truth's nodes
 * the table does not name are the N folded ones (checked), and their edges sum into that node's,
 * so the aggregate is checked too. Without such a node, the truth as it is.
 */
export function foldedLike(truth: ReadonlyMap<string, number>, tableEdges: readonly string[]): { truth: Map<string, number>; folded: readonly string[] } {
  const ends = (edge: string): [string, string] => {
    const at = edge.indexOf(' -> ');
    return [edge.slice(0, at), edge.slice(at + 4)];
  };
  const shown = new Set(tableEdges.flatMap(ends));
  const more = [...shown].find((n) => MORE.test(n));
  if (more === undefined) return { truth: new Map(truth), folded: [] };
  const folded = [...new Set([...truth.keys()].flatMap(ends))].filter((n) => !shown.has(n)).sort();
  const count = Number(MORE.exec(more)?.[1]);
  if (folded.length !== count) {
    throw new Error(`the table folds ${count} nodes into "${more}", but ${folded.length} nodes of the truth are not in it: ${folded.slice(0, 10).join(', ')}`);
  }
  const hidden = new Set(folded);
  const out = new Map<string, number>();
  for (const [edge, rate] of truth) {
    const [from, to] = ends(edge).map((n) => (hidden.has(n) ? more : n));
    const k = `${from} -> ${to}`;
    out.set(k, (out.get(k) ?? 0) + rate);
  }
  return { truth: out, folded };
}
