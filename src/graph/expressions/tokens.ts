/**
 * The tokens of a Find / Hide expression. Words are runs of anything but blanks, parentheses,
 * comparison signs and quotes: `checkout*`, `5%`, `-50%`, `500ms`, `and`. Quoted text (`"a b"`,
 * with `\"` and `\\`) is a word that may hold anything. Positions are offsets into the text.
 */

export type Token =
  | { readonly type: 'word'; readonly text: string; readonly at: number; readonly end: number; readonly quoted: boolean }
  | { readonly type: 'op'; readonly text: '>' | '>=' | '<' | '<=' | '=' | '!='; readonly at: number; readonly end: number }
  | { readonly type: '(' | ')'; readonly at: number; readonly end: number }
  | { readonly type: 'end'; readonly at: number; readonly end: number };

export interface TokenError {
  readonly at: number;
  readonly message: string;
}

const WORD_STOP = /[\s()<>=!"]/u;

export function tokenize(text: string): { tokens: Token[] } | { error: TokenError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/u.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { tokens.push({ type: c, at: i, end: i + 1 }); i++; continue; }
    if (c === '>' || c === '<' || c === '=' || c === '!') {
      const two = text.slice(i, i + 2);
      if (two === '>=' || two === '<=' || two === '!=') { tokens.push({ type: 'op', text: two, at: i, end: i + 2 }); i += 2; continue; }
      if (c === '!') return { error: { at: i, message: 'expected "!=" ("!" alone is not an operator; use "not")' } };
      tokens.push({ type: 'op', text: c, at: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"') {
      let out = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text[j];
        if (d === '\\' && j + 1 < text.length) { out += text[j + 1]; j++; continue; }
        if (d === '"') break;
        out += d;
      }
      if (j >= text.length) return { error: { at: i, message: 'expected a closing quote (")' } };
      tokens.push({ type: 'word', text: out, at: i, end: j + 1, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !WORD_STOP.test(text[j] ?? '')) j++;
    tokens.push({ type: 'word', text: text.slice(i, j), at: i, end: j, quoted: false });
    i = j;
  }
  tokens.push({ type: 'end', at: text.length, end: text.length });
  return { tokens };
}

/** Whether a text is written as a bare word (else it is quoted). */
export function isBareWord(text: string): boolean {
  if (text === '') return false;
  for (const c of text) if (WORD_STOP.test(c) || c === '\\') return false;
  return true;
}
