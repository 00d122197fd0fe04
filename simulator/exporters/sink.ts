/**
 * Where an exporter writes its series: a prom-client registry of one service (the default: one
 * target per service), or a text sink shared by the services of a group (large platforms, see
 * textSink.ts). Exporters ask for their metric families by name; a shared sink hands every
 * service the same family.
 */
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '../../src/mocks/platform/latency.ts';
import { bucketsIn } from '../metrics.ts';
import { BulkHistogram } from './bulkHistogram.ts';

export interface CounterFamily<L extends string> {
  inc(labels: Readonly<Record<L, string>>, n: number): void;
}

export interface HistogramFamily<L extends string> {
  /** Adds `byBucket[b]` observations to bucket b (the sink's buckets, the last one above the last bound). */
  add(labels: Readonly<Record<L, string>>, byBucket: readonly number[]): void;
}

export interface FamilyOptions<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

export interface MetricSink {
  /** The latency bucket bounds, seconds, without +Inf: what the simulation's `byBucket` counts. */
  readonly buckets: readonly number[];
  counter<L extends string>(opts: FamilyOptions<L>): CounterFamily<L>;
  histogram<L extends string>(opts: FamilyOptions<L> & { readonly unit: 'seconds' | 'milliseconds' }): HistogramFamily<L>;
  /** Set when the sink is one service's prom-client registry (the standard exporter runs the documented snippet there). */
  readonly registry?: Registry;
}

/** A sink over one service's prom-client registry, with the model's buckets. */
export function promClientSink(registry: Registry): MetricSink {
  const registers = [registry];
  return {
    buckets: LATENCY_BUCKETS,
    registry,
    counter: (opts) => new Counter({ name: opts.name, help: opts.help, labelNames: opts.labelNames, registers }),
    histogram: (opts) => new BulkHistogram({
      name: opts.name, help: opts.help, labelNames: opts.labelNames, registers, ...bucketsIn(opts.unit, LATENCY_BUCKETS),
    }),
  };
}
