import type { Expr } from './ast.ts';

/** The filters of links made before expressions (`hideHealthy=1`, `minRate=5`, `match=checkout`). */
export interface LegacyFilters {
  readonly hideHealthy: boolean;
  /** Edges under this many req/s were hidden; 0 = none. */
  readonly minRate: number;
  /** Only names containing this text (case-insensitive, `*` any text) were shown; the global view ignored it. */
  readonly match: string;
}

/**
 * The Hide expression that shows what the old filters showed:
 * `health = normal or rate < 5 or not (name = *checkout* or kind = datacenter)`.
 * (`kind = datacenter` keeps the global view whole, as the old name filter did.) Null: no filter.
 */
export function legacyHide(f: LegacyFilters): Expr | null {
  const terms: Expr[] = [];
  if (f.hideHealthy) terms.push(HIDE_HEALTHY);
  if (Number.isFinite(f.minRate) && f.minRate > 0) terms.push({ kind: 'compare', field: 'rate', op: '<', quantity: { value: f.minRate, unit: '' } });
  const match = f.match.trim();
  if (match) {
    const pattern = `${match.startsWith('*') ? '' : '*'}${match}${match.endsWith('*') ? '' : '*'}`;
    terms.push({
      kind: 'not',
      operand: {
        kind: 'or',
        left: { kind: 'text', field: 'name', op: '=', value: pattern },
        right: { kind: 'text', field: 'kind', op: '=', value: 'datacenter' },
      },
    });
  }
  return anyOf(terms);
}

export const HIDE_HEALTHY: Expr = { kind: 'text', field: 'health', op: '=', value: 'normal' };

function anyOf(terms: readonly Expr[]): Expr | null {
  let out: Expr | null = null;
  for (const t of terms) out = out ? { kind: 'or', left: out, right: t } : t;
  return out;
}

/** The terms of a top-level `or` (`a or b or c` -> a, b, c). */
function disjuncts(e: Expr): Expr[] {
  return e.kind === 'or' ? [...disjuncts(e.left), ...disjuncts(e.right)] : [e];
}

const same = (a: Expr, b: Expr): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Adds `term` as one more `or` of the expression, or takes it out when it is one already (the
 * `h` key toggles `health = normal` in Hide this way).
 */
export function toggleDisjunct(expr: Expr | null, term: Expr): Expr | null {
  if (!expr) return term;
  const terms = disjuncts(expr);
  const kept = terms.filter((t) => !same(t, term));
  return kept.length < terms.length ? anyOf(kept) : { kind: 'or', left: expr, right: term };
}
