/**
 * Views at platform scale (issue 14's targets), in Node: a synthetic platform of 2,000 services in
 * each of 10 datacenters (40 groups, about 5 calls per service; src/mocks/platform/large.ts) read
 * the way the app reads it. For each level (global; a datacenter, grouped; its busiest group and,
 * when another, its largest; the focus of its busiest and of its quietest service; for comparison a flat datacenter of the demo
 * platform and the 2,000-service datacenter drawn flat, as with `groupBy: "off"`):
 *
 * - queries per refresh: requests `readTraffic` sends (the app's client, a counting fetch that the
 *   simulated Prometheus answers, src/mocks/view-query.ts); target: 4 at every level;
 * - bytes per refresh: the JSON bodies of those answers as the simulated Prometheus sends them;
 *   targets: at most 1 MB for every view, at most 100 kB for the global view;
 * - nodes drawn: `buildScopedGraph`'s view with `maxNodesPerView` 80 (the config the target
 *   implies; target at most 80) and with the default 150;
 * - read + build vs parse: JSON.parse of the same bodies (the baseline) against what the app does
 *   with them: JSON.parse, the client's check (checkQueryData), the rows (readTraffic's addRows,
 *   through viewConvention), the groups from the service list and buildScopedGraph; rounds of
 *   blocks, medians (see graph.bench.ts); target at most 2x. Also the bytes each allocates (V8's
 *   sampling heap profiler, collected objects included): steady to a few % where the times are
 *   noisy. Both are measured apart, in a fresh child process per view (bench/support/viewTiming.ts)
 *   that holds only the view's answer bodies and the service list, as a browser tab does. This
 *   process holds the simulated platform (about 1.1 GB of heap), which makes every garbage
 *   collection dearer: timed here, the same code's ratios came out 0.6-2.7 higher than timed
 *   apart (docs/PERFORMANCE.md, "Views at platform scale", "Why the timing runs apart").
 *
 * Also the service list (one light query, refreshed every 5 minutes) and the whole platform read
 * the old way (`buildQueries` + `buildGraph`): its bytes and build time, against each view's (timed
 * in this process: its answers are 157 MB, and it is there for scale, not for the 2x target).
 *
 *   npx tsx bench/views.bench.ts [--services 2000] [--groups 40] [--datacenters 10] [--seconds 3] [--whole-rounds 3] [--overrides 0]
 *
 * `--overrides N` judges health with latency limits and N threshold overrides (service patterns
 * that match nothing, then one per group pattern that does), as a config with rules would.
 *
 * `--whole-rounds 0` leaves the whole platform out (it is most of the run's time and memory).
 */
import { gzipSync } from 'node:zlib';
import { readTraffic } from '../src/app/data/readTraffic.ts';
import type { TrafficRead } from '../src/app/data/readTraffic.ts';
import { DEFAULT_URL_STATE } from '../src/app/urlState.ts';
import { resolveScope } from '../src/app/viewScope.ts';
import { DEFAULTS } from '../src/config/defaults.ts';
import { DEFAULT_GROUP_RULE } from '../src/config/grouping.ts';
import { buildQueries } from '../src/conventions/queries.ts';
import { standardConvention } from '../src/conventions/standard.ts';
import type { Convention } from '../src/conventions/types.ts';
import { buildServiceListQuery, SERVICE_LIST_LABELS } from '../src/conventions/serviceListQuery.ts';
import { buildViewQueries } from '../src/conventions/viewQueries.ts';
import { buildGraph } from '../src/graph/build.ts';
import type { Grouping, ViewScope } from '../src/graph/scope.ts';
import { datacentersOf, groupsOf, readServiceList } from '../src/graph/serviceList.ts';
import type { ServiceList } from '../src/graph/serviceList.ts';
import type { BuildParams, TrafficGraph, TrafficView } from '../src/graph/types.ts';
import type { TrafficModel } from '../src/mocks/evaluate.ts';
import { largeDatacenters, largePlatform } from '../src/mocks/platform/large.ts';
import { trafficAt } from '../src/mocks/platform/model.ts';
import { totalRate } from '../src/mocks/platform/status-codes.ts';
import { instantQuery } from '../src/mocks/prometheus-api.ts';
import { cachedModel } from '../src/mocks/snapshot-cache.ts';
import { createPrometheusClient } from '../src/prometheus/client.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../src/prometheus/request.ts';
import type { InstantSample } from '../src/prometheus/types.ts';
import { EVAL_TIME_MS, QUERY_PARAMS } from './support/recorded.ts';
import { check, kb, table } from './support/measure.ts';
import { buildView as buildViewAt, parseAll, readAll as readAllAt, timeRounds } from './support/viewBuild.ts';
import type { Body, Timing } from './support/viewBuild.ts';
import { timeViewApart } from './support/viewTiming.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} expects a number, got ${args[i + 1] ?? ''}`);
  return value;
};
const SERVICES = option('services', 2000);
const GROUPS = option('groups', 40);
const DATACENTERS = option('datacenters', 10);
const SECONDS = option('seconds', 3);
const WHOLE_ROUNDS = option('whole-rounds', 3);
const OVERRIDES = option('overrides', 0);

/** The node cap the 80-node target implies, and the default. */
// The target (the default) and what the layout still holds for big screens.
const CAPS = [80, 150] as const;
const TARGET = { queries: 4, viewBytes: 1024 * 1024, globalBytes: 100 * 1024, nodes: 80, ratio: 2 } as const;
const GROUPING: Grouping = { source: { kind: 'rule', regex: DEFAULT_GROUP_RULE }, when: 'auto' };
const THRESHOLDS: BuildParams['thresholds'] = {
  warning: DEFAULTS.warning, danger: DEFAULTS.danger, errorClasses: DEFAULTS.errorClasses, minRate: DEFAULTS.minRate,
  ...(OVERRIDES > 0 ? {
    latency: { warning: 0.3, danger: 1 },
    overrides: Array.from({ length: OVERRIDES }, (_, i) => (i < OVERRIDES - 1 ? { match: `nothing-${i}-*`, danger: 0.2 } : { group: '*', latency: { danger: 0.5 } })),
  } : {}),
};
const paramsFor = (maxNodesPerView: number): BuildParams => ({ thresholds: THRESHOLDS, internetPeers: standardConvention.internetPeers, maxNodesPerView });

/** A fetch that the simulated Prometheus answers, counting requests and response bytes. */
function simulatedPrometheus(model: TrafficModel) {
  const served = { requests: 0, bytes: 0, bodies: new Map<string, string>() };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    served.requests++;
    const url = new URL(input instanceof Request ? input.url : String(input));
    const form = typeof init?.body === 'string' ? init.body : '';
    const params = new URLSearchParams(form || url.search);
    const promql = params.get('query') ?? '';
    const time = Number(params.get('time'));
    const answer = instantQuery(promql, Number.isFinite(time) ? time * 1000 : EVAL_TIME_MS, model);
    const body = JSON.stringify(answer.body);
    served.bytes += Buffer.byteLength(body);
    served.bodies.set(promql, body);
    return new Response(body, { status: answer.httpStatus, headers: { 'Content-Type': 'application/json' } });
  };
  const client = createPrometheusClient({ baseUrl: 'http://prometheus.bench:9090', timeoutMs: 600_000, fetch });
  return { served, client };
}

/** One refresh of a view through the app's `readTraffic`: requests, bytes and the bodies by query kind. */
async function refresh(model: TrafficModel, scope: ViewScope): Promise<{ requests: number; bytes: number; bodies: Body[]; samples: number }> {
  const { served, client } = simulatedPrometheus(model);
  const read = await readTraffic([{ plan: { url: 'http://prometheus.bench:9090', datacenters: null }, client }], {
    convention: standardConvention, ...QUERY_PARAMS, time: EVAL_TIME_MS / 1000, scope, grouping: GROUPING.source,
  });
  if (read.failures.length > 0) throw new Error(read.failures.map((f) => f.message).join('; '));
  if (read.problems.length > 0) throw new Error(`the answers have problems: ${JSON.stringify(read.problems[0])}`);
  const queries = buildViewQueries(standardConvention, { ...QUERY_PARAMS, grouping: GROUPING.source }, scope);
  const bodies = queries.map((q) => {
    const body = served.bodies.get(q.promql);
    if (body === undefined) throw new Error(`no answer to the ${q.kind} query`);
    return { kind: q.kind, body };
  });
  const samples = read.egressRate.size + read.ingressRate.size + read.egressLatency.size + read.ingressLatency.size;
  return { requests: served.requests, bytes: served.bytes, bodies, samples };
}

/** The bodies gzipped one by one (Prometheus' API compresses an answer when the client accepts gzip, as browsers do). */
function gzippedBytes(bodies: readonly Body[]): number {
  return bodies.reduce((n, b) => n + gzipSync(b.body).length, 0);
}

const TIME_S = EVAL_TIME_MS / 1000;
const readAll = (bodies: readonly Body[], convention: Convention): TrafficRead => readAllAt(bodies, convention, TIME_S);
const buildView = (bodies: readonly Body[], scope: ViewScope, l: ServiceList, params: BuildParams): TrafficGraph => buildViewAt(bodies, scope, l, params, TIME_S);

function viewOf(graph: TrafficGraph, scope: ViewScope): TrafficView | undefined {
  return scope.level === 'global' ? graph.global : graph.datacenters[scope.dc];
}

/** Each service's requests per second in `dc` (received, else sent), from the model. */
function loadOf(model: TrafficModel, dc: string, instrumented: ReadonlySet<string>): Map<string, number> {
  const snapshot = model(EVAL_TIME_MS);
  const load = new Map<string, number>();
  for (const s of snapshot.ingress) if (s.datacenter === dc) load.set(s.service, (load.get(s.service) ?? 0) + totalRate(s.ratesByStatus));
  for (const s of snapshot.egress) if (s.datacenter === dc) load.set(s.service, (load.get(s.service) ?? 0) + totalRate(s.ratesByStatus));
  for (const name of [...load.keys()]) if (!instrumented.has(name)) load.delete(name);
  return load;
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

// ---- the platforms -------------------------------------------------------------------------

const t0 = performance.now();
const platform = largePlatform({ services: SERVICES, groups: GROUPS, datacenters: largeDatacenters(DATACENTERS) });
const model = cachedModel((t) => trafficAt(t, { platform, schedule: false }));
const dc = platform.datacenters[0] ?? '';
const instrumented = new Set(platform.services.filter((s) => s.instrumented && s.datacenter === dc).map((s) => s.name));
const callsPerService = platform.calls.filter((c) => c.callerDc === dc).length / instrumented.size;
const demoModel = cachedModel((t) => trafficAt(t, { schedule: false }));
console.log(`platform: ${SERVICES.toLocaleString('en')} services in each of ${platform.datacenters.length} datacenters `
  + `(${(SERVICES * platform.datacenters.length).toLocaleString('en')} in all), ${GROUPS} groups, ${callsPerService.toFixed(1)} calls per service, `
  + `${platform.calls.length.toLocaleString('en')} calls; generated in ${fmtMs(performance.now() - t0)} ms`);

// The service list: one light query, read at start and every 5 minutes.
const listQuery = buildServiceListQuery(standardConvention, GROUPING.source);
const listAnswer = instantQuery(listQuery, EVAL_TIME_MS, model);
const listBody = JSON.stringify(listAnswer.body);
const list = readServiceList((listAnswer.body as { data: { result: InstantSample[] } }).data.result, SERVICE_LIST_LABELS);
console.log(`service list (every 5 minutes, not per refresh): 1 query, ${kb(Buffer.byteLength(listBody))}, `
  + `${[...list.services.values()].reduce((n, m) => n + m.size, 0).toLocaleString('en')} services in ${list.services.size} datacenters\n`);

// ---- the levels ----------------------------------------------------------------------------

interface Level { readonly name: string; readonly scope: ViewScope; readonly model: TrafficModel; readonly list: ServiceList; readonly target: boolean }

const resolved = (state: Partial<typeof DEFAULT_URL_STATE>, l: ServiceList): ViewScope => {
  const r = resolveScope({ ...DEFAULT_URL_STATE, ...state }, l, GROUPING, CAPS[0], null);
  if (!r.scope || r.notice) throw new Error(`the link ${JSON.stringify(state)} did not resolve: ${r.notice ?? 'no scope'}`);
  return r.scope;
};
const globalScope = resolved({}, list);
const dcScope = resolved({ dc }, list);
if (dcScope.level !== 'datacenter' || !dcScope.grouped) throw new Error(`${dc} with ${SERVICES} services should be drawn grouped`);

// The busiest group: the group node of the datacenter view with the most traffic in and out.
const dcRefresh = await refresh(model, dcScope);
const dcView = viewOf(buildView(dcRefresh.bodies, dcScope, list, paramsFor(1_000_000)), dcScope);
const groupSizes = groupsOf(list, dc);
const busiestGroup = [...(dcView?.nodes ?? [])].filter((n) => n.kind === 'group')
  .sort((a, b) => b.incoming.rate + b.outgoing.rate - (a.incoming.rate + a.outgoing.rate))[0]?.id ?? '';
const largestGroup = [...groupSizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const load = loadOf(model, dc, instrumented);
const byLoad = [...load].sort((a, b) => b[1] - a[1]);
const [busiest, busiestRate] = byLoad[0] ?? ['', 0];
const [quietest, quietestRate] = byLoad[byLoad.length - 1] ?? ['', 0];
const quietRank = byLoad.length;
const demoList = readServiceList(
  (instantQuery(buildServiceListQuery(standardConvention, GROUPING.source), EVAL_TIME_MS, demoModel).body as { data: { result: InstantSample[] } }).data.result,
  SERVICE_LIST_LABELS,
);
const demoDc = datacentersOf(demoList)[0] ?? '';

const levels: Level[] = [
  { name: 'global', scope: globalScope, model, list, target: true },
  { name: `datacenter ${dc}, grouped`, scope: dcScope, model, list, target: true },
  { name: `group ${busiestGroup} (busiest, ${groupSizes.get(busiestGroup) ?? 0} services)`, scope: resolved({ dc, group: busiestGroup }, list), model, list, target: true },
  ...(largestGroup !== busiestGroup
    ? [{ name: `group ${largestGroup} (largest, ${groupSizes.get(largestGroup) ?? 0} services)`, scope: resolved({ dc, group: largestGroup }, list), model, list, target: true }]
    : []),
  { name: `focus ${busiest} (busiest, ${busiestRate.toFixed(0)} req/s)`, scope: resolved({ dc, service: busiest }, list), model, list, target: true },
  { name: `focus ${quietest} (quietest, ${quietestRate.toPrecision(2)} req/s, #${quietRank})`, scope: resolved({ dc, service: quietest }, list), model, list, target: true },
  { name: `demo platform: datacenter ${demoDc}, flat (${demoList.services.get(demoDc)?.size ?? 0} services)`, scope: resolved({ dc: demoDc }, demoList), model: demoModel, list: demoList, target: false },
  { name: `datacenter ${dc}, flat (groupBy "off")`, scope: { level: 'datacenter', dc, grouped: false }, model, list, target: false },
];

interface Row { level: Level; requests: number; bytes: number; gzip: number; samples: number; nodes: number[]; hidden: number[]; timing: Timing; allocated: { parse: number; build: number }; heapMB: number }
const rows: Row[] = [];
for (const level of levels) {
  const r = level.scope === dcScope ? dcRefresh : await refresh(level.model, level.scope);
  const nodes: number[] = [];
  const hidden: number[] = [];
  for (const cap of CAPS) {
    const view = viewOf(buildView(r.bodies, level.scope, level.list, paramsFor(cap)), level.scope);
    nodes.push(view?.nodes.length ?? 0);
    hidden.push(view?.nodes.find((n) => n.kind === 'more')?.hidden ?? 0);
  }
  // Timed apart, in a process that holds only these bodies and the service list (see the header).
  // About 40 MB of answers parsed per allocation measure (at least 20 runs): enough samples, little time.
  const { timing, allocated, heapMB } = await timeViewApart({
    bodies: r.bodies, scope: level.scope, list: level.list, params: paramsFor(CAPS[0]), timeS: TIME_S,
    seconds: SECONDS, allocRuns: Math.max(20, Math.ceil((40 * 1024 * 1024) / r.bytes)),
  });
  rows.push({ level, requests: r.requests, bytes: r.bytes, gzip: gzippedBytes(r.bodies), samples: r.samples, nodes, hidden, timing, allocated, heapMB });
}

// ---- the whole platform, read the old way ----------------------------------------------------

interface Whole { bytes: number; largest: number; samples: number; timing: Timing | null }
let whole: Whole | null = null;
if (WHOLE_ROUNDS > 0) {
  const bodies: Body[] = buildQueries(standardConvention, QUERY_PARAMS).map(({ kind, promql }) => {
    const answer = instantQuery(promql, EVAL_TIME_MS, model);
    if (answer.httpStatus !== 200) throw new Error(`the simulated Prometheus refused ${kind}`);
    return { kind, body: JSON.stringify(answer.body) };
  });
  const params = paramsFor(DEFAULTS.maxNodesPerView);
  const read = readAll(bodies, standardConvention);
  const timing = timeRounds(
    () => parseAll(bodies),
    () => readAll(bodies, standardConvention),
    () => buildGraph(readAll(bodies, standardConvention), params),
    { seconds: 0, minRounds: WHOLE_ROUNDS, k: 1 },
  );
  whole = {
    bytes: bodies.reduce((n, b) => n + Buffer.byteLength(b.body), 0),
    largest: Math.max(...bodies.map((b) => Buffer.byteLength(b.body))),
    samples: read.egressRate.size + read.ingressRate.size + read.egressLatency.size + read.ingressLatency.size,
    timing,
  };
}

// ---- report --------------------------------------------------------------------------------

const wholeCell = (value: number, of: number | undefined): string => (of ? `${((value / of) * 100).toPrecision(2)} %` : '');
console.log('one refresh per view (bytes: the answers\' JSON bodies, the target; gzip: the same bodies gzipped, as Prometheus sends them to a browser; nodes: drawn with maxNodesPerView 80 / 150, "+N": folded into one "N more" node)\n');
console.log(table(
  ['view', 'queries', 'samples', 'bytes', 'gzip', 'of whole', 'nodes @80', 'nodes @150'],
  rows.map((r) => [
    r.level.name, r.requests, r.samples, kb(r.bytes), kb(r.gzip), wholeCell(r.bytes, whole?.bytes),
    `${r.nodes[0]}${r.hidden[0] ? ` (+${r.hidden[0]})` : ''}`, `${r.nodes[1]}${r.hidden[1] ? ` (+${r.hidden[1]})` : ''}`,
  ]),
));
console.log(`\nread + build vs JSON.parse of the same bodies, each view timed in a fresh process holding only its bodies and the service list, as a browser does (median ms per refresh of rounds of blocks; read = parse + check + rows; build = read + scoped build, maxNodesPerView 80; kB allocated per refresh; heap: what the timing process holds at its end, after a full collection; this process: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB in use)\n`);
console.log(table(
  ['view', 'parse ms', 'read ms', 'build ms', 'build/parse', 'of whole build', 'rounds x k', 'parse kB', 'build kB', 'kB build/parse', 'heap MB'],
  rows.map((r) => [
    r.level.name, fmtMs(r.timing.parseMs), fmtMs(r.timing.readMs), fmtMs(r.timing.buildMs), `${r.timing.ratio.toFixed(2)}x`,
    wholeCell(r.timing.buildMs, whole?.timing?.buildMs), `${r.timing.rounds} x ${r.timing.k}`,
    (r.allocated.parse / 1024).toFixed(1), (r.allocated.build / 1024).toFixed(1), `${(r.allocated.build / r.allocated.parse).toFixed(2)}x`,
    r.heapMB.toFixed(0),
  ]),
));
if (whole?.timing) {
  const w = whole.timing;
  console.log(`\nwhole platform, the old path (buildQueries + buildGraph, maxNodesPerView 150; timed in this process): 4 queries, ${whole.samples.toLocaleString('en')} samples, `
    + `${kb(whole.bytes)} (largest answer ${kb(whole.largest)}; the app's client refuses an answer over ${kb(DEFAULT_MAX_BODY_BYTES)}); `
    + `parse ${fmtMs(w.parseMs)} ms, read ${fmtMs(w.readMs)} ms, build ${fmtMs(w.buildMs)} ms = ${w.ratio.toFixed(2)}x parse (${w.rounds} rounds)`);
}
console.log('');

const targets = rows.filter((r) => r.level.target);
for (const r of targets) {
  const name = r.level.name;
  check(r.requests === TARGET.queries, `${name}: ${r.requests} queries per refresh (target: ${TARGET.queries}, constant)`);
  const limit = r.level.scope.level === 'global' ? TARGET.globalBytes : TARGET.viewBytes;
  check(r.bytes <= limit, `${name}: ${kb(r.bytes)} per refresh (target <= ${kb(limit)})`);
  check((r.nodes[0] ?? Infinity) <= TARGET.nodes, `${name}: ${r.nodes[0]} nodes drawn with maxNodesPerView 80 (target <= ${TARGET.nodes})`);
  check(r.timing.ratio <= TARGET.ratio, `${name}: read + build ${r.timing.ratio.toFixed(2)}x JSON.parse (${fmtMs(r.timing.buildMs)} / ${fmtMs(r.timing.parseMs)} ms; target <= ${TARGET.ratio}x)`);
}
console.log(`\n(not targets, for comparison: ${rows.filter((r) => !r.level.target).map((r) => `${r.level.name}: ${r.requests} queries, ${kb(r.bytes)}, ${r.nodes[0]} nodes, ${r.timing.ratio.toFixed(2)}x`).join('; ')})`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
