import { floatValue } from '../prometheus/floatText.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { MAX_SAMPLE } from '../graph/types.ts';
import type { DataProblem } from '../graph/types.ts';

/** The value of a sample and the problems of bad series: what reading an answer reports, never throws. */

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
