import { EndpointTable, ServiceLookup } from './endpointTable.ts';
import type { NamedEndpoint } from './endpointTable.ts';
import { directoryOf } from './endpoints.ts';
import { PeerResolver } from './peerResolver.ts';
import type { Endpoint, Instrumentation } from './endpoints.ts';
import { unexplainedIngress } from './sides.ts';
import { addRate, emptyAccumulator } from './stats.ts';
import { MAX_SAMPLE } from './types.ts';
import type { RowSource } from './rowSource.ts';
import type { StatsAccumulator } from './stats.ts';
import type { DataProblem, LatencyRow, RateRow, StatusClass, TrafficInput } from './types.ts';

/** A call between two endpoints, summed over status classes, with its latency. */
export interface RawEdge {
  readonly source: Endpoint;
  readonly target: Endpoint;
  /** The view the edge shows: the caller's, or the callee's when the caller reports nothing. */
  readonly acc: StatsAccumulator;
  /** The callee's view of the same calls, when the edge is drawn from the caller's. */
  callee?: StatsAccumulator;
  /** The peer values the edge was read from, when one of them is not its node's name (a host). */
  hosts?: Set<string>;
}


/** One series of a rate query without its status class: where it lands, and the classes seen. */
interface Series {
  readonly acc: StatsAccumulator | null;
  /** Whether the series names no callers (then it is a callee's total). */
  readonly unknown: boolean;
  /** Status classes already added (a bit each): a second series of one class is a duplicate. */
  seen: number;
  /** What tells it from the other series of its service and peer (see `SeriesIndex`). */
  readonly datacenter: string;
  readonly peerDatacenter: string;
  /** The next series of the same service and peer, in other datacenters. */
  next: Series | undefined;
}

/** A bit per status class (a switch: one lookup site for six property names is a slow, generic one). */
function classBit(cls: StatusClass): number {
  switch (cls) {
    case '1xx': return 1;
    case '2xx': return 2;
    case '3xx': return 4;
    case '4xx': return 8;
    case '5xx': return 16;
    default: return 32;
  }
}

/**
 * Every caller->callee call of the input: egress rows give the caller's view; ingress rows add
 * calls whose caller does not report egress (the internet, uninstrumented callers) and, for calls
 * it does report, the callee's view next to it. Ingress totals that do not name callers (Linkerd
 * inbound, Micrometer, OTel HTTP) are compared with what known callers sent; a clear remainder
 * is drawn from the internet node ("outside or unknown callers").
 *
 * Rows are keyed by series once and each series is placed once, whatever the number of its status
 * classes; latency rows reuse the placement of their rate series. Endpoints are interned (one object
 * each) and edges keyed by them through nested maps: no key string per series.
 */
export function collectEdges(
  input: TrafficInput, inst: Instrumentation, internetPeers: readonly string[], problems: DataProblem[],
  /** Rate rows it rejects are left out (rows of datacenters not listed); null: none is. */
  known: ((row: RateRow) => boolean) | null = null,
  /** Resolves peers that are no service's name (one build's: its notices are added to `problems`). */
  peers: PeerResolver = new PeerResolver([], directoryOf(inst, inst.datacenters)),
): RawEdge[] {
  const placement = new Placement(inst, internetPeers, peers);
  const { edges, totals } = placement;
  const egressSeries = new SeriesIndex();
  const ingressSeries = new SeriesIndex();
  addRates(egressSeries, input.egressRate, known, placement, true, 'egressRate', problems);
  addRates(ingressSeries, input.ingressRate, known, placement, false, 'ingressRate', problems);
  addLatencies(egressSeries, input.egressLatency, placement, true);
  addLatencies(ingressSeries, input.ingressLatency, placement, false);
  problems.push(...peers.problems());
  if (totals.size === 0) return edges.list;

  const byTarget = new Map<Endpoint, RawEdge[]>();
  for (const edge of edges.list) {
    const list = byTarget.get(edge.target);
    if (list) list.push(edge);
    else byTarget.set(edge.target, [edge]);
  }
  for (const total of totals.values()) {
    const rest = unexplainedIngress(total.acc, byTarget.get(total.target) ?? []);
    if (!rest) continue;
    const edge = edges.get(total.source, total.target);
    if (edge) for (const [cls, value] of Object.entries(rest.byClass) as [keyof typeof rest.byClass, number][]) addRate(edge.acc, cls, value);
    else edges.add(total.source, total.target, rest);
  }
  return edges.list;
}

/**
 * Where a row adds to: the accumulator of its edge (created on first use when `create`), or null
 * when it has nowhere to go. An object with methods, not closures: one is made per build.
 */
class Placement {
  readonly edges = new EdgeTable();
  readonly totals = new Map<Endpoint, RawEdge>();
  private readonly peersOutside: ReadonlySet<string>;
  private readonly ends = new EndpointTable();
  private readonly services: ServiceLookup;
  private readonly senders: ServiceLookup;

  constructor(inst: Instrumentation, internetPeers: readonly string[], private readonly peers: PeerResolver) {
    this.peersOutside = new Set(internetPeers);
    this.services = new ServiceLookup(inst.services);
    this.senders = new ServiceLookup(inst.senders);
  }

  place(row: RateRow | LatencyRow, egress: boolean, create: boolean): StatsAccumulator | null {
    return egress ? this.egress(row, create) : this.ingress(row, create);
  }

  /** The caller's view (see `egressEnds`); a peer that is no service's name is resolved (see `PeerResolver`). */
  private egress(row: RateRow | LatencyRow, create: boolean): StatsAccumulator | null {
    const { ends, services, edges } = this;
    const caller = ends.get('service', row.datacenter, row.service);
    const peer = row.peerService;
    // A peer without a datacenter is in the caller's when a service there has its name.
    const here = row.peerDatacenter === '' && services.has(row.datacenter, peer);
    const calleeDc = here ? row.datacenter : row.peerDatacenter;
    if (here || services.has(calleeDc, peer)) return edges.named(caller, ends.get('service', calleeDc, peer), 'target', peer, create);
    const r = this.peers.resolve(peer, { callerDatacenter: row.datacenter, peerDatacenter: row.peerDatacenter });
    const callee = r.kind === 'service' ? ends.get('service', r.datacenter, r.service) : ends.get('external', r.datacenter, r.name);
    return edges.named(caller, callee, 'target', peer, create);
  }

  /** The callee's view (see `ingressEnds`), or a callee's caller-less total. */
  private ingress(row: RateRow | LatencyRow, create: boolean): StatsAccumulator | null {
    const { ends, services, senders, edges } = this;
    const callee = ends.get('service', row.datacenter, row.service);
    const peer = row.peerService;
    if (row.peerUnknown) return totalAcc(this.totals, ends.internet, callee, create);
    if (peer === '' || this.peersOutside.has(peer)) return edges.acc(ends.internet, callee, false, create);
    const callerDc = row.peerDatacenter || row.datacenter;
    if (senders.has(callerDc, peer)) return edges.acc(ends.get('service', callerDc, peer), callee, true, create);
    if (services.has(callerDc, peer)) return edges.named(ends.get('external', row.peerDatacenter, peer), callee, 'source', peer, create);
    const r = this.peers.resolve(peer, { callerDatacenter: row.datacenter, peerDatacenter: row.peerDatacenter });
    if (r.kind === 'service' && senders.has(r.datacenter, r.service)) return edges.acc(ends.get('service', r.datacenter, r.service), callee, true, create);
    // A caller without egress metrics is drawn under its name (in the node of its service, when it is one).
    const caller = ends.get('external', r.datacenter, r.kind === 'service' ? r.service : r.name);
    return edges.named(caller, callee, 'source', peer, create);
  }
}

/** Edges by caller, then callee (interned endpoints: no key string), in the order first met. */
class EdgeTable {
  readonly list: RawEdge[] = [];
  private readonly bySource = new Map<Endpoint, Map<Endpoint, RawEdge>>();

  get(source: Endpoint, target: Endpoint): RawEdge | undefined {
    return this.bySource.get(source)?.get(target);
  }

  add(source: Endpoint, target: Endpoint, acc: StatsAccumulator): RawEdge {
    let byTarget = this.bySource.get(source);
    if (!byTarget) this.bySource.set(source, (byTarget = new Map()));
    const edge: RawEdge = { source, target, acc };
    byTarget.set(target, edge);
    this.list.push(edge);
    return edge;
  }

  /**
   * The accumulator of the edge a peer value names (`end`: the end it names), noting the value
   * when it is not that end's name (a host): then the edge keeps every value it is read from. An
   * edge that existed before its first such value was read from the end's name.
   */
  named(source: Endpoint, target: Endpoint, end: 'source' | 'target', peer: string, create: boolean): StatsAccumulator | null {
    const found = this.get(source, target);
    const edge = found ?? (create ? this.add(source, target, emptyAccumulator()) : null);
    if (!edge) return null;
    const name = (end === 'target' ? target : source) as NamedEndpoint;
    if (name.name !== peer) {
      if (!edge.hosts) edge.hosts = new Set(found ? [name.name] : []);
      edge.hosts.add(peer);
    } else if (edge.hosts) {
      edge.hosts.add(peer);
    }
    return edge.acc;
  }

  /** The caller's view of an edge, or (`callee`) the callee's view beside an existing one. */
  acc(source: Endpoint, target: Endpoint, callee: boolean, create: boolean): StatsAccumulator | null {
    const edge = this.get(source, target);
    if (callee) {
      // Only beside the caller's view: a call the caller's egress lacks stays as before (not drawn).
      if (!edge) return null;
      if (!edge.callee && create) edge.callee = emptyAccumulator();
      return edge.callee ?? null;
    }
    if (edge) return edge.acc;
    return create ? this.add(source, target, emptyAccumulator()).acc : null;
  }
}

/** A callee's caller-less total, drawn from the internet when its known callers do not explain it. */
function totalAcc(totals: Map<Endpoint, RawEdge>, internet: Endpoint, callee: Endpoint, create: boolean): StatsAccumulator | null {
  let total = totals.get(callee);
  if (!total && create) {
    total = { source: internet, target: callee, acc: emptyAccumulator() };
    totals.set(callee, total);
  }
  return total?.acc ?? null;
}

/**
 * Series by label set without the status class: by service, then peer service (nested maps, so
 * that a lookup builds no key string), then a short chain by datacenter and peer datacenter (one
 * map fewer per service and per peer than a level each: a view has one or a few datacenters).
 * Rows of one series usually come one after the other (one per status class): the last one found
 * is tried first.
 */
class SeriesIndex {
  private readonly root = new Map<string, Map<string, Series>>();
  private last: Series | undefined;
  // The labels of the row `last` was found for (not the row: a source may rewrite it in place).
  private datacenter = '';
  private service = '';
  private peerDatacenter = '';
  private peerService = '';

  get(row: RateRow | LatencyRow): Series | undefined {
    if (this.last && this.datacenter === row.datacenter && this.service === row.service && this.peerDatacenter === row.peerDatacenter && this.peerService === row.peerService) {
      return this.last;
    }
    let found = this.root.get(row.service)?.get(row.peerService);
    while (found && !(found.datacenter === row.datacenter && found.peerDatacenter === row.peerDatacenter)) found = found.next;
    if (found) this.remember(row, found);
    return found;
  }

  /** A new series for the labels of `row` (not in the index yet). */
  add(row: RateRow | LatencyRow, acc: StatsAccumulator | null, unknown: boolean): Series {
    const series: Series = { acc, unknown, seen: 0, datacenter: row.datacenter, peerDatacenter: row.peerDatacenter, next: undefined };
    let byPeer = this.root.get(row.service);
    if (!byPeer) this.root.set(row.service, (byPeer = new Map()));
    const head = byPeer.get(row.peerService);
    if (head) {
      series.next = head.next;
      head.next = series;
    } else {
      byPeer.set(row.peerService, series);
    }
    this.remember(row, series);
    return series;
  }

  private remember(row: RateRow | LatencyRow, series: Series): void {
    this.datacenter = row.datacenter;
    this.service = row.service;
    this.peerDatacenter = row.peerDatacenter;
    this.peerService = row.peerService;
    this.last = series;
  }
}

function addRates(
  series: SeriesIndex, rows: RowSource<RateRow>, known: ((row: RateRow) => boolean) | null, placement: Placement, egress: boolean, query: string, problems: DataProblem[],
): void {
  let duplicates = 0;
  let example = '';
  rows.forEach((row) => {
    if (!(row.value >= 0 && row.value <= MAX_SAMPLE)) return;
    if (known && !known(row)) return;
    // Prometheus never answers two series with one label set, but a sum over a label the query
    // does not keep, or a recording rule next to the raw metric, are different series of one edge and are summed.
    const s = series.get(row) ?? series.add(row, placement.place(row, egress, true), row.peerUnknown === true);
    const bit = classBit(row.statusClass);
    if ((s.seen & bit) !== 0) {
      duplicates++;
      example ||= `${row.datacenter}/${row.service} -> ${row.peerDatacenter}/${row.peerService} ${row.statusClass}`;
      return;
    }
    s.seen |= bit;
    // One query reads one side, so `peerUnknown` is the same on all its rows; placed apart if not.
    const acc = s.unknown === (row.peerUnknown === true) ? s.acc : placement.place(row, egress, true);
    if (acc) addRate(acc, row.statusClass, row.value);
  });
  if (duplicates > 0) problems.push({ kind: 'duplicate-series', query, count: duplicates, example });
}

function addLatencies(series: SeriesIndex, rows: RowSource<LatencyRow>, placement: Placement, egress: boolean): void {
  rows.forEach((row) => {
    if (Number.isNaN(row.value)) return;
    const known = series.get(row);
    const acc = known && known.unknown === (row.peerUnknown === true) ? known.acc : placement.place(row, egress, false);
    if (!acc) return;
    acc.latency = Number.isNaN(acc.latency) ? row.value : Math.max(acc.latency, row.value);
  });
}
