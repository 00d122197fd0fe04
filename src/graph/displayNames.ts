import { ESCAPED_PREFIX } from './views.ts';
import { INTERNET } from './types.ts';
import type { TrafficNode, TrafficView } from './types.ts';

/**
 * What a person reads for a node, apart from its id. Ids stay exact and unique (URL, lookups,
 * queries); labels are derived per view: short, and different for different nodes. Pure.
 *
 * - A name's group part (`reviews-v3.bookinfo`: the Istio namespace after the first dot) is left
 *   out where the view is inside that group, where several names of the view share it, or where
 *   the name is too long with it, as long as the labels stay different.
 * - A name longer than `maxLength` is cut at word boundaries (`-`, `_`, `.`, `/`, `:`), keeping its
 *   start, the part that tells it from its closest neighbour in the view, and its end (a version
 *   suffix): never blindly in the middle.
 * - Empty and blank names read as a placeholder; `displayName` rewrites (config.json) come first.
 */

/** One rewrite of the `displayName` rule: the first match of `match` (a regex) becomes `replace` ($1...). */
export interface NameRewrite {
  readonly match: string;
  readonly replace: string;
}

export interface LabelContext {
  /** The group (namespace) the view is inside: its part is left out of every label. */
  readonly group?: string;
  /** Applied in order to each name before it is shortened. */
  readonly rewrites?: readonly NameRewrite[];
  /** Longest label in characters (default `MAX_LABEL`). */
  readonly maxLength?: number;
}

/** Vizceral cuts longer labels itself, in the middle (7 + "…" + 7 characters): ours stay within. */
export const MAX_LABEL = 18;
export const EMPTY_NAME = '(empty name)';
export const BLANK_NAME = '(blank name)';
const ELLIPSIS = '…';

/** The full text of a name: the name itself, or a placeholder when it is empty or blank. */
export function fullName(name: string): string {
  if (name === '') return EMPTY_NAME;
  if (name.trim() === '') return BLANK_NAME;
  return name;
}

/** The service (or external) name behind a node id: `nodeIdOf` undone (`svc:INTERNET` -> `INTERNET`). */
export function serviceName(id: string): string {
  return id.startsWith(ESCAPED_PREFIX) ? id.slice(ESCAPED_PREFIX.length) : id;
}

/** The full text of a node, for titles, the details panel, the table and search. */
export function nodeText(node: Pick<TrafficNode, 'id' | 'kind' | 'datacenter'>): string {
  switch (node.kind) {
    case 'internet': return INTERNET;
    case 'remote': return node.datacenter === undefined ? node.id : `${fullName(node.datacenter)} (other DC)`;
    case 'datacenter': return fullName(node.id);
    default: return fullName(serviceName(node.id));
  }
}

/**
 * The full text of a node id, from its node in `view` when there, else from the id's form
 * (`INTERNET`, `dc:<dc>`, a service's id): for titles before the data, and edges in a table.
 */
export function idText(id: string, view?: Pick<TrafficView, 'nodes'>): string {
  const node = view?.nodes.find((n) => n.id === id);
  if (node) return nodeText(node);
  if (id === INTERNET) return INTERNET;
  if (id.startsWith('dc:')) return `${fullName(id.slice(3))} (other DC)`;
  return fullName(serviceName(id));
}

/** Full texts of a view's nodes by id (a Map: ids are data). */
export function nodeTexts(view: Pick<TrafficView, 'nodes'>): Map<string, string> {
  return new Map(view.nodes.map((n) => [n.id, nodeText(n)]));
}

/**
 * Short labels of a view's nodes by id: services, externals and datacenters shortened together
 * (`shortLabels`), the internet as INTERNET, another datacenter as "<dc> (other DC)".
 */
export function viewLabels(view: Pick<TrafficView, 'nodes'>, context: LabelContext = {}): Map<string, string> {
  const max = context.maxLength ?? MAX_LABEL;
  const named = view.nodes.filter((n) => n.kind !== 'internet' && n.kind !== 'remote');
  const short = shortLabels(named.map((n) => (n.kind === 'datacenter' ? n.id : serviceName(n.id))), context);
  const labels = new Map<string, string>();
  named.forEach((n, i) => labels.set(n.id, short[i] as string));
  const suffix = ' (other DC)';
  for (const n of view.nodes) {
    if (n.kind === 'internet') labels.set(n.id, INTERNET);
    else if (n.kind === 'remote') {
      labels.set(n.id, n.datacenter === undefined ? cut(n.id, [], max) : `${cut(fullName(n.datacenter), [], Math.max(4, max - suffix.length))}${suffix}`);
    }
  }
  return labels;
}

/**
 * A label for each name (same order), at most `maxLength` characters (a disambiguating " #n" may
 * add three or four), different for different names.
 */
export function shortLabels(names: readonly string[], context: LabelContext = {}): string[] {
  const max = Math.max(5, context.maxLength ?? MAX_LABEL);
  const rewrites = compile(context.rewrites ?? []);
  const full = names.map((name) => {
    if (name.trim() === '') return fullName(name);
    const rewritten = rewrite(name, rewrites);
    return rewritten.trim() === '' ? name : rewritten;
  });
  const grouped = withoutGroups(full, context.group, max);
  const labels = grouped.map((name, i) => (name.length <= max ? name : cut(name, grouped.filter((_, j) => j !== i), max)));
  return unique(labels, names);
}

/** The group part of `workload.group` (one dot, a workload with a letter), or null. */
function splitGroup(name: string): { workload: string; group: string } | null {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1 || name.indexOf('.', dot + 1) >= 0) return null;
  const workload = name.slice(0, dot);
  return /\p{L}/u.test(workload) ? { workload, group: name.slice(dot + 1) } : null;
}

function withoutGroups(names: readonly string[], group: string | undefined, max: number): string[] {
  const parts = names.map(splitGroup);
  const groupCount = new Map<string, number>();
  // A workload met twice (in two namespaces, or also as a name of its own) keeps its namespaces.
  const workloadCount = new Map<string, number>();
  parts.forEach((p, i) => {
    if (p) groupCount.set(p.group, (groupCount.get(p.group) ?? 0) + 1);
    const w = p ? p.workload : (names[i] as string);
    workloadCount.set(w, (workloadCount.get(w) ?? 0) + 1);
  });
  return names.map((name, i) => {
    const p = parts[i];
    // Inside a group named by a rule over names (`payments-ledger-19` in `payments`): the prefix goes.
    if (!p && group && name.length > group.length + 1 && name.startsWith(group) && SEPARATOR.test(name.charAt(group.length))) {
      return name.slice(group.length + 1);
    }
    if (!p || (workloadCount.get(p.workload) ?? 0) > 1) return name;
    return p.group === group || (groupCount.get(p.group) ?? 0) > 1 || name.length > max ? p.workload : name;
  });
}

const SEPARATOR = /[-_./:@\s]/;

/** Where words start: 0 and after each separator. */
function wordStarts(name: string): number[] {
  const starts = [0];
  for (let i = 1; i < name.length; i++) if (SEPARATOR.test(name[i - 1] as string) && !SEPARATOR.test(name[i] as string)) starts.push(i);
  return starts;
}

/** The index of the first character `name` does not share with the most similar of `others`. */
function firstDifference(name: string, others: readonly string[]): number {
  let best = 0;
  for (const o of others) {
    let i = 0;
    while (i < name.length && i < o.length && name[i] === o[i]) i++;
    if (i > best) best = i;
  }
  return best;
}

/**
 * `name` in at most `max` characters. When the word where it differs from `others` and what
 * follows fit (or, with no such word, its last word), the start and that end:
 * `checkout…west-v2`, `…ingressgateway`; else from the differing word on, as far as room goes,
 * and the last word when short: `…payments-adapte…v2`, `svc-abc-abc-abc…v7`.
 */
export function cut(name: string, others: readonly string[], max: number): string {
  if (name.length <= max) return name;
  const starts = wordStarts(name);
  const from = starts.filter((s) => s <= firstDifference(name, others)).pop() ?? 0;
  const lastWord = starts[starts.length - 1] ?? 0;
  let tailStart = from > 0 ? from : lastWord;
  if (tailStart > 0 && name.length - tailStart + 1 <= max) {
    // The tail grows back word by word while the first word still fits before it.
    const firstWord = (starts[1] ?? name.length) - 1;
    const headMin = firstWord + 1 + name.length - tailStart <= max ? firstWord : 0;
    for (let i = starts.indexOf(tailStart) - 1; i > 0; i--) {
      const s = starts[i] as number;
      if (name.length - s + 1 + headMin > max) break;
      tailStart = s;
    }
    return `${head(name, max - 1 - (name.length - tailStart), tailStart)}${ELLIPSIS}${name.slice(tailStart)}`;
  }
  const end = lastWord > from && name.length - lastWord <= Math.floor(max / 3) ? name.slice(lastWord) : '';
  const pre = from > 0 ? ELLIPSIS : '';
  const room = max - pre.length - 1 - end.length;
  return `${pre}${name.slice(from, from + room)}${ELLIPSIS}${end}`;
}

/**
 * The start of `name` in at most `room` characters (before `before`): whole words when they fill
 * half of it, else cut in a word (not below 6 characters: then nothing).
 */
function head(name: string, room: number, before: number): string {
  const limit = Math.min(room, before - 1);
  if (limit <= 0) return '';
  const boundary = wordStarts(name).filter((s) => s > 0 && s - 1 <= limit).pop();
  if (boundary !== undefined && boundary - 1 >= limit / 2) return name.slice(0, boundary - 1);
  return limit >= 6 ? name.slice(0, limit) : '';
}

/** Equal labels of different names get " #2", " #3"... in the order given (first keeps its label). */
function unique(labels: readonly string[], names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const firstName = new Map<string, string>();
  return labels.map((label, i) => {
    const name = names[i] as string;
    const first = firstName.get(label);
    if (first === undefined) {
      firstName.set(label, name);
      seen.set(label, 1);
      return label;
    }
    if (first === name) return label;
    let n = (seen.get(label) ?? 1) + 1;
    while (firstName.has(`${label} #${n}`)) n++;
    seen.set(label, n);
    firstName.set(`${label} #${n}`, name);
    return `${label} #${n}`;
  });
}

interface Compiled { readonly pattern: RegExp; readonly replace: string }
const compiledCache = new WeakMap<readonly NameRewrite[], readonly Compiled[]>();

function compile(rewrites: readonly NameRewrite[]): readonly Compiled[] {
  let compiled = compiledCache.get(rewrites);
  if (!compiled) {
    compiled = rewrites.flatMap((r) => {
      const pattern = regexOrNull(r.match);
      return pattern ? [{ pattern, replace: r.replace }] : [];
    });
    compiledCache.set(rewrites, compiled);
  }
  return compiled;
}

function rewrite(name: string, rewrites: readonly Compiled[]): string {
  let out = name;
  for (const r of rewrites) out = out.replace(r.pattern, r.replace);
  return out;
}

/** The regex of a `displayName` rule (Unicode mode), or null when it does not compile. */
export function regexOrNull(source: string): RegExp | null {
  try {
    return new RegExp(source, 'u');
  } catch {
    return null;
  }
}
