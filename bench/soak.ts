/**
 * Soak: the demo in headless Chromium refreshing every 200 ms for 1,000+ refreshes on the
 * `churn:groups` scenario (services appear and disappear, incidents come and go; eu-west is drawn
 * as groups, us-east flat), touring every view level every few seconds: global, a flat
 * datacenter and a focus in it, the grouped datacenter, a group, a focus from it, back up through
 * the group and the table (bench/support/soakViews.ts). Heap (after GC), DOM counters and the
 * renderer's WebGL objects are measured at start and end on the same platform shape
 * (`churn:groups:still`), in the same view. Targets: heap growth < 5 MB; no growth in DOM nodes,
 * listeners (settled: without those of requests in flight), GL geometries/textures/programs,
 * Vizceral graphs or layout workers; the Vizceral graphs at every stop of the tour never more than
 * during the first tours (a level left, or gone from the data, has its graph released); every
 * level read during the run (counted from the queries' plan headers). The geometries
 * are also told by holder (src/vizceral/geometryCensus.ts): the scene, graphs out of sight, and
 * nothing the map keeps (no growth there either); Vizceral's node geometries cached by radius
 * are counted apart, with the node radii that key them (bounded: Vizceral's default radii).
 *
 *   npx tsx bench/soak.ts [--refreshes 1000] [--max-minutes 12]     (needs dist-demo/)
 *   npx tsx bench/soak.ts --refreshes 500 --snapshots 100,500   (heap snapshots in .tmp/, then
 *   npx tsx bench/heap-diff.ts .tmp/soak-100.heapsnapshot .tmp/soak-500.heapsnapshot)
 */
import { demoConfig, navigate, openSession, sampleMemory, waitForMap } from './support/browser.ts';
import type { MemorySample } from './support/browser.ts';
import type { GeometryCensus } from '../src/vizceral/geometryCensus.ts';
import { takeHeapSnapshot } from './support/heap-snapshot.ts';
import { check, ratio, table } from './support/measure.ts';
import { HOME, LEVELS, levelOfQuery, queryOfRequest, tourRound } from './support/soakViews.ts';
import type { Level } from './support/soakViews.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
};
const REFRESHES = arg('refreshes', 1000);
const MAX_MS = arg('max-minutes', 12) * 60_000;
// `--snapshots start,100,500,end`: heap snapshots in .tmp/ at those points (refresh counts).
const SNAPSHOT_POINTS = process.argv.includes('--snapshots') ? (process.argv[process.argv.indexOf('--snapshots') + 1] ?? '').split(',') : [];
const SNAPSHOTS = SNAPSHOT_POINTS.map(Number).filter((n) => Number.isFinite(n) && n > 0);
const SWITCH_MS = 2000;
/** Readings of the listener count at start and end (settledListeners). */
const LISTENER_READINGS = 10;
/** Samples taken every third round of the tour (27 view changes), at its last stop (a map, not the table). */
const SAMPLE_EVERY = 3 * tourRound(0).length;
/** Those samples. */
const trend: { at: number; sample: MemorySample }[] = [];
/** The document's census at each measurement (start, end). */
const censuses: Record<string, number>[] = [];
/** Who holds the GL geometries at each measurement (start, end). */
const geometryCensuses: GeometryCensus[] = [];
/**
 * Vizceral's radius caches (outer border, inner circle: per radius; inner border, donut: per
 * focused radius; notice dot: radius 16) with its default radii 16, 60 and 120 (the traffic sets
 * no size nor node_type: traffic.property.test.ts): 3 + 3 + 2 + 2 + 1 entries at most.
 */
const DEFAULT_RADII = [16, 60, 120];
const RADIUS_CACHE_BOUND = 11;
/** Vizceral graphs seen at each stop of the tour: during the first tours (warm-up), and during the churn. */
const graphsAt = { warmUp: new Map<string, number[]>(), churn: new Map<string, number[]>() };

const session = await openSession({
  overrides: { '/config.json': demoConfig({ refreshInterval: '200ms', maxNodesPerView: 150 }) },
  scenario: 'churn:groups:still',
});
const { page } = session;
// A refresh is one read of the view: counted by its first query kind, with the level its plan names.
const readsByLevel = new Map<Level, number>(LEVELS.map((l) => [l, 0]));
let reads = 0;
page.on('request', (r) => {
  const promql = queryOfRequest(r.url(), r.postData());
  const plan = promql === null ? null : levelOfQuery(promql);
  if (plan?.kind !== 'egressRate') return;
  reads++;
  readsByLevel.set(plan.level, (readsByLevel.get(plan.level) ?? 0) + 1);
});
const refreshes = (): number => reads;

const setScenario = (name: string) => page.evaluate((n) => window.__trafficMapDemo?.setScenario(n), name);
const settle = async (refreshCount: number): Promise<void> => {
  const until = refreshes() + refreshCount;
  while (refreshes() < until) await page.waitForTimeout(100);
  await page.waitForTimeout(1500);
};
/** Vizceral's graphs now (null without a map: the table view). */
const graphs = (): Promise<number | null> => page.evaluate(() => {
  const hook = window as unknown as { __trafficMapRenderer?: { stats?: () => { graphs: number } } };
  return hook.__trafficMapRenderer?.stats?.().graphs ?? null;
});
/**
 * Vizceral's graphs at a stop once the stop's own data is drawn: a graph is released when data
 * without it arrives, and until then the old map stays (on SwiftShader a refresh can take seconds).
 * Waits for two reads since `readsAtArrival` (the first was asked for the new view and answered)
 * and a moment for the renderer, at most 15 s.
 */
const noteGraphs = async (into: Map<string, number[]>, label: string, readsAtArrival: number): Promise<void> => {
  for (const until = Date.now() + 15_000; refreshes() < readsAtArrival + 2 && Date.now() < until;) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
  const n = await graphs();
  if (n !== null) into.set(label, [...(into.get(label) ?? []), n]);
};

try {
  await page.goto(`${session.url}/${HOME}`);
  await waitForMap(page);
  // Two rounds of every view first: what stays (shader programs, caches) is not a leak. The table
  // view unmounts the map, so the measured renderer goes through every view once more (a shader
  // program per kind of view is compiled once per renderer).
  const tour = [...tourRound(0), ...tourRound(1)];
  for (const stop of tour) {
    const arrival = refreshes();
    await navigate(page, stop.search);
    await page.waitForTimeout(1500);
    await noteGraphs(graphsAt.warmUp, stop.label, arrival);
  }
  await settle(5);
  const start = await sampleLive();
  if (SNAPSHOT_POINTS.includes('start')) await snapshot('start');
  const startRefreshes = refreshes();
  const readsBefore = new Map(readsByLevel);
  const started = Date.now();

  await setScenario('churn:groups');
  let step = 0;
  while (refreshes() - startRefreshes < REFRESHES && Date.now() - started < MAX_MS) {
    const round = tourRound(2 + Math.floor(step / tourRound(0).length));
    const stop = round[step % round.length] ?? { label: 'datacenter, groups', search: HOME };
    const arrival = refreshes();
    await navigate(page, stop.search);
    step++;
    await page.waitForTimeout(SWITCH_MS);
    await noteGraphs(graphsAt.churn, stop.label, arrival);
    const due = SNAPSHOTS[0];
    if (due !== undefined && refreshes() - startRefreshes >= due) {
      SNAPSHOTS.shift();
      await snapshot(String(due));
    }
    if (step % SAMPLE_EVERY === 0) {
      // A sample mid-churn, every third round at its last stop (the grouped datacenter, where
      // start and end are measured): over the run, a slope tells growth from the difference
      // between two screens.
      const at = refreshes() - startRefreshes;
      const sample = await sampleMemory(page, session.cdp);
      trend.push({ at, sample });
      const held = await geometryCensus();
      console.log(`  ${at} refreshes, ${step} view changes, ${((Date.now() - started) / 1000).toFixed(0)} s: heap ${mb(sample.heapUsed)}, DOM ${sample.domNodes}, listeners ${sample.listeners}, geometries ${held.total} (scene ${held.inScene}, hidden ${held.hidden}, unheld ${held.unheld}; ${sample.geometries} a moment before, with the heap), textures ${sample.textures}, graphs ${sample.graphs}, cached layouts ${sample.layouts}`);
    }
  }
  const soaked = refreshes() - startRefreshes;
  const seconds = (Date.now() - started) / 1000;

  // The end is measured after the same tour of the views as the start: the same screen with
  // the same history in Vizceral (which keeps label canvases and meshes of the graphs it went
  // through), so that a difference is growth, not a different last view.
  await setScenario('churn:groups:still');
  for (const stop of tour) { await navigate(page, stop.search); await page.waitForTimeout(1500); }
  await waitForMap(page);
  await settle(5);
  const end = await sampleLive();
  if (SNAPSHOT_POINTS.includes('end')) await snapshot('end');

  console.log(`\nsoak: ${soaked} refreshes (200 ms interval) in ${seconds.toFixed(0)} s, ${step} view changes, scenario churn:groups\n`);
  const rows = (Object.keys(start) as (keyof MemorySample)[]).map((k) => [
    k, k === 'heapUsed' ? mb(start[k]) : start[k], k === 'heapUsed' ? mb(end[k]) : end[k], ratio(end[k], start[k] || 1),
  ]);
  console.log(table(['measure', 'start', 'end', 'end/start'], rows));
  if (trend.length >= 3) {
    const slopes = (['heapUsed', 'domNodes', 'listeners', 'geometries', 'textures', 'layouts'] as const).map((k) => {
      const per1000 = slope(trend.map((t) => t.at), trend.map((t) => t.sample[k])) * 1000;
      return `${k} ${k === 'heapUsed' ? mb(per1000) : per1000.toFixed(1)}`;
    });
    console.log(`\ntrend over ${trend.length} mid-run samples (least squares, per 1,000 refreshes): ${slopes.join(', ')}`);
  }
  const [censusStart, censusEnd] = censuses;
  if (censusStart && censusEnd) console.log(`\n${censusDifference(censusStart, censusEnd)}`);
  const [heldStart, heldEnd] = geometryCensuses;
  if (heldStart && heldEnd) {
    console.log('\nGL geometries by holder (src/vizceral/geometryCensus.ts):');
    console.log(table(['geometries', 'start', 'end'], [
      ['on the GPU (three.js count)', heldStart.total, heldEnd.total],
      ['  drawn by the scene', heldStart.inScene, heldEnd.inScene],
      ['  held by graphs out of sight', heldStart.hidden, heldEnd.hidden],
      ['  held by nothing the map keeps', heldStart.unheld, heldEnd.unheld],
      ['radius-cached (Vizceral, shared)', heldStart.radiusCached, heldEnd.radiusCached],
      ['node radii (their keys)', heldStart.radii.join(', '), heldEnd.radii.join(', ')],
    ]));
  }
  const readsDuring = LEVELS.map((l) => [l, (readsByLevel.get(l) ?? 0) - (readsBefore.get(l) ?? 0)] as const);
  console.log(`\nrefreshes by level read (the queries' plan headers), during the run: ${readsDuring.map(([l, n]) => `${l} ${n}`).join(', ')}`);
  const range = (values: readonly number[] | undefined): string => (values && values.length > 0 ? `${Math.min(...values)}-${Math.max(...values)}` : '-');
  const stops = [...new Set([...graphsAt.warmUp.keys(), ...graphsAt.churn.keys()])];
  console.log('\nVizceral graphs at each stop of the tour (min-max, once the stop\'s data is drawn):');
  console.log(table(['stop', 'warm-up (2 rounds)', 'during the run', 'stops'], stops.map((label) => [
    label, range(graphsAt.warmUp.get(label)), range(graphsAt.churn.get(label)), graphsAt.churn.get(label)?.length ?? 0,
  ])));
  console.log('');
  const warmMax = Math.max(...[...graphsAt.warmUp.values()].flat());
  const churnGraphs = [...graphsAt.churn.values()].flat();
  check(readsDuring.every(([, n]) => n > 0), `every level read during the run: ${readsDuring.map(([l, n]) => `${l} ${n}`).join(', ')}`);
  check(churnGraphs.length > 0 && Math.max(...churnGraphs) <= warmMax, `Vizceral graphs at every stop: at most ${Math.max(...churnGraphs)} during the run, ${warmMax} in the warm-up (target: no more)`);
  check(soaked >= REFRESHES, `${soaked} refreshes (target >= ${REFRESHES})`);
  check(end.heapUsed - start.heapUsed < 5 * 1024 * 1024, `heap growth ${mb(end.heapUsed - start.heapUsed)} (target < 5 MB)`);
  for (const k of ['domNodes', 'listeners', 'geometries', 'textures', 'programs', 'graphs', 'layouts', 'workers'] as const) {
    check(end[k] <= start[k], `${k}: ${start[k]} -> ${end[k]} (target: no growth)`);
  }
  if (heldStart && heldEnd) {
    check(heldEnd.unheld <= heldStart.unheld, `geometries held by nothing the map keeps: ${heldStart.unheld} -> ${heldEnd.unheld} (target: no growth)`);
    const radii = [...new Set([...heldStart.radii, ...heldEnd.radii])];
    const bounded = radii.every((r) => DEFAULT_RADII.includes(r)) && heldEnd.radiusCached <= RADIUS_CACHE_BOUND;
    check(bounded, `radius caches: ${heldStart.radiusCached} -> ${heldEnd.radiusCached} geometries, radii ${radii.join(', ')} (target: Vizceral's default radii ${DEFAULT_RADII.join(', ')}, at most ${RADIUS_CACHE_BOUND})`);
  }
} finally {
  await session.close();
}

/**
 * Measures on a live screen: on SwiftShader a 200 ms refresh often runs late, and the STALE
 * banner it brings is a dozen DOM nodes that are not a leak.
 */
async function sampleLive(): Promise<MemorySample> {
  const live = await session.page.waitForSelector('.page[data-liveness="live"]', { timeout: 30_000 })
    .then(async (handle) => { await handle.dispose(); return true; }, () => false);
  if (!live) console.log('  (the screen is not live at this measurement)');
  censuses.push(await documentCensus());
  const sample = await sampleMemory(session.page, session.cdp);
  geometryCensuses.push(await geometryCensus());
  return { ...sample, listeners: await settledListeners() };
}

/**
 * The page's event listeners without those of requests in flight: the lowest of several counts
 * after a garbage collection, 100 ms apart. With a refresh every 200 ms, requests (each with its
 * listeners until answered) are always coming and going: one count, after GC, moved by 12 within
 * a second on an unchanging screen (194-206), as much as the start and end of a soak differed.
 */
async function settledListeners(): Promise<number> {
  let lowest = Infinity;
  for (let i = 0; i < LISTENER_READINGS; i++) {
    await session.cdp.send('HeapProfiler.collectGarbage');
    lowest = Math.min(lowest, (await session.cdp.send('Memory.getDOMCounters')).jsEventListeners);
    await session.page.waitForTimeout(100);
  }
  return lowest;
}

/** Who holds the map's GL geometries now (the renderer's census). */
function geometryCensus(): Promise<GeometryCensus> {
  return session.page.evaluate(() => {
    const hook = window as unknown as { __trafficMapRenderer?: { geometryCensus?: () => GeometryCensus } };
    const census = hook.__trafficMapRenderer?.geometryCensus?.();
    if (!census) throw new Error('window.__trafficMapRenderer.geometryCensus() is missing: is the map shown?');
    return census;
  });
}

/** Nodes in the document by element tag (and `#text`): tells a different screen from a leak of detached nodes. */
function documentCensus(): Promise<Record<string, number>> {
  return session.page.evaluate(() => {
    const counts: Record<string, number> = {};
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
      const key = n instanceof Element ? n.tagName.toLowerCase() : n.nodeName;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  });
}

/** What the document holds more or less at the end than at the start (same screen: nothing). */
function censusDifference(start: Record<string, number>, end: Record<string, number>): string {
  const keys = [...new Set([...Object.keys(start), ...Object.keys(end)])].sort();
  const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
  const moved = keys.filter((k) => (start[k] ?? 0) !== (end[k] ?? 0)).map((k) => `${k} ${start[k] ?? 0} -> ${end[k] ?? 0}`);
  return `nodes in the document: ${total(start)} -> ${total(end)}${moved.length > 0 ? ` (${moved.join(', ')})` : ' (same by tag)'}`;
}

async function snapshot(name: string): Promise<void> {
  const file = `.tmp/soak-${name}.heapsnapshot`;
  await takeHeapSnapshot(session.cdp, file);
  const heap = await session.cdp.send('Runtime.getHeapUsage');
  console.log(`  snapshot ${file} at ${refreshes()} refreshes since page load: heap ${mb(heap.usedSize)}`);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Least-squares slope of y over x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((x[i] ?? 0) - mx) * ((y[i] ?? 0) - my);
    den += ((x[i] ?? 0) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
