import { FIELDS, HEALTH_VALUES, KEYWORDS, KIND_VALUES } from './ast.ts';
import type { CompareOp, Expr, Field, NumericField, Quantity } from './ast.ts';
import { tokenize } from './tokens.ts';
import type { Token } from './tokens.ts';

/**
 * Find / Hide expressions: a hand-written recursive-descent parser. Precedence, tightest first:
 * `not`, `and`, `or`; parentheses group. Pure, and never throws: a text that does not parse
 * gives an error with its position and what was expected there.
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | '(' expr ')' | field op value | 'alerts'
 */

export interface ParseError {
  /** Offset in the text (0-based) where the problem starts. */
  readonly at: number;
  /** 1-based column, for people. */
  readonly column: number;
  /** What was expected there, e.g. 'a value after ">" (a share such as 5% or 0.05)'. */
  readonly expected: string;
  /** One sentence: `column 11: expected ...`, optionally followed by what was found. */
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly expr: Expr | null }
  | { readonly ok: false; readonly error: ParseError };

/** Longer texts are refused: an expression is typed by a person. */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Deeper nesting is refused (recursion is bounded whatever the text). */
export const MAX_DEPTH = 50;

class Failure {
  constructor(readonly at: number, readonly expected: string, readonly found?: string) {}
}

/** Parses an expression; blank text is `null` (nothing to find or hide). */
export function parseExpression(text: string): ParseResult {
  if (text.length > MAX_EXPRESSION_LENGTH) return failed(new Failure(MAX_EXPRESSION_LENGTH, `at most ${MAX_EXPRESSION_LENGTH} characters`));
  const lexed = tokenize(text);
  if ('error' in lexed) return failed(new Failure(lexed.error.at, lexed.error.message.replace(/^expected /, '')));
  const tokens = lexed.tokens;
  if (tokens.length === 1) return { ok: true, expr: null };
  try {
    const p = new Parser(tokens);
    const expr = p.or(0);
    const next = p.peek();
    if (next.type !== 'end') throw new Failure(next.at, next.type === ')' ? 'no ")" here (there is no "(" to close)' : '"and", "or" or the end', describe(next));
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof Failure) return failed(e);
    throw e;
  }
}

function failed(f: Failure): ParseResult {
  const column = f.at + 1;
  const message = `column ${column}: expected ${f.expected}${f.found ? `, found ${f.found}` : ''}`;
  return { ok: false, error: { at: f.at, column, expected: f.expected, message } };
}

function describe(t: Token): string {
  if (t.type === 'end') return 'the end';
  if (t.type === 'word') return `"${t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text}"`;
  if (t.type === 'op') return `"${t.text}"`;
  return `"${t.type}"`;
}

const isKeyword = (t: Token, k: string): boolean => t.type === 'word' && !t.quoted && t.text.toLowerCase() === k;
const FIELD_LIST = FIELDS.join(', ');

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1] as Token;
  }

  private take(): Token {
    const t = this.peek();
    if (t.type !== 'end') this.i++;
    return t;
  }

  or(depth: number): Expr {
    let left = this.and(depth);
    while (isKeyword(this.peek(), 'or')) {
      this.take();
      left = { kind: 'or', left, right: this.and(depth) };
    }
    return left;
  }

  private and(depth: number): Expr {
    let left = this.unary(depth);
    while (isKeyword(this.peek(), 'and')) {
      this.take();
      left = { kind: 'and', left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): Expr {
    const t = this.peek();
    if (depth >= MAX_DEPTH) throw new Failure(t.at, `at most ${MAX_DEPTH} nested "not" or parentheses`);
    if (isKeyword(t, 'not')) {
      this.take();
      return { kind: 'not', operand: this.unary(depth + 1) };
    }
    if (t.type === '(') {
      this.take();
      const inner = this.or(depth + 1);
      const close = this.peek();
      if (close.type !== ')') throw new Failure(close.at, `")" to close the "(" at column ${t.at + 1}`, describe(close));
      this.take();
      return inner;
    }
    return this.condition();
  }

  private condition(): Expr {
    const t = this.take();
    if (t.type !== 'word' || t.quoted || KEYWORDS.includes(t.text.toLowerCase())) {
      throw new Failure(t.at, `a condition: a field (${FIELD_LIST}), "not" or "("`, describe(t));
    }
    const field = t.text.toLowerCase() as Field;
    if (!FIELDS.includes(field)) throw new Failure(t.at, `a field (${FIELD_LIST})`, describe(t));
    const op = this.peek();
    if (op.type !== 'op') {
      if (field === 'alerts') return { kind: 'flag', field };
      throw new Failure(op.at, `a comparison after "${field}" (${field === 'name' || field === 'health' || field === 'kind' ? '= or !=' : '>, >=, <, <=, = or !='})`, describe(op));
    }
    this.take();
    const value = this.take();
    if (value.type !== 'word') throw new Failure(value.at, `a value after "${op.text}" (${valueHint(field)})`, describe(value));
    if (field === 'name' || field === 'health' || field === 'kind') {
      if (op.text !== '=' && op.text !== '!=') throw new Failure(op.at, `"=" or "!=" after "${field}"`, describe(op));
      if (field === 'name') return { kind: 'text', field, op: op.text, value: value.text };
      const allowed = field === 'health' ? HEALTH_VALUES : KIND_VALUES;
      const v = value.text.toLowerCase();
      if (!allowed.includes(v)) throw new Failure(value.at, `a ${field}: ${allowed.join(', ')}`, describe(value));
      return { kind: 'text', field, op: op.text, value: v };
    }
    return { kind: 'compare', field, op: op.text as CompareOp, quantity: this.quantity(field, value) };
  }

  private quantity(field: NumericField, t: Token & { type: 'word' }): Quantity {
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%|ms|s)?$/i.exec(t.text);
    const value = m ? Number(m[1]) : NaN;
    const unit = (m?.[2] ?? '').toLowerCase() as Quantity['unit'];
    if (!m || !Number.isFinite(value)) throw new Failure(t.at, valueHint(field), describe(t));
    switch (field) {
      case 'errors':
      case 'baseline':
        if (unit === 'ms' || unit === 's') throw new Failure(t.at, valueHint(field), describe(t));
        if (field === 'errors' && unit === '' && Math.abs(value) > 1) throw new Failure(t.at, `a share: ${t.text}% or ${value / 100} (a plain number is a fraction of 1)`, describe(t));
        break;
      case 'latency':
        if (unit !== 'ms' && unit !== 's') throw new Failure(t.at, `a duration with its unit: ${t.text}ms or ${t.text}s`, describe(t));
        break;
      case 'rate':
      case 'alerts':
        if (unit !== '') throw new Failure(t.at, valueHint(field), describe(t));
        break;
    }
    return { value, unit };
  }
}

function valueHint(field: Field): string {
  switch (field) {
    case 'errors': return 'a share such as 5% or 0.05';
    case 'baseline': return 'a change such as -50% or 20%';
    case 'latency': return 'a duration such as 500ms or 1.5s';
    case 'rate': return 'requests per second, such as 1 or 0.5';
    case 'alerts': return 'a number of alerts, such as 2';
    case 'name': return 'a name, * for any text (quote names with spaces)';
    case 'health': return HEALTH_VALUES.join(', ');
    case 'kind': return KIND_VALUES.join(', ');
  }
}
