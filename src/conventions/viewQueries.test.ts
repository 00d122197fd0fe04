import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config/presets.ts';
import type { GroupSource } from '../graph/scope.ts';
import { QUERY_KINDS } from './types.ts';
import { buildViewQuery } from './viewQueries.ts';
import { scopeDesc, VIEW_SCOPES } from './__fixtures__/viewScopes.ts';

/**
 * Every view sums the raw series by the labels it reads before it rewrites them (the global
 * view by the datacenters, the others by both ends): every label a rewrite or the final sum reads from the raw series must be among
 * those, or its value would be gone (read as empty) by the time the rewrite runs.
 */
const GROUPINGS: readonly (GroupSource | null)[] = [
  null,
  { kind: 'rule', regex: '([^-]+)-.+' },
  { kind: 'label', label: 'team', peerLabel: 'peer_team' },
  { kind: 'namespace' },
];
const unquote = (s: string): string => JSON.parse(s.replace(/\\x01/g, '\\u0001')) as string;
/** Labels our own rewrites write (and so may read): not the raw series'. */
const OURS = /^(tm_|traffic_map_)/;

/** The top-level arguments of the call whose "(" is at `open` (strings skipped whole). */
function argsAt(promql: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < promql.length; i++) {
    const c = promql[i];
    if (c === '"') {
      for (i++; i < promql.length && promql[i] !== '"'; i++) if (promql[i] === '\\') i++;
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) { args.push(promql.slice(start, i).trim()); return args; }
    } else if (c === ',' && depth === 1) { args.push(promql.slice(start, i).trim()); start = i + 1; }
  }
  throw new Error('unbalanced');
}

/** The labels the rewrites read: label_replace's source, label_join's sources. */
function readLabels(promql: string): Set<string> {
  const out = new Set<string>();
  for (const m of promql.matchAll(/label_(replace|join)\(/g)) {
    const args = argsAt(promql, (m.index ?? 0) + m[0].length - 1);
    const sources = m[1] === 'replace' ? args.slice(3, 4) : args.slice(3);
    for (const a of sources) out.add(unquote(a));
  }
  return out;
}

describe('view queries sum the raw series first, by every label they read', () => {
  const cases = Object.values(PRESETS).flatMap((convention) => VIEW_SCOPES.flatMap((scope) => GROUPINGS.flatMap((grouping) => QUERY_KINDS.map((kind) => ({
    desc: `${convention.name}, ${scopeDesc(scope)}, ${grouping?.kind ?? 'no groups'}, ${kind}`,
    convention, scope, grouping, kind,
  })))));
  it.each(cases)('$desc', ({ convention, scope, grouping, kind }) => {
    for (const recorded of [false, true]) {
      const promql = buildViewQuery(convention, { rateWindow: '1m', latencyQuantile: 0.95, grouping, ...(recorded ? { recorded } : {}) }, scope, kind).split('\n')[1] ?? '';
      // The innermost sums: over the union of the rates (or recorded series).
      const inner = [...promql.matchAll(/sum by \(([^)]*)\) \(\(?(?:rate\(|[a-z_:]+:rate)/g)].map((m) => new Set((m[1] ?? '').split(', ')));
      expect(inner.length, 'a sum over the raw series').toBeGreaterThan(0);
      // (The global view's internet branch alone keeps the peer, which only it reads: checked on real servers.)
      if (scope.level !== 'global') {
        const needed = [...readLabels(promql)].filter((l) => l !== '' && !OURS.test(l));
        expect(needed.length).toBeGreaterThan(0);
        for (const by of inner) for (const label of needed) expect(by.has(label), `${label} summed away before it is read`).toBe(true);
      }
      // What the final sum keeps besides the nodes (kept labels, le) is summed by first too.
      const outer = /^(?:label_replace\(|label_join\(|histogram_quantile\([^,]*, )*sum by \(([^)]*)\)/.exec(promql)?.[1]?.split(', ') ?? [];
      for (const by of inner) for (const label of outer.filter((l) => !OURS.test(l))) expect(by.has(label), `${label} of the final sum`).toBe(true);
    }
  });
});

describe('latency view queries name the nodes on one series per pair of ends, not on every bucket', () => {
  const cases = Object.values(PRESETS).flatMap((convention) => VIEW_SCOPES.filter((s) => s.level !== 'global').flatMap((scope) => GROUPINGS.flatMap((grouping) => (['egressLatency', 'ingressLatency'] as const).map((kind) => ({
    desc: `${convention.name}, ${scopeDesc(scope)}, ${grouping?.kind ?? 'no groups'}, ${kind}`,
    convention, scope, grouping, kind,
  })))));
  it.each(cases)('$desc', ({ convention, scope, grouping, kind }) => {
    for (const recorded of [false, true]) {
      const promql = buildViewQuery(convention, { rateWindow: '1m', latencyQuantile: 0.95, grouping, ...(recorded ? { recorded } : {}) }, scope, kind).split('\n')[1] ?? '';
      // The buckets, summed, joined to their pair's nodes: no rewrite between the quantile and the join.
      const quantile = promql.indexOf('histogram_quantile(');
      const join = /\* on \(([^)]*)\) group_left \(([^)]*)\) /.exec(promql);
      expect(join, 'a join of the buckets to their nodes').not.toBeNull();
      const buckets = promql.slice(quantile, join?.index ?? 0);
      expect(buckets).not.toMatch(/label_(replace|join)\(/);
      // The pairs: one series per pair of ends (no bucket), from the +Inf bucket, by the labels the join matches on.
      const pairs = /group by \(([^)]*)\) \(/.exec(promql);
      // (`le` is kept, "+Inf" only: see viewQueries.ts.)
      const ends = new Set((pairs?.[1] ?? '').split(', ').filter((l) => l !== 'le'));
      expect([...ends].sort()).toEqual((join?.[1] ?? '').split(', ').sort());
      expect(promql.slice(pairs?.index ?? 0)).toContain('le="+Inf"');
      // Every label the rewrites read from the series is among the pair's labels.
      for (const label of [...readLabels(promql.slice(pairs?.index ?? 0))].filter((l) => l !== '' && !OURS.test(l))) expect(ends.has(label), label).toBe(true);
      // The join gives the buckets the node labels the final sum keeps.
      expect((join?.[2] ?? '').split(', ')).toContain('tm_node');
    }
  });
});
