/**
 * A metric sink that writes the Prometheus text format itself, for the large platforms: the
 * services of a group share one sink (one /metrics target), each series keeps its label text
 * rendered once, and an exposition is a join of `prefix value` lines. prom-client renders every
 * label set again at every scrape, which is most of a large target's cost (bench/simulator.bench.ts).
 */
import { bucketsIn } from '../metrics.ts';
import type { CounterFamily, FamilyOptions, HistogramFamily, MetricSink } from './sink.ts';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Family {
  render(out: string[]): void;
}

export class TextSink implements MetricSink {
  readonly contentType = TEXT_CONTENT_TYPE;
  private readonly families = new Map<string, Family & { readonly kind: string }>();

  constructor(readonly buckets: readonly number[]) {}

  counter<L extends string>(opts: FamilyOptions<L>): CounterFamily<L> {
    return this.family(opts.name, 'counter', () => new TextCounter(opts));
  }

  histogram<L extends string>(opts: FamilyOptions<L> & { readonly unit: 'seconds' | 'milliseconds' }): HistogramFamily<L> {
    return this.family(opts.name, 'histogram', () => new TextHistogram(opts, bucketsIn(opts.unit, this.buckets)));
  }

  /** The exposition (async like prom-client's `Registry.metrics`). */
  metrics(): Promise<string> {
    return Promise.resolve(this.text());
  }

  text(): string {
    const out: string[] = [];
    for (const family of this.families.values()) family.render(out);
    return out.join('');
  }

  private family<F extends Family>(name: string, kind: string, create: () => F): F {
    const known = this.families.get(name);
    if (known) {
      if (known.kind !== kind) throw new Error(`metric ${name} is a ${known.kind}, not a ${kind}`);
      return known as unknown as F;
    }
    const family = create();
    this.families.set(name, Object.assign(family, { kind }));
    return family;
  }
}

class TextCounter<L extends string> implements CounterFamily<L>, Family {
  private readonly series = new Map<string, { readonly prefix: string; value: number }>();
  private readonly header: string;

  constructor(private readonly opts: FamilyOptions<L>) {
    this.header = `# HELP ${opts.name} ${escapeHelp(opts.help)}\n# TYPE ${opts.name} counter\n`;
  }

  inc(labels: Readonly<Record<L, string>>, n: number): void {
    const key = keyOf(this.opts.labelNames, labels);
    const s = this.series.get(key);
    if (s) s.value += n;
    else this.series.set(key, { prefix: `${this.opts.name}{${labelText(this.opts.labelNames, labels)}} `, value: n });
  }

  render(out: string[]): void {
    if (this.series.size === 0) return;
    out.push(this.header);
    for (const s of this.series.values()) out.push(s.prefix, String(s.value), '\n');
  }
}

interface HistogramSeries {
  /** `name_bucket{labels,le="x"} ` per bucket, then `name_sum{labels} ` and `name_count{labels} `. */
  readonly prefixes: readonly string[];
  /** Non-cumulative counts per bucket, the last one above the last bound. */
  readonly counts: number[];
  sum: number;
}

class TextHistogram<L extends string> implements HistogramFamily<L>, Family {
  private readonly series = new Map<string, HistogramSeries>();
  private readonly header: string;

  constructor(private readonly opts: FamilyOptions<L>, private readonly bounds: { readonly buckets: readonly number[]; readonly representatives: readonly number[] }) {
    this.header = `# HELP ${opts.name} ${escapeHelp(opts.help)}\n# TYPE ${opts.name} histogram\n`;
  }

  add(labels: Readonly<Record<L, string>>, byBucket: readonly number[]): void {
    const key = keyOf(this.opts.labelNames, labels);
    let s = this.series.get(key);
    if (!s) {
      const text = labelText(this.opts.labelNames, labels);
      const sep = text === '' ? '' : ',';
      const name = this.opts.name;
      s = {
        prefixes: [
          ...[...this.bounds.buckets.map(String), '+Inf'].map((le) => `${name}_bucket{${text}${sep}le="${le}"} `),
          `${name}_sum{${text}} `, `${name}_count{${text}} `,
        ],
        counts: new Array<number>(this.bounds.buckets.length + 1).fill(0), sum: 0,
      };
      this.series.set(key, s);
    }
    for (let b = 0; b < s.counts.length; b++) {
      const n = byBucket[b] ?? 0;
      if (n <= 0) continue;
      s.counts[b] = (s.counts[b] ?? 0) + n;
      s.sum += n * (this.bounds.representatives[b] ?? 0);
    }
  }

  render(out: string[]): void {
    if (this.series.size === 0) return;
    out.push(this.header);
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let b = 0; b < s.counts.length; b++) {
        cumulative += s.counts[b] ?? 0;
        out.push(s.prefixes[b] ?? '', String(cumulative), '\n');
      }
      out.push(s.prefixes[s.counts.length] ?? '', String(s.sum), '\n', s.prefixes[s.counts.length + 1] ?? '', String(cumulative), '\n');
    }
  }
}

function keyOf<L extends string>(names: readonly L[], labels: Readonly<Record<L, string>>): string {
  let key = '';
  for (const n of names) key += `${labels[n]}\u0001`;
  return key;
}

/** `a="x",b="y"` in the order of the label names, values escaped as the text format wants. */
function labelText<L extends string>(names: readonly L[], labels: Readonly<Record<L, string>>): string {
  return names.map((n) => `${n}="${escapeValue(labels[n])}"`).join(',');
}

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
