import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelValue } from '../app/__fixtures__/hostileArbitraries.ts';
import { PRESETS } from '../config/presets.ts';
import { splitStringLiterals } from './__fixtures__/promqlStrings.ts';
import { escapeLabelValue, escapeRegex } from './promql.ts';
import { buildQueries } from './queries.ts';
import { selectionQueries } from './selection.ts';
import type { PeerSpec, SelectionSpec } from './selection.ts';
import type { Convention } from './types.ts';

/**
 * A crafted label value cannot change a query: for any value in a datacenter filter, a focused
 * service, a selected edge or an internet peer, the query outside its string literals (the
 * skeleton) is the one a harmless value gives, and the value comes back whole from a literal.
 */

const CONVENTIONS: readonly Convention[] = Object.values(PRESETS);
const skeleton = (q: string) => splitStringLiterals(q).skeleton;
const literals = (q: string) => splitStringLiterals(q).literals;
/** Namespaced conventions split "name.namespace" at the last dot: keep dots out of the names compared. */
const noDot = labelValue.map((v) => v.replace(/\./g, '_'));
const nonEmpty = (a: fc.Arbitrary<string>) => a.filter((v) => v !== '');

describe('escapeLabelValue / escapeRegex', () => {
  it('any value is one literal that decodes to itself', () => {
    fc.assert(fc.property(labelValue, (value) => {
      expect(literals(`x{a=${escapeLabelValue(value)}}`)).toEqual([value]);
      expect(skeleton(`x{a=${escapeLabelValue(value)}}`)).toBe('x{a="…"}');
    }), { numRuns: 1000 });
  });

  it('a regex-escaped value matches itself only, literally (checked with the JS engine)', () => {
    fc.assert(fc.property(labelValue, labelValue, (value, other) => {
      const re = new RegExp(`^(?:${escapeRegex(value)})$`, 'su');
      expect(re.test(value)).toBe(true);
      if (other !== value) expect(re.test(other)).toBe(false);
    }), { numRuns: 1000 });
  });
});

describe('buildQueries: the datacenter list cannot change the four queries', () => {
  it('same skeleton as harmless datacenters, for every preset', () => {
    fc.assert(fc.property(fc.constantFrom(...CONVENTIONS), fc.array(labelValue, { minLength: 1, maxLength: 4 }), (c, dcs) => {
      const params = { rateWindow: '1m', latencyQuantile: 0.95 };
      const harmless = buildQueries(c, { ...params, datacenters: dcs.map((_, i) => `dc${i}`) });
      const crafted = buildQueries(c, { ...params, datacenters: dcs });
      crafted.forEach((q, i) => {
        expect(skeleton(q.promql)).toBe(skeleton(harmless[i]?.promql ?? ''));
        expect(literals(q.promql)).toContain(dcs.map(escapeRegex).join('|'));
      });
    }), { numRuns: 300 });
  });
});

const peer: fc.Arbitrary<PeerSpec> = fc.oneof(
  fc.record({ kind: fc.constant('service' as const), name: nonEmpty(noDot), datacenter: noDot }),
  fc.record({ kind: fc.constant('service' as const), name: nonEmpty(noDot) }),
  fc.constant({ kind: 'internet' as const }),
  fc.record({ kind: fc.constant('datacenter' as const), datacenter: noDot }),
);
const spec: fc.Arbitrary<SelectionSpec> = fc.record({
  side: fc.constantFrom('egress' as const, 'ingress' as const),
  datacenter: noDot,
  service: fc.option(nonEmpty(noDot), { nil: undefined }),
  peer: fc.option(peer, { nil: undefined }),
}).map(({ service, peer: p, ...rest }) => ({ ...rest, ...(service === undefined ? {} : { service }), ...(p === undefined ? {} : { peer: p }) }));

/** The same spec with every label value replaced by a harmless one of the same shape. */
function harmlessOf(s: SelectionSpec): SelectionSpec {
  const p = s.peer;
  const harmlessPeer: PeerSpec | undefined = !p || p.kind === 'internet' ? p
    : p.kind === 'datacenter' ? { kind: 'datacenter', datacenter: 'pdc' }
      : { kind: 'service', name: 'peer', ...(p.datacenter === undefined ? {} : { datacenter: p.datacenter === s.datacenter ? 'dc' : 'pdc' }) };
  return { side: s.side, datacenter: 'dc', ...(s.service === undefined ? {} : { service: 'svc' }), ...(harmlessPeer ? { peer: harmlessPeer } : {}) };
}

describe('selectionQueries: a selected service, edge or datacenter cannot change the details queries', () => {
  it('same skeleton as a harmless selection, every value back whole from a literal, for every preset', () => {
    fc.assert(fc.property(fc.constantFrom(...CONVENTIONS), spec, fc.constantFrom(['5xx', 'none'] as const, ['4xx', '5xx'] as const, [] as const), (c, s, classes) => {
      const crafted = selectionQueries(c, s, '1m', classes);
      const harmless = selectionQueries(c, harmlessOf(s), '1m', classes);
      for (const pick of [(q: typeof crafted) => q.rate, (q: typeof crafted) => q.errors, (q: typeof crafted) => q.latency(0.99)]) {
        expect(skeleton(pick(crafted))).toBe(skeleton(pick(harmless)));
      }
      const all = literals(crafted.rate);
      expect(all).toContain(s.datacenter);
      if (s.service !== undefined) expect(all).toContain(s.service);
    }), { numRuns: 500 });
  });

  it('internet peers from the config stay data too', () => {
    fc.assert(fc.property(fc.array(labelValue, { maxLength: 3 }), (peers) => {
      const c = { ...PRESETS.standard, internetPeers: peers };
      const s: SelectionSpec = { side: 'ingress', datacenter: 'eu', service: 'api', peer: { kind: 'internet' } };
      const crafted = selectionQueries(c, s, '1m', ['5xx']).rate;
      expect(skeleton(crafted)).toBe(skeleton(selectionQueries({ ...c, internetPeers: ['x'] }, s, '1m', ['5xx']).rate));
      expect(literals(crafted)).toContain(['', ...peers].map(escapeRegex).join('|'));
    }), { numRuns: 300 });
  });
});
