import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expr } from './__fixtures__/arbitraries.ts';
import { MAX_EXPRESSION_LENGTH, parseExpression } from './parse.ts';
import { printExpression } from './print.ts';

/** Property tests: printing then parsing gives the tree back; no text makes the parser throw. */

const pieces = fc.constantFrom('errors', 'rate', 'latency', 'name', 'alerts', 'baseline', 'health', 'kind', 'and', 'or', 'not', '(', ')', '>', '>=', '<', '=', '!=', '!', '5%', '500ms', '-50%', 'checkout*', '"', '"a b"', '\\', ' ', 'danger', '1e999', '.', '');
const soup = fc.oneof(fc.string({ maxLength: 80 }), fc.array(pieces, { maxLength: 30 }).map((p) => p.join(' ')), fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')));

describe('expressions: print and parse', () => {
  it('parse(print(e)) is e, and printing is stable', () => {
    fc.assert(fc.property(expr, (e) => {
      const text = printExpression(e);
      const r = parseExpression(text);
      expect(r).toEqual({ ok: true, expr: e });
      if (r.ok) expect(printExpression(r.expr)).toBe(text);
    }), { numRuns: 1000 });
  });

  it('never throws, whatever the text; an error points inside the text (or just after it)', () => {
    fc.assert(fc.property(soup, (text) => {
      const r = parseExpression(text);
      if (r.ok) {
        expect(parseExpression(printExpression(r.expr))).toEqual(r);
      } else {
        expect(r.error.at).toBeGreaterThanOrEqual(0);
        expect(r.error.at).toBeLessThanOrEqual(text.length);
        expect(r.error.column).toBe(r.error.at + 1);
        expect(r.error.message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 2000 });
  });

  it('deep nesting and long texts are refused with a message, not a stack overflow', () => {
    for (const text of ['('.repeat(100_000), 'not '.repeat(20_000), `${'alerts or '.repeat(1500)}alerts`]) {
      const r = parseExpression(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/at most/);
    }
    expect(parseExpression(`${'alerts or '.repeat(100)}alerts`.slice(0, MAX_EXPRESSION_LENGTH)).ok).toBe(true);
  });
});
