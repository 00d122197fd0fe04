/**
 * A Prometheus histogram that takes many observations at once (`add(labels, byBucket)`), for
 * the exporters that simulate thousands of requests a second: prom-client's Histogram observes
 * one value per call. It registers like any prom-client metric (`get()` in prom-client's shape),
 * so the registry writes it in the text format with `_bucket`, `_sum` and `_count`.
 */
import type { Registry } from 'prom-client';

interface Series {
  readonly labels: Readonly<Record<string, string>>;
  /** Non-cumulative counts per bucket, the last one above the last bound. */
  readonly counts: number[];
  sum: number;
}

export interface BulkHistogramOptions<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  /** Upper bounds, ascending, without +Inf. */
  readonly buckets: readonly number[];
  /** One value inside each bucket (and one above the last bound), for `_sum`. */
  readonly representatives: readonly number[];
  readonly registers: readonly Registry[];
}

export class BulkHistogram<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(private readonly opts: BulkHistogramOptions<L>) {
    this.name = opts.name;
    this.help = opts.help;
    for (const r of opts.registers) r.registerMetric(this as never);
  }

  /** Adds `byBucket[b]` observations to bucket b of the series with these labels. */
  add(labels: Readonly<Record<L, string>>, byBucket: readonly number[]): void {
    const key = this.opts.labelNames.map((n) => labels[n]).join('\u0000');
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, counts: new Array<number>(this.opts.buckets.length + 1).fill(0), sum: 0 };
      this.series.set(key, s);
    }
    for (let b = 0; b < s.counts.length; b++) {
      const n = byBucket[b] ?? 0;
      if (n <= 0) continue;
      s.counts[b] = (s.counts[b] ?? 0) + n;
      s.sum += n * (this.opts.representatives[b] ?? 0);
    }
  }

  /** prom-client's metric shape: `_bucket` per bound (cumulative, `le` first), `_sum`, `_count`. */
  get(): { name: string; help: string; type: string; aggregator: string; values: { labels: Record<string, string | number>; value: number; metricName: string }[] } {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let b = 0; b < s.counts.length; b++) {
        cumulative += s.counts[b] ?? 0;
        const le = this.opts.buckets[b] ?? '+Inf';
        values.push({ labels: { le, ...s.labels }, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { ...s.labels }, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...s.labels }, value: cumulative, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
