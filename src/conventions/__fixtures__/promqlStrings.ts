/**
 * A tiny PromQL string-literal tokenizer for tests: it splits a query into its string literals
 * (decoded) and the rest (the "skeleton", each literal replaced by `"…"`). Two queries with the
 * same skeleton have the same structure whatever their literals hold, which is how the tests
 * prove that a crafted label value stays data.
 *
 * It follows the PromQL lexer (prometheus/promql/parser/lex.go): literals open with `"`, `'` or
 * a backtick; in the first two a backslash starts an escape and a raw newline is an error; a
 * backtick literal is raw. `#` outside a literal starts a comment, kept in the skeleton.
 */
export interface SplitQuery {
  readonly skeleton: string;
  readonly literals: readonly string[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'",
};

export function splitStringLiterals(query: string): SplitQuery {
  let skeleton = '';
  const literals: string[] = [];
  let i = 0;
  while (i < query.length) {
    const open = query[i] as string;
    if (open !== '"' && open !== "'" && open !== '`') {
      skeleton += open;
      i++;
      continue;
    }
    let value = '';
    i++;
    for (;;) {
      if (i >= query.length) throw new Error(`unterminated string literal in ${JSON.stringify(query)}`);
      const ch = query[i] as string;
      if (ch === open) break;
      if (open !== '`' && ch === '\n') throw new Error('raw newline in a quoted string literal');
      if (open !== '`' && ch === '\\') {
        const next = query[i + 1];
        const decoded = next === undefined ? undefined : SIMPLE_ESCAPES[next];
        if (decoded === undefined || (next === "'" && open === '"') || (next === '"' && open === "'")) {
          throw new Error(`unknown escape sequence \\${next ?? ''}`);
        }
        value += decoded;
        i += 2;
        continue;
      }
      value += ch;
      i++;
    }
    i++;
    literals.push(value);
    skeleton += '"…"';
  }
  return { skeleton, literals };
}
