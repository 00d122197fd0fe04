/**
 * The Find / Hide expression language: its syntax tree. Values keep the unit they were written
 * with (`5%` or `0.05`, `500ms` or `0.5s`), so printing gives back the text a person wrote.
 */

/** Fields compared with numbers. */
export type NumericField = 'errors' | 'rate' | 'latency' | 'alerts' | 'baseline';
/** Fields compared with words: `name` (a glob), `health`, `kind`. */
export type TextField = 'name' | 'health' | 'kind';
export type Field = NumericField | TextField;

export type CompareOp = '>' | '>=' | '<' | '<=' | '=' | '!=';
export type EqualityOp = '=' | '!=';

/** A number as written: `5` + `%`, `500` + `ms`, `0.2` + ''. */
export interface Quantity {
  readonly value: number;
  readonly unit: '' | '%' | 'ms' | 's';
}

export type Expr =
  | { readonly kind: 'or' | 'and'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'compare'; readonly field: NumericField; readonly op: CompareOp; readonly quantity: Quantity }
  | { readonly kind: 'text'; readonly field: TextField; readonly op: EqualityOp; readonly value: string }
  /** A field on its own: `alerts` (some alert is firing). */
  | { readonly kind: 'flag'; readonly field: 'alerts' };

export const FIELDS: readonly Field[] = ['errors', 'rate', 'latency', 'name', 'alerts', 'baseline', 'health', 'kind'];
export const HEALTH_VALUES: readonly string[] = ['normal', 'warning', 'danger'];
export const KIND_VALUES: readonly string[] = ['service', 'internet', 'datacenter', 'remote', 'external', 'group', 'more'];
export const KEYWORDS: readonly string[] = ['and', 'or', 'not'];

/** The quantity in the field's own unit: errors and baseline as fractions, latency in seconds. */
export function quantityValue(q: Quantity): number {
  switch (q.unit) {
    case '%': return q.value / 100;
    case 'ms': return q.value / 1000;
    default: return q.value;
  }
}
