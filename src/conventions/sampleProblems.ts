import type { InstantSample } from '../prometheus/types.ts';
import { MAX_SAMPLE } from '../graph/types.ts';
import type { DataProblem } from '../graph/types.ts';

/** The value of a sample and the problems of bad series: what reading an answer reports, never throws. */

/** 10^0 .. 10^22: every one an exact double. */
const POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);
const EXACT_INT = 2 ** 53;

/**
 * The value of a float as Prometheus writes it (Go `strconv.FormatFloat`): "12.5", "1e-07",
 * "+Inf"; NaN for any other text. `Number()` alone would also accept "", " 3 " and "0x10" (as 0,
 * 3 and 16). By hand, the language of /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ (a regex per
 * sample costs); a text of digits below 2^53 and a power of ten up to 22 is m × 10^e or
 * m / 10^e, one correctly rounded operation on exact doubles, as `Number()` gives it (Clinger's
 * fast path); other texts go through `Number()`.
 */
export function floatValue(raw: string): number {
  const n = raw.length;
  let i = 0;
  let c = raw.charCodeAt(0);
  const negative = c === 45;
  if (c === 43 || c === 45) i++;
  let digits = 0;
  let mantissa = 0;
  let scale = 0;
  while (i < n && (c = raw.charCodeAt(i)) >= 48 && c <= 57) { mantissa = mantissa * 10 + (c - 48); i++; digits++; }
  if (i < n && raw.charCodeAt(i) === 46) {
    i++;
    while (i < n && (c = raw.charCodeAt(i)) >= 48 && c <= 57) { mantissa = mantissa * 10 + (c - 48); i++; digits++; scale--; }
  }
  if (digits === 0) return NaN;
  let exponent = 0;
  if (i < n && ((c = raw.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    const sign = i < n && raw.charCodeAt(i) === 45 ? -1 : 1;
    if (i < n && ((c = raw.charCodeAt(i)) === 43 || c === 45)) i++;
    const start = i;
    while (i < n && (c = raw.charCodeAt(i)) >= 48 && c <= 57) { if (exponent < 1e6) exponent = exponent * 10 + (c - 48); i++; }
    if (i === start) return NaN;
    exponent *= sign;
  }
  if (i !== n) return NaN;
  // While below 2^53 every step of `mantissa` above was exact.
  const e = scale + exponent;
  if (mantissa < EXACT_INT && e >= -22 && e <= 22) {
    const value = e >= 0 ? mantissa * (POWERS[e] as number) : mantissa / (POWERS[-e] as number);
    return negative ? -value : value;
  }
  return Number(raw);
}

export function readValue(sample: InstantSample, collector: ProblemSink, nanAllowed: boolean): number | null {
  const raw: unknown = Array.isArray(sample.value) ? sample.value[1] : undefined;
  if (nanAllowed && raw === 'NaN') return NaN;
  const value = typeof raw === 'string' ? floatValue(raw) : NaN;
  // Above MAX_SAMPLE no rate or latency is real, and sums of such values overflow to Infinity.
  if (!Number.isFinite(value) || value < 0 || value > MAX_SAMPLE) {
    collector.add('bad-sample', shorten(String(raw), 80), sample);
    return null;
  }
  return value;
}

/** Where a walk reports what it rejects. */
export interface ProblemSink {
  add(kind: 'missing-label' | 'bad-sample', detail: string, sample: InstantSample, expected?: string): void;
}

/** For walks over samples already checked: their problems were reported by the first. */
export const SILENT: ProblemSink = { add: () => {} };

/** Counts problems by kind and label/value, keeping one example series each. */
export class ProblemCollector implements ProblemSink {
  // Made with the first problem: most answers have none, and a refresh reads several.
  private byKey: Map<string, DataProblem> | undefined;
  constructor(private readonly query: string) {}

  add(kind: 'missing-label' | 'bad-sample', detail: string, sample: InstantSample, expected?: string): void {
    const key = `${kind}\u0000${detail}`;
    const byKey = (this.byKey ??= new Map());
    const existing = byKey.get(key);
    if (existing && existing.kind === kind) {
      byKey.set(key, { ...existing, count: existing.count + 1 });
      return;
    }
    const example = formatSeries(sample.metric ?? {});
    byKey.set(key, kind === 'missing-label'
      ? { kind, query: this.query, label: detail, count: 1, example, ...(expected === undefined ? {} : { expected }) }
      : { kind, query: this.query, value: detail, count: 1, example });
  }

  problems(): DataProblem[] {
    return this.byKey ? [...this.byKey.values()] : [];
  }
}

/** `{a="x", b="y"}`, shortened: an example for a problem message, never markup. */
export function formatSeries(labels: Readonly<Record<string, string>>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${shorten(k, 80)}=${JSON.stringify(shorten(String(v), 80))}`);
  const text = `{${parts.join(', ')}}`;
  return text.length > 300 ? `${shorten(text, 300)}}` : text;
}

/** At most `max` code points (never half of a surrogate pair), with "…" when cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length > max ? `${points.slice(0, max).join('')}…` : text;
}
