import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelValue } from './__fixtures__/hostileArbitraries.ts';
import { parseExpression } from '../graph/expressions/parse.ts';
import { decodeUrlState, encodeUrlState } from './urlState.ts';
import type { UrlState } from './urlState.ts';

/** Property tests of the URL state: any text decodes, hostile names round-trip, foreign params stay. */

/** A URL carries well-formed text only: lone surrogates become U+FFFD on the way. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const name = labelValue.map(wellFormed);
const state: fc.Arbitrary<UrlState> = fc.record({
  dc: name,
  group: name,
  service: name,
  edge: fc.option(fc.tuple(name.filter((s) => s !== ''), name.filter((s) => s !== '')), { nil: null }),
  view: fc.constantFrom('map' as const, 'table' as const),
  time: fc.option(fc.integer({ min: 1, max: 253_402_300_799 }), { nil: null }),
  kiosk: fc.boolean(),
  rotateMs: fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 86_400 }).map((s) => s * 1000)),
  filters: fc.record({ find: fc.oneof(name, fc.constantFrom('errors > 5%', 'name = "a&b=c#d"', 'rate <')), hide: fc.oneof(name, fc.constantFrom('alerts or not (latency >= 1.5s)', '((')) }),
}).map((s) => (s.dc ? s : { ...s, group: '', service: '' }));

describe('decodeUrlState / encodeUrlState with hostile values', () => {
  it('decoding any search string never throws and gives sane values', () => {
    const search = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.tuple(fc.constantFrom('dc', 'service', 'edge', 'view', 'time', 'kiosk', 'rotate', 'minRate', 'match', 'hideHealthy', 'find', 'hide', '__proto__'), fc.oneof(labelValue, fc.constantFrom('1e999', '-5', 'NaN', 'Infinity', '0x10', '9'.repeat(400), ' -> ', 'a -> ', ' -> b')))).map((kv) => `?${new URLSearchParams(kv).toString()}`));
    fc.assert(fc.property(search, (s) => {
      const d = decodeUrlState(s);
      expect(typeof d.filters.find === 'string' && typeof d.filters.hide === 'string').toBe(true);
      // Old filter parameters always read as a Hide expression that parses.
      if (!new URLSearchParams(s).has('hide')) expect(parseExpression(d.filters.hide).ok).toBe(true);
      expect(d.rotateMs === 0 || (d.rotateMs >= 5000 && d.rotateMs <= 86_400_000)).toBe(true);
      expect(d.time === null || (Number.isInteger(d.time) && d.time > 0)).toBe(true);
      expect(['map', 'table']).toContain(d.view);
      if (d.edge) expect(d.edge.every((n) => typeof n === 'string' && n !== '')).toBe(true);
      if (!d.dc) expect(d.service).toBe('');
    }), { numRuns: 500 });
  });

  it('decode(encode(state)) is the state, whatever the names hold (" -> ", backslashes, newlines, markup)', () => {
    fc.assert(fc.property(state, (s) => {
      expect(decodeUrlState(encodeUrlState(s))).toEqual(s);
    }), { numRuns: 500 });
  });

  it('an edge whose names hold the separator decodes to the same two names', () => {
    const tricky = fc.array(fc.constantFrom(' -> ', '->', ' ', '\\', '-', '>', 'a', '\\ ->'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    fc.assert(fc.property(tricky, tricky, (source, target) => {
      const s: UrlState = { ...decodeUrlState(''), dc: 'eu', edge: [source, target] };
      expect(decodeUrlState(encodeUrlState(s)).edge).toEqual([source, target]);
    }), { numRuns: 1000 });
  });

  it('parameters the app does not own are kept as they were', () => {
    const foreign = fc.dictionary(fc.string({ minLength: 1 }).filter((k) => !['dc', 'service', 'edge', 'view', 'time', 'kiosk', 'rotate', 'hideHealthy', 'minRate', 'match', 'find', 'hide'].includes(k)), labelValue.map(wellFormed));
    fc.assert(fc.property(state, foreign, (s, extra) => {
      const search = `?${new URLSearchParams(Object.entries(extra)).toString()}`;
      const out = new URLSearchParams(encodeUrlState(s, search));
      for (const [k, v] of Object.entries(extra)) expect(out.get(k)).toBe(v);
    }), { numRuns: 300 });
  });
});
