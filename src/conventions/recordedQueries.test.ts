import { describe, expect, it } from 'vitest';
import { hasNamespaces } from '../config/grouping.ts';
import { PRESETS } from '../config/presets.ts';
import type { GroupSource } from '../graph/scope.ts';
import { recordingRules } from './recordingRules.ts';
import { buildServiceListQuery } from './serviceListQuery.ts';
import { QUERY_KINDS } from './types.ts';
import type { Convention } from './types.ts';
import { buildViewQuery, PLAN_COMMENT } from './viewQueries.ts';
import { scopeDesc, VIEW_SCOPES } from './__fixtures__/viewScopes.ts';

/**
 * With `recordingRules`, every view query reads only the series `npm run rules` records, and only
 * by labels those series keep (the numbers they give are checked against the raw queries on a
 * real Prometheus in e2e/real/recorded.spec.ts).
 */

const presets = Object.values(PRESETS) as readonly Convention[];
const WINDOW = '1m';

/** Every `metric{matchers}` of a query on a recorded name (`level:metric:rate`), with its matchers' label names. */
function recordedSelectors(promql: string): { name: string; labels: string[] }[] {
  const body = promql.split('\n').slice(1).join('\n');
  return [...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]+)(\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\})?/g)].map((m) => ({
    name: m[1] ?? '',
    labels: [...(m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((l) => l[1] ?? ''),
  }));
}

function groupingFor(convention: Convention): readonly { desc: string; source: GroupSource; keep: string[] }[] {
  return [
    { desc: 'rule', source: { kind: 'rule', regex: '([^-]+)-.+' }, keep: [] },
    { desc: 'label', source: { kind: 'label', label: 'team', peerLabel: 'peer_team' }, keep: ['team', 'peer_team'] },
    ...(hasNamespaces(convention) ? [{ desc: 'namespace', source: { kind: 'namespace' } as GroupSource, keep: [] }] : []),
  ];
}


describe.each(presets.map((c) => ({ desc: c.name, convention: c })))('recorded view queries: $desc', ({ convention }) => {
  describe.each(groupingFor(convention))('grouped by $desc', ({ source, keep }) => {
    const rules = new Map(recordingRules(convention, WINDOW, keep).map((r) => [r.record, new Set(r.labels)]));
    it.each(VIEW_SCOPES.flatMap((scope) => QUERY_KINDS.map((kind) => ({ desc: `${scopeDesc(scope)} ${kind}`, scope, kind }))))('$desc', ({ scope, kind }) => {
      const promql = buildViewQuery(convention, { rateWindow: WINDOW, latencyQuantile: 0.95, grouping: source, recorded: true }, scope, kind);
      expect(promql.startsWith(PLAN_COMMENT)).toBe(true);
      expect(JSON.parse(promql.split('\n')[0]?.slice(PLAN_COMMENT.length) ?? '')).toMatchObject({ recorded: true });
      expect(promql).not.toMatch(/\brate\(/);
      const selectors = recordedSelectors(promql);
      expect(selectors.length).toBeGreaterThan(0);
      for (const s of selectors) {
        const kept = rules.get(s.name);
        expect(kept, `${s.name} is recorded`).toBeDefined();
        for (const label of s.labels) expect([...(kept ?? [])], `${s.name} keeps ${label}`).toContain(label);
      }
      // The query still groups by, and reads, only labels the recorded series have (plus the view's own).
      const raw = buildViewQuery(convention, { rateWindow: WINDOW, latencyQuantile: 0.95, grouping: source }, scope, kind);
      expect(raw).toMatch(/\brate\(/);
      expect(promql.split('\n')[0]).not.toBe(raw.split('\n')[0]);
    });

    it.each(VIEW_SCOPES.map((scope) => ({ desc: scope.level, scope })))('baseline queries ($desc) read recorded series at the offset', ({ scope }) => {
      for (const kind of ['egressRate', 'ingressRate'] as const) {
        const promql = buildViewQuery(convention, { rateWindow: WINDOW, latencyQuantile: 0.95, grouping: source, recorded: true }, scope, kind, '7d');
        expect(promql).not.toMatch(/\brate\(/);
        const selectors = recordedSelectors(promql);
        expect(selectors.length).toBeGreaterThan(0);
        for (const s of selectors) expect(rules.has(s.name), s.name).toBe(true);
        expect(promql).toMatch(/\} offset 7d|:rate1m offset 7d/);
      }
    });

    it('service list reads the recorded request series', () => {
      const promql = buildServiceListQuery(convention, source, undefined, WINDOW);
      expect(promql).not.toMatch(/\brate\(/);
      const selectors = recordedSelectors(promql);
      expect(selectors.length).toBeGreaterThan(0);
      for (const s of selectors) expect(rules.has(s.name), s.name).toBe(true);
    });
  });
});
