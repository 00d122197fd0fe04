import type { PeerDirectory } from './peerResolver.ts';
import { runsOf } from './rowSource.ts';
import type { ServiceRun } from './rowSource.ts';
import type { DataProblem, RateRow, TrafficInput } from './types.ts';

/** One end of a call, before it is placed in a view. */
export type Endpoint =
  | { readonly kind: 'internet' }
  | { readonly kind: 'service'; readonly dc: string; readonly name: string }
  /** Not instrumented: a database, a provider outside (dc ''), or a caller we have no metrics of. */
  | { readonly kind: 'external'; readonly dc: string; readonly name: string };

export function endpointKey(e: Endpoint): string {
  return e.kind === 'internet' ? 'internet' : `${e.kind}\u0000${e.dc}\u0000${e.name}`;
}

const SEP = '\u0000';
export const serviceKey = (dc: string, name: string): string => `${dc}${SEP}${name}`;
/** The datacenter and name of a `serviceKey`: split at the first separator (a name may hold one). */
export function splitServiceKey(key: string): [dc: string, name: string] {
  const at = key.indexOf(SEP);
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}

/** The key of a caller->callee pair of endpoints. */
export function edgeEndsKey(source: Endpoint, target: Endpoint): string {
  return `${endpointKey(source)}\u0001${endpointKey(target)}`;
}

/** Which services report metrics, and which of them report what they send. */
export interface Instrumentation {
  readonly services: ReadonlySet<string>;
  readonly senders: ReadonlySet<string>;
  readonly datacenters: ReadonlySet<string>;
}

/**
 * What a `PeerResolver` may ask of a build: the services that report metrics, and the
 * datacenters (`datacenters`: the listed ones, else those seen).
 */
export function directoryOf(inst: Instrumentation, datacenters: { has(dc: string): boolean }): PeerDirectory {
  return new InstrumentedDirectory(inst, datacenters);
}

/** `directoryOf`'s directory (an object with methods, not closures: one is made per build). */
class InstrumentedDirectory implements PeerDirectory {
  constructor(private readonly inst: Instrumentation, private readonly datacenters: { has(dc: string): boolean }) {}

  hasService(dc: string, name: string): boolean {
    return this.inst.services.has(serviceKey(dc, name));
  }

  hasDatacenter(dc: string): boolean {
    return this.datacenters.has(dc);
  }
}

/**
 * `accepted` judges the rows of a run (see `ServiceRun`) by their datacenter (rows of the same
 * service are judged alike); it is asked once for every run it rejects, so it can count its rows.
 * The rate rows are not made: the runs of a read answer were recorded when it was checked.
 */
export function instrumentation(input: TrafficInput, accepted: (run: ServiceRun<RateRow>) => boolean): Instrumentation {
  const found = new InstrumentationFinder(accepted);
  runsOf(input.egressRate, (run) => found.visit(run, true));
  found.dc = undefined;
  found.name = undefined;
  runsOf(input.ingressRate, (run) => found.visit(run, false));
  return { services: found.services, senders: found.senders, datacenters: found.datacenters };
}

/** `instrumentation`'s sets, filled run by run (an object, not a named closure: one per build). */
class InstrumentationFinder {
  readonly services = new Set<string>();
  readonly senders = new Set<string>();
  readonly datacenters = new Set<string>();
  // Runs of one service may follow each other (one per part of a list): skip the keys of a run like the one before.
  dc: string | undefined;
  name: string | undefined;
  /** The services met, by datacenter and name, and whether as senders: no key string made for a service met before. */
  private readonly met = new Map<string, Map<string, boolean>>();

  constructor(private readonly accepted: (run: ServiceRun<RateRow>) => boolean) {}

  visit(run: ServiceRun<RateRow>, sends: boolean): void {
    if (run.datacenter === this.dc && run.service === this.name) return;
    const dc = run.datacenter;
    const name = run.service;
    let byName = this.met.get(dc);
    const sent = byName?.get(name);
    // Met before as it is now (or as a sender, which is also a service): nothing to add.
    if (sent === true || (sent === false && !sends)) return;
    if (!this.accepted(run)) return;
    this.dc = dc;
    this.name = name;
    if (!byName) this.met.set(dc, (byName = new Map()));
    byName.set(name, sends);
    const key = serviceKey(dc, name);
    this.services.add(key);
    if (sends) this.senders.add(key);
    this.datacenters.add(dc);
  }
}

/** Caller and callee of an egress row (the caller's view of the call). */
export function egressEnds(row: RateRow | { datacenter: string; service: string; peerService: string; peerDatacenter: string }, inst: Instrumentation): [Endpoint, Endpoint] {
  const caller: Endpoint = { kind: 'service', dc: row.datacenter, name: row.service };
  const calleeDc = row.peerDatacenter || (inst.services.has(serviceKey(row.datacenter, row.peerService)) ? row.datacenter : '');
  const callee: Endpoint = inst.services.has(serviceKey(calleeDc, row.peerService))
    ? { kind: 'service', dc: calleeDc, name: row.peerService }
    : { kind: 'external', dc: calleeDc, name: row.peerService };
  return [caller, callee];
}

/**
 * Caller and callee of an ingress row, and whether the caller reports the same call on egress
 * (then the row is the callee's view of an edge drawn from the caller's, never counted twice).
 */
export function ingressEnds(
  row: { datacenter: string; service: string; peerService: string; peerDatacenter: string },
  inst: Instrumentation,
  internetPeers: ReadonlySet<string>,
): { readonly ends: [Endpoint, Endpoint]; readonly callerReports: boolean } {
  const callee: Endpoint = { kind: 'service', dc: row.datacenter, name: row.service };
  if (row.peerService === '' || internetPeers.has(row.peerService)) return { ends: [{ kind: 'internet' }, callee], callerReports: false };
  const callerDc = row.peerDatacenter || row.datacenter;
  if (inst.senders.has(serviceKey(callerDc, row.peerService))) {
    return { ends: [{ kind: 'service', dc: callerDc, name: row.peerService }, callee], callerReports: true };
  }
  return { ends: [{ kind: 'external', dc: row.peerDatacenter, name: row.peerService }, callee], callerReports: false };
}

/** Whether a row is of a known datacenter (every row is when none are listed); reports nothing. */
export function knownDatacenter(known: readonly string[] | undefined): ((row: RateRow) => boolean) | null {
  if (!known) return null;
  const allowed = new Set(known);
  return (row) => allowed.has(row.datacenter);
}

/** Runs of rows of a known datacenter pass; the rows of others are counted, one problem per datacenter. */
export function datacenterFilter(known: readonly string[] | undefined, problems: DataProblem[]): (run: ServiceRun<RateRow>) => boolean {
  if (!known) return () => true;
  const allowed = new Set(known);
  const reported = new Map<string, number>();
  let last: string | undefined;
  return (run) => {
    if (run.datacenter === last) return true;
    if (allowed.has(run.datacenter)) {
      last = run.datacenter;
      return true;
    }
    const index = reported.get(run.datacenter);
    if (index === undefined) {
      reported.set(run.datacenter, problems.length);
      const row = run.first();
      problems.push({ kind: 'unknown-datacenter', datacenter: run.datacenter, count: run.rows, example: `${row.service} -> ${row.peerService}` });
    } else {
      const p = problems[index];
      if (p && p.kind === 'unknown-datacenter') problems[index] = { ...p, count: p.count + run.rows };
    }
    return false;
  };
}
