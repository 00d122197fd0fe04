import { FIELDS, KEYWORDS } from './ast.ts';
import type { Expr, Quantity } from './ast.ts';
import { isBareWord } from './tokens.ts';

/**
 * An expression as canonical text: lower-case keywords, one space around operators, parentheses
 * only where the tree needs them. `parseExpression(printExpression(e))` gives `e` back.
 */
export function printExpression(expr: Expr | null): string {
  return expr ? print(expr, 0) : '';
}

// Binding strength: or 1, and 2, not and conditions 3.
function print(e: Expr, context: number): string {
  switch (e.kind) {
    case 'or':
    case 'and': {
      const own = e.kind === 'or' ? 1 : 2;
      // Left-associative: a right child of the same kind needs parentheses to stay on the right.
      const text = `${print(e.left, own)} ${e.kind} ${print(e.right, own + 1)}`;
      return own < context ? `(${text})` : text;
    }
    case 'not': return `not ${print(e.operand, 3)}`;
    case 'flag': return e.field;
    case 'compare': return `${e.field} ${e.op} ${quantityText(e.quantity)}`;
    case 'text': return `${e.field} ${e.op} ${e.field === 'name' ? word(e.value) : e.value}`;
  }
}

function quantityText(q: Quantity): string {
  return `${Object.is(q.value, -0) ? '-0' : String(q.value)}${q.unit}`;
}

/** A name as a bare word when it reads as one, else quoted (`"a b"`, `"and"`, `""`). */
function word(text: string): string {
  const lower = text.toLowerCase();
  if (isBareWord(text) && !KEYWORDS.includes(lower) && !(FIELDS as readonly string[]).includes(lower)) return text;
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
