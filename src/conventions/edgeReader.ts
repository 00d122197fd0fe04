/**
 * The edge of one sample, read by the roles of a convention: `EdgeReader` over a `ReaderSpec`
 * (the label names behind the roles, resolved once per convention and query kind). rows.ts
 * makes the rows of a whole answer with it.
 */
import type { InstantSample } from '../prometheus/types.ts';
import type { LatencyRow, RateRow, StatusClass } from '../graph/types.ts';
import { labelOf, sideOf } from './types.ts';
import type { Convention, ConventionSide, QueryKind } from './types.ts';
import type { ProblemSink } from './sampleProblems.ts';

export type Labels = Readonly<Record<string, string>>;
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What an `EdgeReader` needs of a convention for one query: the label names behind the roles,
 * resolved once per convention and query kind (a refresh makes several readers per answer).
 */
export interface ReaderSpec {
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

export function specOf(convention: Convention, kind: QueryKind): ReaderSpec {
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
export class EdgeReader {
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

  /** The peer (qualified by its namespace, where it names a service) of the sample `accepts` last accepted. */
  peerService(m: Labels): string {
    return this.peerOf(m);
  }

  /** The peer's datacenter ('' when unknown) of the sample `accepts` last accepted. */
  peerDatacenter(m: Labels): string {
    return this.peerDcOf(m);
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

export function edgeReader(convention: Convention, kind: QueryKind): EdgeReader {
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
