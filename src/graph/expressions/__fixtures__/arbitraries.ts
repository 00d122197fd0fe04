import fc from 'fast-check';
import { HEALTH_VALUES, KIND_VALUES } from '../ast.ts';
import type { Expr, Quantity } from '../ast.ts';

/** Arbitrary Find / Hide expressions (every field, operator and unit; hostile names) for property tests. */

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

export const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('expr') }),
  ),
}));

