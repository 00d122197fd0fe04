/**
 * An instant query's vector answer read straight from its text, for a few labels: no object per
 * sample. `JSON.parse` makes one object for every series, one array for every value and one
 * string for every label; a view's answers are mostly such small parts, and most of what reading
 * them costs. Prometheus (and every API that copies it) writes its answers in one compact shape;
 * this reads that shape only and declines (null) anything else, which the caller then parses as
 * JSON: an answer with warnings or infos, with whitespace between the tokens, with an escape in a
 * string, with another key order, or that is no valid JSON at all. One leniency: a control
 * character inside a string, which JSON allows only escaped (and Prometheus escapes), is read as
 * it is rather than refused (looking for one would cost a pass over every answer).
 */
import { floatValue } from './floatText.ts';

/** The labels asked for, a column each, and the values of an answer's samples (in its order). */
export interface VectorColumns {
  /** The number of samples. */
  readonly size: number;
  /** For each label asked for, its value in each sample; '' where the sample has none. */
  readonly labels: readonly (readonly string[])[];
  /** Each sample's value (Prometheus' float text read by `floatValue`); NaN only for "NaN". */
  readonly values: readonly number[];
}

const HEAD = '{"status":"success","data":{"resultType":"vector","result":[';
const METRIC = '{"metric":{';
const VALUE = ',"value":[';
const TAIL = ']}}';
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

/**
 * The columns of `text` for `labels`, or null when `text` is not a success answer of a vector in
 * the compact shape (then `JSON.parse` reads it, and its checks say what is wrong). What it gives
 * is what `JSON.parse` gives for the same text: it declines every string whose reading would
 * need an escape, and every value, timestamp or empty label value the parse and its checks
 * would not read the same way.
 */
export function scanVector(text: string, labels: readonly string[]): VectorColumns | null {
  const end = contentEnd(text);
  if (!text.startsWith(HEAD) || end < HEAD.length + TAIL.length || !text.startsWith(TAIL, end - TAIL.length)) return null;
  if (text.indexOf('\\') >= 0) return null;
  const stop = end - TAIL.length;
  const columns: string[][] = labels.map(() => []);
  const values: number[] = [];
  let size = 0;
  let i = HEAD.length;
  while (i < stop) {
    if (size > 0) {
      if (text.charCodeAt(i) !== COMMA) return null;
      i++;
    }
    if (!text.startsWith(METRIC, i)) return null;
    i += METRIC.length;
    for (const column of columns) column.push('');
    // The label pairs, `"name":"value"` separated by commas: no string holds a quote (no escapes).
    while (text.charCodeAt(i) !== CLOSE_BRACE) {
      if (text.charCodeAt(i) !== QUOTE) return null;
      const nameEnd = text.indexOf('"', i + 1);
      if (nameEnd < 0 || text.charCodeAt(nameEnd + 1) !== COLON || text.charCodeAt(nameEnd + 2) !== QUOTE) return null;
      const valueStart = nameEnd + 3;
      const valueEnd = text.indexOf('"', valueStart);
      // An empty value: Prometheus never sends one, and a reader tells it apart from no label.
      if (valueEnd <= valueStart) return null;
      const k = labelIndex(text, i + 1, nameEnd, labels);
      if (k >= 0) (columns[k] as string[])[size] = text.slice(valueStart, valueEnd);
      i = valueEnd + 1;
      const next = text.charCodeAt(i);
      if (next === COMMA && text.charCodeAt(i + 1) === QUOTE) i++;
      else if (next !== CLOSE_BRACE) return null;
    }
    if (!text.startsWith(VALUE, i + 1)) return null;
    i += 1 + VALUE.length;
    // [timestamp,"value"]}: the timestamp a JSON number (the API's seconds), the value a float text.
    const comma = text.indexOf(',', i);
    if (comma < 0 || !isTimestamp(text, i, comma) || text.charCodeAt(comma + 1) !== QUOTE) return null;
    const valueStart = comma + 2;
    const valueEnd = text.indexOf('"', valueStart);
    if (valueEnd < 0 || text.charCodeAt(valueEnd + 1) !== CLOSE_BRACKET || text.charCodeAt(valueEnd + 2) !== CLOSE_BRACE) return null;
    const raw = text.slice(valueStart, valueEnd);
    const value = floatValue(raw);
    if (Number.isNaN(value) && raw !== 'NaN') return null;
    values.push(value);
    size++;
    i = valueEnd + 3;
  }
  return i === stop ? { size, labels: columns, values } : null;
}

/** Where the text ends but for the blanks JSON allows after it. */
function contentEnd(text: string): number {
  let end = text.length;
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (c === 32 || c === 10 || c === 13 || c === 9) end--;
    else return end;
  }
}

/** The index in `labels` of the name text[start, end), or -1. */
function labelIndex(text: string, start: number, end: number, labels: readonly string[]): number {
  const length = end - start;
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k] as string;
    if (label.length === length && textAt(text, start, label)) return k;
  }
  return -1;
}

/**
 * Whether `part` is in `text` at `start` (`text.startsWith(part, start)`, which is a call into the
 * runtime where this loop is compiled in place: several per sample).
 */
function textAt(text: string, start: number, part: string): boolean {
  for (let j = 0; j < part.length; j++) if (text.charCodeAt(start + j) !== part.charCodeAt(j)) return false;
  return true;
}

/**
 * Whether text[start, end) is a JSON number: an optional minus, digits without a leading zero,
 * an optional fraction and exponent (the API's timestamps, e.g. 1700000000.123).
 */
function isTimestamp(text: string, start: number, end: number): boolean {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  const intStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === intStart || (text.charCodeAt(intStart) === 48 && i - intStart > 1)) return false;
  if (i < end && text.charCodeAt(i) === 46) {
    const fracStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === fracStart) return false;
  }
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    i++;
    if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
    const expStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === expStart) return false;
  }
  return i === end;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
