import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH_VALUES, KIND_VALUES } from './ast.ts';
import type { Expr, Quantity } from './ast.ts';
import { MAX_EXPRESSION_LENGTH, parseExpression } from './parse.ts';
import { printExpression } from './print.ts';

/** Property tests: printing then parsing gives the tree back; no text makes the parser throw. */

const number = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1e-9, 1e21, 0.1));
const quantity = (units: readonly Quantity['unit'][], max = Infinity): fc.Arbitrary<Quantity> =>
  fc.record({ value: number.filter((v) => Math.abs(v) <= max), unit: fc.constantFrom(...units) });
const op = fc.constantFrom('>', '>=', '<', '<=', '=', '!=' as const);
const eq = fc.constantFrom('=', '!=' as const);
const nameValue = fc.oneof(fc.string(), fc.constantFrom('checkout*', '*', 'and', 'not', 'rate', 'a b', '"', '\\', '(x)', '__proto__', 'İ', 'a\u2028b', ''));

const condition: fc.Arbitrary<Expr> = fc.oneof(
  fc.record({ kind: fc.constant('compare' as const), field: fc.constant('errors' as const), op, quantity: fc.oneof(quantity(['%']), quantity([''], 1)) }),
  fc.record({ kind: fc.constant('compare' as const), field: fc.constant('baseline' as const), op, quantity: quantity(['%', '']) }),
  fc.record({ kind: fc.constant('compare' as const), field: fc.constant('latency' as const), op, quantity: quantity(['ms', 's']) }),
  fc.record({ kind: fc.constant('compare' as const), field: fc.constantFrom('rate' as const, 'alerts' as const), op, quantity: quantity(['']) }),
  fc.record({ kind: fc.constant('text' as const), field: fc.constant('name' as const), op: eq, value: nameValue }),
  fc.record({ kind: fc.constant('text' as const), field: fc.constant('health' as const), op: eq, value: fc.constantFrom(...HEALTH_VALUES) }),
  fc.record({ kind: fc.constant('text' as const), field: fc.constant('kind' as const), op: eq, value: fc.constantFrom(...KIND_VALUES) }),
  fc.constant({ kind: 'flag' as const, field: 'alerts' as const }),
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('expr') }),
  ),
}));

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
