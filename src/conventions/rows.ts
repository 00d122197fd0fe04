import type { InstantSample } from '../prometheus/types.ts';
import { RunRecorder } from '../graph/rowSource.ts';
import type { RowSource, ServiceRun } from '../graph/rowSource.ts';
import type { DataProblem, LatencyRow, RateRow, StatusClass } from '../graph/types.ts';
import { STATUS_CLASS_LABEL, labelOf, sideOf } from './types.ts';
import type { Convention, ConventionSide, QueryKind } from './types.ts';
import { ProblemCollector, SILENT, readValue } from './sampleProblems.ts';
import type { ProblemSink } from './sampleProblems.ts';

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

type Labels = Readonly<Record<string, string>>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What an `EdgeReader` needs of a convention for one query: the label names behind the roles,
 * resolved once per convention and query kind (a refresh makes several readers per answer).
 */
interface ReaderSpec {
  readonly convention: Convention;
  readonly roles: ConventionSide['roles'];
  readonly service: string;
  readonly datacenter: string;
  readonly peer: string;
  readonly serviceNamespace: string;
  readonly peerNamespace: string;
  readonly peerDatacenter: string;
  /** A sample with neither datacenter label has both ends here ('' = never: see `Convention.homeDatacenter`). */
  readonly home: string;
  readonly egress: boolean;
  readonly peerRequired: boolean;
  readonly peerUnknown: boolean;
  readonly internetPeers: ReadonlySet<string>;
  readonly unknownValues: ReadonlySet<string>;
  readonly virtualNode: Convention['virtualNode'];
  readonly virtualNodeLabel: string;
  readonly failure: { readonly label: string; readonly value: string } | undefined;
}

const SPECS = new WeakMap<Convention, Map<QueryKind, ReaderSpec>>();

function specOf(convention: Convention, kind: QueryKind): ReaderSpec {
  let byKind = SPECS.get(convention);
  if (!byKind) SPECS.set(convention, (byKind = new Map()));
  let spec = byKind.get(kind);
  if (!spec) byKind.set(kind, (spec = makeSpec(convention, kind)));
  return spec;
}

function makeSpec(convention: Convention, kind: QueryKind): ReaderSpec {
  const side = sideOf(convention, kind);
  const r = side.roles;
  const egress = kind === 'egressRate' || kind === 'egressLatency';
  const vn = convention.virtualNode;
  const failure = side.outcome.kind === 'status-code' ? side.outcome.failure : undefined;
  return {
    convention,
    roles: r,
    service: labelOf(convention, r.service),
    datacenter: labelOf(convention, r.datacenter),
    peer: labelOf(convention, r.peerService),
    serviceNamespace: labelOf(convention, r.serviceNamespace),
    peerNamespace: labelOf(convention, r.peerNamespace),
    peerDatacenter: labelOf(convention, r.peerDatacenter),
    home: r.datacenter !== undefined && r.peerDatacenter !== undefined ? (convention.homeDatacenter ?? '') : '',
    egress,
    peerRequired: egress && r.peerService !== undefined,
    peerUnknown: r.peerService === undefined,
    internetPeers: new Set(convention.internetPeers),
    unknownValues: new Set(convention.unknownValues ?? []),
    virtualNode: vn,
    virtualNodeLabel: vn ? labelOf(convention, vn.role) : '',
    failure: failure ? { label: labelOf(convention, failure.role), value: failure.value } : undefined,
  };
}

// '' = the role is absent or unused: the value reads as ''.
const get = (m: Labels, name: string): string => (name === '' ? '' : (m[name] ?? ''));

/**
 * Reads the edge of one sample. The label names behind the roles are resolved once per convention
 * and query (`ReaderSpec`), not per sample: a refresh of a large platform has hundreds of
 * thousands of samples. A class, not closures: a build makes several readers per answer.
 */
class EdgeReader {
  // The service, datacenter and peer of the sample `accepts` last read: the row of that sample
  // reuses them (a label read by a name the code does not know is a slow, generic property load).
  private s = '';
  private dc = '';
  private p = '';
  // Both ends in the home datacenter (the sample had neither datacenter label).
  private home = false;

  constructor(private readonly spec: ReaderSpec) {}

  /** Whether the sample is an edge this side shows (a missing label is reported). */
  accepts(m: Labels, sample: InstantSample, collector: ProblemSink): boolean {
    const spec = this.spec;
    // The labels every sample has, each read at a site of its own: a site that reads one name
    // stays fast, where `get`, shared by several names, goes through the generic lookup.
    const s = (this.s = spec.service === '' ? '' : (m[spec.service] ?? ''));
    const p = (this.p = spec.peer === '' ? '' : (m[spec.peer] ?? ''));
    let dc = spec.datacenter === '' ? '' : (m[spec.datacenter] ?? '');
    this.home = dc === '' && spec.home !== '' && m[spec.peerDatacenter] === undefined;
    if (this.home) dc = spec.home;
    this.dc = dc;
    const vn = spec.virtualNode;
    if (vn && get(m, spec.virtualNodeLabel) === vn.value) {
      // One end is not instrumented: drop the view that end would give (it is drawn from the
      // other, and the virtual end has no datacenter label).
      const callerVirtual = (spec.egress ? s : p) === vn.unnamedCaller;
      if (spec.egress === callerVirtual) return false;
    }
    const r = spec.roles;
    const missing = !s ? r.service : !dc ? r.datacenter : spec.peerRequired && !p ? r.peerService : null;
    if (missing !== null && missing !== undefined) {
      const [named, role] = labelSource(spec.convention, missing);
      collector.add('missing-label', labelOf(named, role), sample, expectedLabel(named, role));
      return false;
    }
    return true;
  }

  /** The datacenter of the sample `accepts` last accepted. */
  datacenter(): string {
    return this.dc;
  }

  /** The service (qualified by its namespace) of the sample `accepts` last accepted. */
  service(m: Labels): string {
    return qualified(this.s, get(m, this.spec.serviceNamespace));
  }

  /** The failure marker of the outcome (e.g. Linkerd `classification="failure"`) is set. */
  failed(m: Labels): boolean {
    const failure = this.spec.failure;
    return failure !== undefined && get(m, failure.label) === failure.value;
  }

  /** The rate row of the sample `accepts` last accepted. */
  rateRow(m: Labels, statusClass: StatusClass, value: number): RateRow {
    const svc = this.service(m);
    const peerService = this.peerOf(m);
    const peerDc = this.peerDcOf(m);
    const dc = this.dc;
    return this.spec.peerUnknown
      ? { datacenter: dc, service: svc, peerService, peerDatacenter: peerDc, peerUnknown: true, statusClass, value }
      : { datacenter: dc, service: svc, peerService, peerDatacenter: peerDc, statusClass, value };
  }

  /** The latency row of the sample `accepts` last accepted. */
  latencyRow(m: Labels, value: number): LatencyRow {
    const svc = this.service(m);
    const peerService = this.peerOf(m);
    const peerDc = this.peerDcOf(m);
    const dc = this.dc;
    return this.spec.peerUnknown
      ? { datacenter: dc, service: svc, peerService, peerDatacenter: peerDc, peerUnknown: true, value }
      : { datacenter: dc, service: svc, peerService, peerDatacenter: peerDc, value };
  }

  /** `rateRow` written into `row` (a row `rateRow` made): the same keys, in the same order. */
  setRateRow(row: Mutable<RateRow>, m: Labels, statusClass: StatusClass, value: number): void {
    row.datacenter = this.dc;
    row.service = this.service(m);
    row.peerService = this.peerOf(m);
    row.peerDatacenter = this.peerDcOf(m);
    row.statusClass = statusClass;
    row.value = value;
  }

  /** `latencyRow` written into `row` (a row `latencyRow` made). */
  setLatencyRow(row: Mutable<LatencyRow>, m: Labels, value: number): void {
    row.datacenter = this.dc;
    row.service = this.service(m);
    row.peerService = this.peerOf(m);
    row.peerDatacenter = this.peerDcOf(m);
    row.value = value;
  }

  private peerOf(m: Labels): string {
    const p = this.p;
    const spec = this.spec;
    return !spec.egress && (p === '' || spec.internetPeers.has(p)) ? p : qualified(p, get(m, spec.peerNamespace));
  }

  private peerDcOf(m: Labels): string {
    if (this.home) return this.spec.home;
    const name = this.spec.peerDatacenter;
    const v = name === '' ? '' : (m[name] ?? '');
    return this.spec.unknownValues.has(v) ? '' : v;
  }
}

function edgeReader(convention: Convention, kind: QueryKind): EdgeReader {
  return new EdgeReader(specOf(convention, kind));
}

/** `name.namespace`, or the name alone when there is no namespace. */
function qualified(name: string, namespace: string): string {
  return name !== '' && namespace !== '' ? `${name}.${namespace}` : name;
}

/** The convention and role a role of `convention` reads, in the series the user has. */
function labelSource(convention: Convention, role: string): [Convention, string] {
  const from = convention.rewrittenFrom;
  const original = from?.roles.get(role);
  return from && original !== undefined ? [from.convention, original] : [convention, role];
}

/** How a problem names the label the config expects, e.g. `service label "app" (convention istio, overridden)`. */
export function expectedLabel(convention: Convention, role: string): string {
  const overridden = convention.overridden?.includes(role) ? ', overridden' : '';
  return `${role} label "${labelOf(convention, role)}" (convention ${convention.name}${overridden})`;
}
