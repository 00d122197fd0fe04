/**
 * The value of a float as Prometheus writes it (Go `strconv.FormatFloat`): "12.5", "1e-07",
 * "+Inf"; NaN for any other text. The language of /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/,
 * read by `Number()`, checked without a regex (a regex per sample costs): `Number()` reads
 * exactly that language, and besides only blanks around it (any text whose first or last
 * character is a blank, and "" as 0), "Infinity" with its sign, and the integer literals
 * "0x…", "0o…", "0b…" (no sign). So a text that starts with a sign, a digit or a point, ends
 * with a digit or a point and does not start with such a prefix is in the language if
 * `Number()` reads it at all. (Most values are 16-17 digits, so the digits are read once, by
 * `Number()`, not twice.)
 */
export function floatValue(raw: string): number {
  const n = raw.length;
  if (n === 0) return NaN;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(n - 1);
  // 43 '+', 45 '-', 46 '.', 48-57 '0'-'9'
  if (!((last >= 48 && last <= 57) || last === 46)) return NaN;
  if (!((first >= 48 && first <= 57) || first === 46 || first === 43 || first === 45)) return NaN;
  if (first === 48 && n > 1) {
    // 'x', 'o', 'b' in either case ('X' | 32 === 'x')
    const second = raw.charCodeAt(1) | 32;
    if (second === 120 || second === 111 || second === 98) return NaN;
  }
  return Number(raw);
}
