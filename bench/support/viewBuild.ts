/**
 * The views benchmark's measured path, shared by the benchmark (nodes drawn, the whole platform)
 * and the child process that times a view apart (viewTiming.ts): the app's path from a view's
 * answer bodies to its graph, and the timing and allocation measures. Nothing here holds or
 * imports the simulated platform, so a process that loads only this holds what a browser does.
 */
import { Session } from 'node:inspector/promises';
import { addRows, addScanned, emptyRead } from '../../src/app/data/readTraffic.ts';
import { textReader } from '../../src/conventions/scannedRows.ts';
import type { TrafficRead } from '../../src/app/data/readTraffic.ts';
import { standardConvention } from '../../src/conventions/standard.ts';
import type { Convention, QueryKind } from '../../src/conventions/types.ts';
import { viewConvention } from '../../src/conventions/viewQueries.ts';
import type { ViewScope } from '../../src/graph/scope.ts';
import { buildScopedGraph } from '../../src/graph/scopedBuild.ts';
import { datacentersOf, groupsOf } from '../../src/graph/serviceList.ts';
import type { ServiceList } from '../../src/graph/serviceList.ts';
import type { BuildParams, TrafficGraph } from '../../src/graph/types.ts';
import type { InstantSample } from '../../src/prometheus/types.ts';
import { checkQueryData } from '../../src/prometheus/validate.ts';
import { median } from './measure.ts';

export interface Body { readonly kind: QueryKind; readonly body: string }

export function parseAll(bodies: readonly Body[]): unknown[] {
  return bodies.map((b) => JSON.parse(b.body) as unknown);
}

/**
 * The app's path from the bodies to the rows (readTraffic after the fetch: the client's reader of
 * the text, else its parse and check); `timeS` the evaluation time.
 */
export function readAll(bodies: readonly Body[], convention: Convention, timeS: number): TrafficRead {
  const read = emptyRead(timeS);
  for (const b of bodies) {
    const scanned = textReader(convention, b.kind)?.(b.body);
    if (scanned) {
      addScanned(read, scanned);
      continue;
    }
    const parsed = JSON.parse(b.body) as { data: unknown };
    const checked = checkQueryData(parsed.data);
    if (!checked.ok || checked.value.resultType !== 'vector') throw new Error(`the ${b.kind} answer did not pass the client's check`);
    addRows(read, convention, b.kind, checked.value.result as InstantSample[]);
  }
  return read;
}

/**
 * What useTraffic builds from a view's read. As there, the groups of the view's datacenter, the
 * datacenters and the list's directory are made once per service list (every 5 minutes), not per
 * refresh: they are not part of a refresh's cost.
 */
export function buildView(bodies: readonly Body[], scope: ViewScope, list: ServiceList, params: BuildParams, timeS: number): TrafficGraph {
  const read = readAll(bodies, viewConventionOf(scope), timeS);
  return buildScopedGraph(read, params, scope, listContext(list, scope));
}

const listContexts = new Map<string, ReturnType<typeof makeListContext>>();
const listIds = new Map<ServiceList, number>();
function listContext(list: ServiceList, scope: ViewScope) {
  const dc = scope.level === 'global' ? '' : scope.dc;
  const key = `${dc}\u0000${listIds.get(list) ?? listIds.set(list, listIds.size).size}`;
  let context = listContexts.get(key);
  if (!context) listContexts.set(key, context = makeListContext(list, dc));
  return context;
}
function makeListContext(list: ServiceList, dc: string) {
  return {
    ...(dc ? { groups: groupsOf(list, dc) } : {}),
    datacenters: datacentersOf(list),
    directory: { hasService: (d: string, name: string) => list.services.get(d)?.has(name) === true, hasDatacenter: (d: string) => list.services.has(d) },
  };
}

const VIEW_CONVENTIONS = new Map<string, Convention>();
/** The app's reader of a view's answers (one per datacenter, made once: readTraffic makes one per refresh, a few µs). */
export function viewConventionOf(scope: ViewScope): Convention {
  const home = scope.level === 'global' ? '' : scope.dc;
  let c = VIEW_CONVENTIONS.get(home);
  if (!c) VIEW_CONVENTIONS.set(home, (c = viewConvention(standardConvention, home === '' ? undefined : home)));
  return c;
}

/** Mean ms of `k` runs in a row: a block pays for the garbage it makes. */
function timeBlock(fn: () => void, k: number): number {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) fn();
  return (performance.now() - t0) / k;
}

export interface Timing { parseMs: number; readMs: number; buildMs: number; ratio: number; rounds: number; k: number }

/**
 * Rounds of blocks (parse, read, build, parse), each block its work `k` times in a row (k such
 * that a block lasts ~20 ms); each round's build against the mean of the parse blocks around it.
 */
export function timeRounds(parse: () => void, read: () => void, build: () => void, opts: { seconds: number; minRounds: number; k?: number }): Timing {
  for (let i = 0; i < 2; i++) build();
  const once = timeBlock(build, 1);
  const k = opts.k ?? Math.max(1, Math.min(500, Math.ceil(20 / Math.max(once, 0.01))));
  const parses: number[] = [];
  const reads: number[] = [];
  const builds: number[] = [];
  const started = performance.now();
  while (parses.length < opts.minRounds || performance.now() - started < opts.seconds * 1000) {
    const before = timeBlock(parse, k);
    reads.push(timeBlock(read, k));
    builds.push(timeBlock(build, k));
    parses.push((before + timeBlock(parse, k)) / 2);
  }
  return {
    parseMs: median(parses), readMs: median(reads), buildMs: median(builds),
    ratio: median(builds.map((b, i) => b / (parses[i] ?? NaN))), rounds: parses.length, k,
  };
}

let inspector: Session | null = null;

/** Bytes allocated per run of `fn` (every object, also those collected since), from `runs` runs. */
export async function allocatedPerRun(fn: () => void, runs: number): Promise<number> {
  if (!inspector) {
    inspector = new Session();
    inspector.connect();
  }
  for (let i = 0; i < 3; i++) fn();
  // The collected-objects flags are in V8's protocol, not (yet) in Node's types.
  const sampling = { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
  await inspector.post('HeapProfiler.startSampling', sampling as { samplingInterval: number });
  for (let i = 0; i < runs; i++) fn();
  const { profile } = await inspector.post('HeapProfiler.stopSampling');
  let bytes = 0;
  const visit = (node: typeof profile.head): void => {
    bytes += node.selfSize;
    node.children.forEach(visit);
  };
  visit(profile.head);
  return bytes / runs;
}

/** Disconnects the inspector session, if one was opened (a process with one open does not exit by itself). */
export function closeInspector(): void {
  inspector?.disconnect();
  inspector = null;
}
