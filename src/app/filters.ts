import type { Expr } from '../graph/expressions/ast.ts';
import type { ParseResult } from '../graph/expressions/parse.ts';

/**
 * The expression a parsed Find or Hide text applies: one that does not parse applies as none, so
 * the map stays whole (the toolbar says what is wrong with it).
 */
export function applicable(r: ParseResult): Expr | null {
  return r.ok ? r.expr : null;
}
