import { parseExpression } from '../graph/expressions/parse.ts';
import type { ParseResult } from '../graph/expressions/parse.ts';
import type { Expr } from '../graph/expressions/ast.ts';
import type { Filters } from './urlState.ts';

/** The URL's Find and Hide texts, parsed. Pure; run once per change of the texts. */
export interface ParsedFilters {
  readonly find: ParseResult;
  readonly hide: ParseResult;
}

export function parseFilters(filters: Filters): ParsedFilters {
  return { find: parseExpression(filters.find), hide: parseExpression(filters.hide) };
}

/** The expression to apply: one that does not parse applies as none (the map stays whole). */
export function applicable(r: ParseResult): Expr | null {
  return r.ok ? r.expr : null;
}
