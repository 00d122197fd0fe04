import type { InstantSample } from '../prometheus/types.ts';
import { RunRecorder } from '../graph/rowSource.ts';
import type { RowSource, ServiceRun } from '../graph/rowSource.ts';
import type { DataProblem, LatencyRow, RateRow, StatusClass } from '../graph/types.ts';
import { STATUS_CLASS_LABEL } from './types.ts';
import type { Convention, QueryKind } from './types.ts';
import { ProblemCollector, SILENT, readValue } from './sampleProblems.ts';
import type { ProblemSink } from './sampleProblems.ts';
import { edgeReader, EdgeReader, specOf } from './edgeReader.ts';
import type { Labels, Mutable, ReaderSpec } from './edgeReader.ts';

export interface RowsResult<R> {
  readonly rows: R[];
  readonly problems: DataProblem[];
}

/** A query's answer read once: its problems, and its rows as a source that makes them on each visit. */
export interface ReadRows<R> {
  readonly source: RowSource<R>;
  /** The number of rows the source visits. */
  readonly size: number;
  readonly problems: DataProblem[];
}

// A Map: a stray label value such as "toString" must not find Object.prototype.
const CLASSES: ReadonlyMap<string, StatusClass> = new Map(['1xx', '2xx', '3xx', '4xx', '5xx'].map((c) => [c, c as StatusClass]));

/**
 * Turns the samples of a rate query into rows, reporting (not throwing on) bad series. The rows
 * are appended to `rows` when given.
 */
export function toRateRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[], rows: RateRow[] = []): RowsResult<RateRow> {
  const collector = new ProblemCollector(kind);
  const reader = edgeReader(convention, kind);
  walk(reader, samples, collector, null, false, (m, value) => rows.push(rateRowOf(reader, m, value)));
  return { rows, problems: collector.problems() };
}

/** Turns the samples of a latency query into rows (appended to `rows` when given); NaN (no requests in the window) is kept. */
export function toLatencyRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[], rows: LatencyRow[] = []): RowsResult<LatencyRow> {
  const collector = new ProblemCollector(kind);
  const reader = edgeReader(convention, kind);
  walk(reader, samples, collector, null, true, (m, value) => rows.push(reader.latencyRow(m, value)));
  return { rows, problems: collector.problems() };
}

/**
 * `toRateRows` without keeping the rows: the samples are checked now (problems, and the value of
 * each, kept in one array), and the source makes each row again when it is visited. What
 * the app reads on each refresh: the graph is built from the source, and no row outlives its visit.
 */
export function readRateRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[]): ReadRows<RateRow> {
  const spec = specOf(convention, kind);
  // The services of the rate rows are asked for before the rows (which services report): recorded now.
  const runs = new RunRecorder();
  const { values, size, problems } = check(spec, kind, samples, false, runs);
  return { source: new RateAnswer(spec, samples, values, runs), size, problems };
}

/** `toLatencyRows` without keeping the rows (see `readRateRows`). */
export function readLatencyRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[]): ReadRows<LatencyRow> {
  const spec = specOf(convention, kind);
  const { values, size, problems } = check(spec, kind, samples, true, null);
  return { source: new LatencyAnswer(spec, samples, values), size, problems };
}

/**
 * The rows of a checked answer, made as they are visited (see `readRateRows`). A class, not
 * closures: a refresh reads four answers, and each closure made is an object (and, under tsx's
 * `keepNames`, a property definition) per answer and refresh.
 */
abstract class AnswerRows<R> implements RowSource<R> {
  constructor(private readonly spec: ReaderSpec, private readonly samples: readonly InstantSample[], private readonly values: Values) {}

  /** The row of the sample `reader.accepts` last accepted. */
  protected abstract make(reader: EdgeReader, m: Labels, value: number): R;
  /** `make` written into a row `make` made (see `RowSource.forEach`). */
  protected abstract remake(reader: EdgeReader, row: Mutable<R>, m: Labels, value: number): void;

  forEach(visit: (row: R) => void): void {
    const { samples, values } = this;
    // A reader of its own: a visit may start while another is under way (nothing shared but the samples).
    const reader = new EdgeReader(this.spec);
    let row: R | undefined;
    // Its own loop, not `walk`: the values are known, and only the labels are read again.
    for (let i = 0; i < samples.length; i++) {
      const value = values[i] as number;
      if (value === REJECTED) continue;
      const sample = samples[i] as InstantSample;
      const m = sample.metric ?? {};
      reader.accepts(m, sample, SILENT);
      // One row object for the whole visit, rewritten for each sample: a row per sample and
      // visit is most of what a build allocates besides the answers (see `RowSource.forEach`).
      if (row === undefined) row = this.make(reader, m, value);
      else this.remake(reader, row as Mutable<R>, m, value);
      visit(row);
    }
  }

  /** The row read from sample `i`, made anew (a reader of its own). */
  protected rowAt(i: number): R {
    const reader = new EdgeReader(this.spec);
    const sample = this.samples[i] as InstantSample;
    const m = sample.metric ?? {};
    reader.accepts(m, sample, SILENT);
    return this.make(reader, m, this.values[i] as number);
  }
}

class RateAnswer extends AnswerRows<RateRow> {
  constructor(spec: ReaderSpec, samples: readonly InstantSample[], values: Values, private readonly runs: RunRecorder) {
    super(spec, samples, values);
  }

  protected make(reader: EdgeReader, m: Labels, value: number): RateRow {
    return rateRowOf(reader, m, value);
  }

  protected remake(reader: EdgeReader, row: Mutable<RateRow>, m: Labels, value: number): void {
    reader.setRateRow(row, m, statusClassOf(reader, m), value);
  }

  /** The runs recorded when the answer was checked (see `RowSource.forEachRun`). */
  forEachRun(visit: (run: ServiceRun<RateRow>) => void): void {
    this.runs.forEach((i) => this.rowAt(i), visit);
  }
}

class LatencyAnswer extends AnswerRows<LatencyRow> {
  protected make(reader: EdgeReader, m: Labels, value: number): LatencyRow {
    return reader.latencyRow(m, value);
  }

  protected remake(reader: EdgeReader, row: Mutable<LatencyRow>, m: Labels, value: number): void {
    reader.setLatencyRow(row, m, value);
  }
}

/**
 * The first walk of `readRateRows`: problems counted, the value of each sample (or REJECTED) kept,
 * and the runs of rows of one service recorded when `runs` is given. (`walk`'s loop, without a
 * visitor to make.)
 */
function check(
  spec: ReaderSpec, kind: QueryKind, samples: readonly InstantSample[], nanAllowed: boolean, runs: RunRecorder | null,
): { values: Values; size: number; problems: DataProblem[] } {
  const collector = new ProblemCollector(kind);
  // Exactly the size needed (an array grown by pushing allocates about twice the final size),
  // a typed array for all but the smallest answers (whose buffer costs more than the values).
  const values: Values = samples.length > 16 ? new Float64Array(samples.length) : new Array<number>(samples.length).fill(REJECTED);
  const reader = new EdgeReader(spec);
  let size = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as InstantSample;
    const m = sample.metric ?? {};
    const value = reader.accepts(m, sample, collector) ? readValue(sample, collector, nanAllowed) : null;
    values[i] = value ?? REJECTED;
    if (value === null) continue;
    size++;
    if (runs) runs.add(i, reader.datacenter(), reader.service(m));
  }
  return { values, size, problems: collector.problems() };
}

/** The rate row of the sample `reader.accepts` last accepted. */
function rateRowOf(reader: EdgeReader, m: Labels, value: number): RateRow {
  return reader.rateRow(m, statusClassOf(reader, m), value);
}

/** The status class of the sample `reader.accepts` last accepted. */
function statusClassOf(reader: EdgeReader, m: Labels): StatusClass {
  const cls = m[STATUS_CLASS_LABEL];
  const statusClass = (cls === undefined ? undefined : CLASSES.get(cls)) ?? 'none';
  // A failure marker turns an answer that looks fine (a gRPC error behind a 200) into a 5xx.
  const failedAnswer = (statusClass === '1xx' || statusClass === '2xx' || statusClass === '3xx') && reader.failed(m);
  return failedAnswer ? '5xx' : statusClass;
}

/** The value of each sample of an answer, by index. */
type Values = Float64Array | number[];

/** What `values` holds for a sample that makes no row (values are >= 0, or NaN). */
const REJECTED = -1;

/**
 * Visits the samples that make a row, checking labels and value and reporting problems; the value
 * of each sample (or REJECTED) is written to `values` when given.
 */
function walk(
  reader: EdgeReader, samples: readonly InstantSample[], problems: ProblemSink, values: Values | null,
  nanAllowed: boolean, visit: (m: Labels, value: number, index: number) => void,
): void {
  // Indexed: an array iterator can cost an object per sample where the compiler keeps it.
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as InstantSample;
    const m = sample.metric ?? {};
    const value = reader.accepts(m, sample, problems) ? readValue(sample, problems, nanAllowed) : null;
    if (values) values[i] = value ?? REJECTED;
    if (value !== null) visit(m, value, i);
  }
}
