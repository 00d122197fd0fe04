import type { InstantSample } from '../prometheus/types.ts';
import type { RowSource, ServiceRun } from '../graph/rowSource.ts';
import type { DataProblem, LatencyRow, RateRow, StatusClass } from '../graph/types.ts';
import { STATUS_CLASS_LABEL } from './types.ts';
import type { Convention, QueryKind } from './types.ts';
import { ProblemCollector, readValue } from './sampleProblems.ts';
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


/**
 * Turns the samples of a rate query into rows, reporting (not throwing on) bad series. The rows
 * are appended to `rows` when given.
 */
export function toRateRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[], rows: RateRow[] = []): RowsResult<RateRow> {
  const collector = new ProblemCollector(kind);
  const reader = edgeReader(convention, kind);
  walk(reader, samples, collector, false, (m, value) => rows.push(rateRowOf(reader, m, value)));
  return { rows, problems: collector.problems() };
}

/** Turns the samples of a latency query into rows (appended to `rows` when given); NaN (no requests in the window) is kept. */
export function toLatencyRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[], rows: LatencyRow[] = []): RowsResult<LatencyRow> {
  const collector = new ProblemCollector(kind);
  const reader = edgeReader(convention, kind);
  walk(reader, samples, collector, true, (m, value) => rows.push(reader.latencyRow(m, value)));
  return { rows, problems: collector.problems() };
}

/**
 * `toRateRows` without keeping the rows: the samples are checked now (problems, and the labels and
 * value of each kept in columns: one array per field, no object per sample), and the source makes
 * each row again from them when it is visited. What the app reads on each refresh: the graph is
 * built from the source, no row outlives its visit, and each sample's labels are read once.
 */
export function readRateRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[]): ReadRows<RateRow> {
  const spec = specOf(convention, kind);
  const { columns, size, problems } = check(spec, kind, samples, false);
  return { source: new RateAnswer(columns, spec.peerUnknown), size, problems };
}

/** `toLatencyRows` without keeping the rows (see `readRateRows`). */
export function readLatencyRows(convention: Convention, kind: QueryKind, samples: readonly InstantSample[]): ReadRows<LatencyRow> {
  const spec = specOf(convention, kind);
  const { columns, size, problems } = check(spec, kind, samples, true);
  return { source: new AnswerRows<LatencyRow>(columns, spec.peerUnknown), size, problems };
}

/**
 * The rows of a checked answer, as columns (index: the row's, in the answer's order; rejected
 * samples are left out). The labels are the strings of the answer (a qualified name excepted):
 * kept here, they keep no sample object alive.
 */
export class Columns {
  readonly datacenters: string[];
  readonly services: string[];
  readonly peers: string[];
  readonly peerDatacenters: string[];
  /** The status class of each row (rate answers; its index in `CLASS_OF`). */
  readonly classes: number[];
  readonly values: number[];
  /** The number of rows (the arrays may be longer: made for every sample of the answer). */
  size = 0;

  /**
   * Room for `n` rows: each array made once at that size (one grown by pushing copies itself as it
   * grows). Plain arrays: a typed array's buffer costs more to make than a focus view's few values.
   */
  constructor(n: number, rate: boolean) {
    this.datacenters = new Array<string>(n);
    this.services = new Array<string>(n);
    this.peers = new Array<string>(n);
    this.peerDatacenters = new Array<string>(n);
    this.classes = new Array<number>(rate ? n : 0);
    this.values = new Array<number>(n);
  }
}

const CLASS_OF: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'];
const CLASS_INDEX: ReadonlyMap<StatusClass, number> = new Map(CLASS_OF.map((c, i) => [c, i]));
const NO_CLASS = CLASS_OF.length - 1;

/**
 * The index in `CLASS_OF` of a status class label's value: "1xx" to "5xx" at 0 to 4 (`CLASS_OF`
 * lists them first, in order), anything else at 'none'. Compared by character, not looked up:
 * a stray value such as "toString" finds nothing, and a refresh reads thousands.
 */
export function classIndex(text: string): number {
  if (text.length === 3 && text.charCodeAt(1) === 120 && text.charCodeAt(2) === 120) {
    const digit = text.charCodeAt(0) - 49;
    if (digit >= 0 && digit < 5) return digit;
  }
  return NO_CLASS;
}

/**
 * The rows of a checked answer, made as they are visited (see `readRateRows`). A class, not
 * closures: a refresh reads four answers, and each closure made is an object (and, under tsx's
 * `keepNames`, a property definition) per answer and refresh.
 */
export class AnswerRows<R extends RateRow | LatencyRow> implements RowSource<R> {
  constructor(protected readonly columns: Columns, private readonly peerUnknown: boolean) {}

  /** The row at `i`, made anew (its status class on rate answers). */
  rowAt(i: number): R {
    const c = this.columns;
    const row: Mutable<LatencyRow & Partial<RateRow>> = {
      datacenter: c.datacenters[i] as string, service: c.services[i] as string,
      peerService: c.peers[i] as string, peerDatacenter: c.peerDatacenters[i] as string, value: c.values[i] as number,
    };
    if (this.peerUnknown) row.peerUnknown = true;
    if (c.classes.length > 0) row.statusClass = CLASS_OF[c.classes[i] as number] as StatusClass;
    return row as R;
  }

  forEach(visit: (row: R) => void): void {
    const c = this.columns;
    const n = c.size;
    if (n === 0) return;
    // One row object for the whole visit, rewritten for each row: a row per sample and visit is
    // most of what a build allocates besides the answers (see `RowSource.forEach`).
    const row = this.rowAt(0) as Mutable<R>;
    visit(row);
    const { datacenters, services, peers, peerDatacenters, classes, values } = c;
    const rate = classes.length > 0;
    for (let i = 1; i < n; i++) {
      row.datacenter = datacenters[i] as string;
      row.service = services[i] as string;
      row.peerService = peers[i] as string;
      row.peerDatacenter = peerDatacenters[i] as string;
      if (rate) (row as Mutable<RateRow>).statusClass = CLASS_OF[classes[i] as number] as StatusClass;
      row.value = values[i] as number;
      visit(row);
    }
  }
}

export class RateAnswer extends AnswerRows<RateRow> {
  /** The runs of rows of one service (see `RowSource.forEachRun`), from the columns. */
  forEachRun(visit: (run: ServiceRun<RateRow>) => void): void {
    const { datacenters, services, size } = this.columns;
    let start = 0;
    for (let i = 1; i <= size; i++) {
      if (i < size && datacenters[i] === datacenters[start] && services[i] === services[start]) continue;
      visit(new ColumnRun(this, datacenters[start] as string, services[start] as string, start, i - start));
      start = i;
    }
  }
}

/** A run of rows of a `RateAnswer`: its first row made when asked for. */
class ColumnRun implements ServiceRun<RateRow> {
  constructor(
    private readonly answer: RateAnswer, readonly datacenter: string, readonly service: string,
    private readonly start: number, readonly rows: number,
  ) {}

  first(): RateRow {
    return this.answer.rowAt(this.start);
  }
}

/**
 * The one walk of `readRateRows`: problems counted, and the labels and value of each accepted
 * sample kept in columns (the status class on rate answers). (`walk`'s loop, without a visitor.)
 */
function check(
  spec: ReaderSpec, kind: QueryKind, samples: readonly InstantSample[], latency: boolean,
): { columns: Columns; size: number; problems: DataProblem[] } {
  const collector = new ProblemCollector(kind);
  const reader = new EdgeReader(spec);
  const columns = new Columns(samples.length, !latency);
  const { datacenters, services, peers, peerDatacenters, classes, values } = columns;
  let k = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as InstantSample;
    const m = sample.metric ?? {};
    const value = reader.accepts(m, sample, collector) ? readValue(sample, collector, latency) : null;
    if (value === null) continue;
    datacenters[k] = reader.datacenter();
    services[k] = reader.service(m);
    peers[k] = reader.peerService(m);
    peerDatacenters[k] = reader.peerDatacenter(m);
    if (!latency) classes[k] = CLASS_INDEX.get(statusClassOf(reader, m)) as number;
    values[k] = value;
    k++;
  }
  columns.size = k;
  return { columns, size: k, problems: collector.problems() };
}

/** The rate row of the sample `reader.accepts` last accepted. */
function rateRowOf(reader: EdgeReader, m: Labels, value: number): RateRow {
  return reader.rateRow(m, statusClassOf(reader, m), value);
}

/** The status class of the sample `reader.accepts` last accepted. */
function statusClassOf(reader: EdgeReader, m: Labels): StatusClass {
  const cls: unknown = m[STATUS_CLASS_LABEL];
  const statusClass = CLASS_OF[typeof cls === 'string' ? classIndex(cls) : NO_CLASS] as StatusClass;
  // A failure marker turns an answer that looks fine (a gRPC error behind a 200) into a 5xx.
  const failedAnswer = (statusClass === '1xx' || statusClass === '2xx' || statusClass === '3xx') && reader.failed(m);
  return failedAnswer ? '5xx' : statusClass;
}

/**
 * Visits the samples that make a row, checking labels and value and reporting problems; the value
 * of each sample (or REJECTED) is written to `values` when given.
 */
function walk(
  reader: EdgeReader, samples: readonly InstantSample[], problems: ProblemSink,
  nanAllowed: boolean, visit: (m: Labels, value: number, index: number) => void,
): void {
  // Indexed: an array iterator can cost an object per sample where the compiler keeps it.
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as InstantSample;
    const m = sample.metric ?? {};
    const value = reader.accepts(m, sample, problems) ? readValue(sample, problems, nanAllowed) : null;
    if (value !== null) visit(m, value, i);
  }
}
