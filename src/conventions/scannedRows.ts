/**
 * The rows of an answer read from its text (prometheus/vectorText.ts): what `readRateRows` and
 * `readLatencyRows` make of the same answer parsed, without an object per sample. Only answers
 * in which every sample is a plain edge are read so; any sample those readers would report or
 * drop (a missing label, a bad value) sends the whole answer back to them, so that problems are
 * reported the one way.
 */
import { MAX_SAMPLE } from '../graph/types.ts';
import type { LatencyRow, RateRow } from '../graph/types.ts';
import { scanVector } from '../prometheus/vectorText.ts';
import type { VectorColumns } from '../prometheus/vectorText.ts';
import { specOf } from './edgeReader.ts';
import type { ReaderSpec } from './edgeReader.ts';
import { AnswerRows, classIndex, Columns, RateAnswer } from './rows.ts';
import type { ReadRows } from './rows.ts';
import { STATUS_CLASS_LABEL } from './types.ts';
import type { Convention, QueryKind } from './types.ts';

/** What a scan of one convention's answers to one query reads: the labels, and where each role's is. */
export interface ScanPlan {
  readonly spec: ReaderSpec;
  readonly latency: boolean;
  /** The label names to scan for (roles without a label are left out). */
  readonly labels: readonly string[];
  /** The index in `labels` of each role's label, -1 when the role has none. */
  readonly service: number;
  readonly peer: number;
  readonly datacenter: number;
  readonly peerDatacenter: number;
  readonly statusClass: number;
}

const PLANS = new WeakMap<ReaderSpec, ScanPlan | null>();

/**
 * The plan for scanning `convention`'s answers to `kind`, or null when they must be read sample
 * by sample: a convention with namespaces, a virtual node or a failure marker (a view's
 * conventions have no namespaces; Linkerd keeps its failure marker, the OTel service graph its
 * virtual node).
 */
export function scanPlan(convention: Convention, kind: QueryKind): ScanPlan | null {
  const spec = specOf(convention, kind);
  let plan = PLANS.get(spec);
  if (plan === undefined) PLANS.set(spec, (plan = makePlan(spec, kind === 'egressLatency' || kind === 'ingressLatency')));
  return plan;
}

function makePlan(spec: ReaderSpec, latency: boolean): ScanPlan | null {
  if (spec.virtualNode || spec.failure || spec.serviceNamespace !== '' || spec.peerNamespace !== '') return null;
  const labels: string[] = [];
  const at = (name: string): number => {
    if (name === '') return -1;
    const i = labels.indexOf(name);
    return i >= 0 ? i : labels.push(name) - 1;
  };
  return {
    spec, latency, labels,
    service: at(spec.service), peer: at(spec.peer), datacenter: at(spec.datacenter), peerDatacenter: at(spec.peerDatacenter),
    statusClass: latency ? -1 : at(STATUS_CLASS_LABEL),
  };
}

/** The rows of a rate answer read by `plan`, or null when a sample needs `readRateRows`. */
export function scannedRateRows(plan: ScanPlan, scanned: VectorColumns): ReadRows<RateRow> | null {
  const columns = fill(plan, scanned);
  return columns && { source: new RateAnswer(columns, plan.spec.peerUnknown), size: columns.size, problems: [] };
}

/** The rows of a latency answer read by `plan`, or null when a sample needs `readLatencyRows`. */
export function scannedLatencyRows(plan: ScanPlan, scanned: VectorColumns): ReadRows<LatencyRow> | null {
  const columns = fill(plan, scanned);
  return columns && { source: new AnswerRows<LatencyRow>(columns, plan.spec.peerUnknown), size: columns.size, problems: [] };
}

const NONE: readonly string[] = [];
/**
 * `check` of rows.ts on scanned columns: the same row for every sample (EdgeReader's `accepts`,
 * `peerService`, `peerDatacenter`, `statusClassOf` and `readValue`, for a plan's conventions),
 * or null at the first sample they would reject. A scanned label is never '' when present, so
 * '' reads as "no such label" as `m[name] ?? ''` does.
 */
function fill(plan: ScanPlan, scanned: VectorColumns): Columns | null {
  const { spec, latency } = plan;
  const n = scanned.size;
  const column = (i: number): readonly string[] => (i < 0 ? NONE : (scanned.labels[i] as readonly string[]));
  const svc = column(plan.service);
  const peer = column(plan.peer);
  const dcs = column(plan.datacenter);
  const pdcs = column(plan.peerDatacenter);
  const cls = column(plan.statusClass);
  const { home, peerRequired, unknownValues, roles } = spec;
  const out = new Columns(n, !latency);
  const { datacenters, services, peers, peerDatacenters, classes, values } = out;
  for (let i = 0; i < n; i++) {
    const s = svc[i] ?? '';
    const p = peer[i] ?? '';
    const pdc = pdcs[i] ?? '';
    const atHome = home !== '' && pdc === '' && (dcs[i] ?? '') === '';
    const dc = atHome ? home : (dcs[i] ?? '');
    // A missing label (of a role the convention has) is reported by `accepts`.
    const missing = s === '' ? roles.service : dc === '' ? roles.datacenter : peerRequired && p === '' ? roles.peerService : null;
    if (missing !== null && missing !== undefined) return null;
    const value = scanned.values[i] as number;
    if (!(value >= 0 && value <= MAX_SAMPLE) && !(latency && Number.isNaN(value))) return null;
    datacenters[i] = dc;
    services[i] = s;
    peers[i] = p;
    peerDatacenters[i] = atHome ? home : unknownValues.has(pdc) ? '' : pdc;
    if (!latency) classes[i] = classIndex(cls[i] ?? '');
    values[i] = value;
  }
  out.size = n;
  return out;
}

/** An answer's rows read from its text, by the kind of its query. */
export type ScannedAnswer =
  | { readonly kind: 'egressRate' | 'ingressRate'; readonly rows: ReadRows<RateRow> }
  | { readonly kind: 'egressLatency' | 'ingressLatency'; readonly rows: ReadRows<LatencyRow> };

/**
 * The reader of `convention`'s answers to `kind` from their text (null: none, they are parsed):
 * the answer's rows, or null when the text or one of its samples needs the parse.
 */
export function textReader(convention: Convention, kind: QueryKind): ((text: string) => ScannedAnswer | null) | null {
  const plan = scanPlan(convention, kind);
  if (!plan) return null;
  if (kind === 'egressRate' || kind === 'ingressRate') {
    return (text) => {
      const scanned = scanVector(text, plan.labels);
      const rows = scanned && scannedRateRows(plan, scanned);
      return rows && { kind, rows };
    };
  }
  return (text) => {
    const scanned = scanVector(text, plan.labels);
    const rows = scanned && scannedLatencyRows(plan, scanned);
    return rows && { kind, rows };
  };
}
