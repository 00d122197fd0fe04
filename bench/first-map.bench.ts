/**
 * Time to the first drawn map for a cold incident link (`?dc=eu-west&service=checkout`, a fresh
 * browser context per run), against the `load` event of the same page, twice:
 *
 * - `demo`: the demo build (dist-demo/) with its simulated Prometheus in the page (MSW service
 *   worker start, query evaluation on the page's main thread): what `npm run demo` shows.
 * - `app`: the production build (dist/) with the same simulated Prometheus served over HTTP by
 *   another process (bench/support/prometheus-server.ts): what a deployment with a real server
 *   costs the browser. The target applies to this one.
 *
 * Each run starts a fresh browser, lets it finish its own start-up (3 s: see SETTLE_MS), then
 * opens the link.
 *
 * Three moments are reported, in ms since navigation start:
 * - `first frame`: the end of the first frame drawn with a laid-out view and data, the app's
 *   `traffic-map:first-frame` user-timing mark (FIRST_FRAME_MARK, src/vizceral/firstFrameMark.ts;
 *   builds from before it: the end of the renderer's first `render` after its first viewUpdated,
 *   through the window.__trafficMapRenderer hook). The target applies to it.
 * - `on screen`: the second animation frame after that mark, by when the compositor has taken the
 *   frame (here, without a GPU, that includes SwiftShader drawing it and a read-back of the
 *   canvas: a few hundred ms that a machine with a GPU does not spend). Reported, no target.
 * - `first map`: when the map element says so (`data-map-updates` leaves 0, committed by React
 *   after the frame): what the e2e specs wait for. Reported, no target.
 * `answered`: the last of the four traffic answers (resource timing), so `- answered` is the part
 * after the data.
 *
 * Then the gzip size of each asset of dist/, with budgets (exit 1 when over): app JS without the
 * vizceral chunk <= 150 kB gzip, the vizceral chunk <= 260 kB gzip. Target: first map < 1.5 s.
 *
 *   npx tsx bench/first-map.bench.ts [--runs 5] [--dist dist] [--only app|demo]   (needs dist-demo/ and dist/)
 *
 * `--levels`: the production build only, on the `large` scenario (400 services a datacenter in 12
 * groups), a cold link to each view level in turn (global, a datacenter drawn as groups, a group,
 * the focus of a quiet service), each against the same target.
 *
 * Two builds of the app compared run by run, which tells changes of tens of ms apart on a
 * machine whose load moves every figure by more between minutes: `--compare A B --pairs 10`
 * runs one cold link on each, in ABBA order, and prints the median of the paired differences
 * (`--link '?dc=eu-west&group=payments'` another link; with `--levels`, on the `large` scenario's warmed server).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIRST_FRAME_MARK } from '../src/vizceral/firstFrameMark.ts';
import { demoConfig, onEachRenderer, openSession, waitForMap } from './support/browser.ts';
import { startPrometheusProcess } from './support/prometheus-server.ts';
import type { WarmResult } from './support/prometheus-server.ts';
import { check, kb, median, ratio, table } from './support/measure.ts';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(argValue('runs') ?? 5);
const DIST = argValue('dist') ?? 'dist';
const ONLY = argValue('only');
const LEVELS = process.argv.includes('--levels');
const LEVEL_LINKS: readonly { level: string; link: string }[] = [
  { level: 'global', link: '' },
  { level: 'datacenter (groups)', link: '?dc=eu-west' },
  { level: 'group', link: '?dc=eu-west&group=payments' },
  { level: 'focus (quiet service)', link: '?dc=eu-west&service=payments-importer-2' },
];
let LINK = '?dc=eu-west&service=checkout';
const SCENARIO = LEVELS ? 'large' : 'calm';
const SETTLE_MS = 3_000;

/** ms since navigation start; `answered`: when the last of the first four queries (the traffic) was answered. */
interface Timings {
  load: number; map: number; firstQuery: number; answered: number; frame: number; screen: number;
  /** The server's time on the four traffic answers (their Server-Timing), ms; `cached`: how many of them it had kept (warmed). */
  server: number; cached: number;
}

/** The four traffic queries of a refresh, as the simulated server names them in Server-Timing (prometheus-server.ts). */
const TRAFFIC_KINDS = ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'];

/**
 * Records `window.__firstFrameAt` (builds without the app's mark: the end of the first frame drawn
 * after the renderer's first viewUpdated) and `window.__onScreenAt` (the second animation frame
 * after the first frame).
 */
const FIRST_FRAME = onEachRenderer(`(renderer) => {
  let laidOut = false;
  renderer.onUpdated(() => { laidOut = true; });
  const render = renderer.render;
  renderer.render = (time) => {
    const result = render(time);
    if (laidOut && window.__firstFrameAt === undefined) { window.__firstFrameAt = performance.now(); window.__onFirstFrame?.(); }
    return result;
  };
}`);
/** Logged by the page once on screen: the benchmark learns it from the console, without running anything in the page. */
const ON_SCREEN_SIGNAL = 'traffic-map-bench:on-screen';
const ON_SCREEN = `(() => {
  const mark = performance.mark.bind(performance);
  let seen = false;
  const onScreen = () => { if (seen) return; seen = true; requestAnimationFrame(() => requestAnimationFrame(() => { window.__onScreenAt = performance.now(); console.debug(${JSON.stringify(ON_SCREEN_SIGNAL)}); })); };
  performance.mark = (name, options) => { const entry = mark(name, options); if (name === ${JSON.stringify(FIRST_FRAME_MARK)}) onScreen(); return entry; };
  window.__onFirstFrame = onScreen;
})();`;

/**
 * Waits until the simulated Prometheus (one Node process) answers a cheap request at once: the
 * previous run's page may have left it evaluating range queries (the details panel's hour of the
 * large model takes seconds), which would otherwise stall this run's first requests.
 */
async function serverIdle(prometheus: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const started = Date.now();
    await fetch(`${prometheus}/api/v1/status/buildinfo`).then((r) => r.arrayBuffer()).catch(() => undefined);
    if (Date.now() - started < 50) return;
    if (Date.now() > deadline) throw new Error(`the simulated Prometheus stayed busy for ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

async function measure(mode: 'demo' | 'app', prometheus: string, dist = DIST, beforeGoto?: () => Promise<void>): Promise<Timings> {
  if (mode === 'app') await serverIdle(prometheus);
  const session = mode === 'demo'
    ? await openSession({ scenario: SCENARIO })
    : await openSession({ root: dist, overrides: { '/config.json': demoConfig({ prometheus: { url: prometheus, timeout: '10s' } }) } });
  try {
    // When the map first reports a laid-out view, in ms since navigation start.
    await session.page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const map = document.querySelector('[data-testid="map"]');
        if (map && map.getAttribute('data-map-updates') !== '0' && map.getAttribute('data-map-updates') !== null) {
          (window as unknown as { __firstMapAt?: number }).__firstMapAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-updates'] });
    });
    // When the first frame after that laid-out view was drawn: the renderer's `render` (the map's
    // animation frame) returning after its first viewUpdated, through the window.__trafficMapRenderer hook.
    await session.page.addInitScript(FIRST_FRAME);
    await session.page.addInitScript(ON_SCREEN);
    // A fresh browser (cold GPU process and caches), but one that has finished starting: headless
    // Chromium loads its omnibox popup WebUI in a renderer of its own for about 1.5 s after launch,
    // a whole core of this 2-core machine (seen in a trace). A link is opened in a running browser.
    await session.page.waitForTimeout(SETTLE_MS);
    // Nothing runs in the page until the map is on screen: Playwright's waitForFunction would
    // first inject its ~330 kB script into the page (a ~40 ms task on the main thread, seen in a
    // trace between the Vizceral chunk and the config check) and then poll every frame, which a
    // viewer's browser does not do. The page tells the console instead.
    // The server's warming first: at a high load it can take longer than the wait for the page.
    await beforeGoto?.();
    const onScreen = session.page.waitForEvent('console', { predicate: (m) => m.text() === ON_SCREEN_SIGNAL, timeout: 60_000 });
    onScreen.catch(() => {}); // awaited below; a failed navigation must not leave it unhandled
    await session.page.goto(`${session.url}/${LINK}`);
    await onScreen;
    await waitForMap(session.page);
    return await session.page.evaluate(({ mark, kinds }) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const queries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/api/v1/query')).sort((a, b) => a.startTime - b.startTime);
      // The first answer of each traffic query, as the server named it (the benchmark's server says; a server that does not: the first four queries).
      const named = kinds.map((kind) => queries.find((e) => e.serverTiming.some((t) => t.name === kind)));
      const traffic = named.every((e) => e !== undefined) ? named as PerformanceResourceTiming[] : queries.slice(0, 4);
      const timings = traffic.map((e) => e.serverTiming.find((t) => kinds.includes(t.name)));
      return {
        load: nav?.loadEventStart ?? NaN, map: (window as unknown as { __firstMapAt?: number }).__firstMapAt ?? NaN, firstQuery: queries[0]?.startTime ?? NaN,
        answered: traffic.length === 4 ? Math.max(...traffic.map((e) => e.responseEnd)) : NaN,
        server: timings.every((t) => t !== undefined) ? timings.reduce((sum, t) => sum + (t?.duration ?? 0), 0) : NaN,
        cached: timings.filter((t) => t?.description === 'cached').length,
        // The app's own mark (FIRST_FRAME_MARK) where the build has it, else the renderer hook.
        frame: performance.getEntriesByName(mark)[0]?.startTime ?? (window as unknown as { __firstFrameAt?: number }).__firstFrameAt ?? NaN,
        screen: (window as unknown as { __onScreenAt?: number }).__onScreenAt ?? NaN,
      };
    }, { mark: FIRST_FRAME_MARK, kinds: TRAFFIC_KINDS });
  } finally {
    await session.close();
  }
}

const COMPARE = process.argv.indexOf('--compare');
if (COMPARE >= 0) {
  const [a, b] = [process.argv[COMPARE + 1], process.argv[COMPARE + 2]];
  if (!a || !b) throw new Error('--compare needs two build directories');
  const pairs = Number(argValue('pairs') ?? 10);
  LINK = argValue('link') ?? LINK;
  const server = await startPrometheusProcess(SCENARIO);
  const rows: { a: Timings; b: Timings }[] = [];
  try {
    // The large scenario's server is warmed as in --levels: a first run records the link's queries.
    const warm = LEVELS ? async () => { await server.warm(); } : undefined;
    if (LEVELS) await measure('app', server.url, a);
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? [a, b] : [b, a];
      const got: Record<string, Timings> = {};
      for (const dist of order) got[dist] = await measure('app', server.url, dist, warm);
      rows.push({ a: got[a] as Timings, b: got[b] as Timings });
    }
  } finally {
    await server.close();
  }
  const difference = median(rows.map((r) => r.b.frame - r.a.frame));
  console.log(`${b} against ${a}: cold ${LINK}, ${pairs} pairs, one run of each (ABBA), ms since navigation start\n`);
  console.log(table(['pair', `${a} frame`, `${b} frame`, 'difference', `${a} on screen`, `${b} on screen`], [
    ...rows.map((r, i) => [String(i + 1), r.a.frame.toFixed(0), r.b.frame.toFixed(0), (r.b.frame - r.a.frame).toFixed(0), r.a.screen.toFixed(0), r.b.screen.toFixed(0)]),
    ['median', median(rows.map((r) => r.a.frame)).toFixed(0), median(rows.map((r) => r.b.frame)).toFixed(0), difference.toFixed(0), median(rows.map((r) => r.a.screen)).toFixed(0), median(rows.map((r) => r.b.screen)).toFixed(0)],
  ]));
  const sooner = rows.filter((r) => r.b.frame < r.a.frame).length;
  console.log(`\ninfo  ${b}: first frame sooner in ${sooner} of ${pairs} pairs; median paired difference ${difference.toFixed(0)} ms, on screen ${median(rows.map((r) => r.b.screen - r.a.screen)).toFixed(0)} ms`);
  process.exit(0);
}

if (LEVELS) {
  const prometheusForLevels = await startPrometheusProcess(SCENARIO);
  const rows: string[][] = [];
  const results: { level: string; frame: number; cached: number }[] = [];
  const warmed: string[] = [];
  try {
    for (const { level, link } of LEVEL_LINKS) {
      LINK = link;
      // A first run with the server cold, which records the link's queries; then runs on a
      // server that has just answered them for the seconds the page will ask (see answer-cache.ts).
      await prometheusForLevels.reset();
      const cold = await measure('app', prometheusForLevels.url);
      const runs: Timings[] = [];
      const warms: WarmResult[] = [];
      for (let run = 0; run < RUNS; run++) {
        runs.push(await measure('app', prometheusForLevels.url, DIST, async () => { warms.push(await prometheusForLevels.warm()); }));
      }
      const frame = median(runs.map((r) => r.frame));
      const cached = Math.min(...runs.map((r) => r.cached));
      results.push({ level, frame, cached });
      rows.push([
        level, `/${link}`, median(runs.map((r) => r.load)).toFixed(0), median(runs.map((r) => r.answered)).toFixed(0),
        `${median(runs.map((r) => r.server)).toFixed(0)} (${runs.map((r) => r.cached).join(' ')} of 4 kept)`, frame.toFixed(0),
        median(runs.map((r) => r.frame - r.answered)).toFixed(0), median(runs.map((r) => r.screen)).toFixed(0), runs.map((r) => r.frame.toFixed(0)).join(' '),
        `${cold.answered.toFixed(0)} / ${cold.server.toFixed(0)} / ${cold.frame.toFixed(0)}`,
      ]);
      warmed.push(`${level}: ${warms.map((w) => `${w.evaluated} answers in ${(w.ms / 1000).toFixed(1)} s (${w.passes} passes)`).join('; ')} (${warms[0]?.queries ?? 0} queries recorded)`);
    }
  } finally {
    await prometheusForLevels.close();
  }
  console.log(`app (${DIST}/, simulated Prometheus in another process, scenario ${SCENARIO}): a cold link to each level, ${RUNS} runs each on a warmed server, medians (ms since navigation start)\n`);
  console.log(table(['level', 'link', 'load event', 'traffic answered', 'server (4 traffic answers)', 'first frame', 'frame - answered', 'on screen', 'first frame of each run', 'server cold: answered / server / frame'], rows));
  console.log(`\nwarming before each run (the server evaluates the recorded queries for the next seconds; the browser is idle then):\n${warmed.map((w) => `  ${w}`).join('\n')}\n`);
  for (const r of results) {
    check(r.frame < 1500, `${r.level}: first frame at ${r.frame.toFixed(0)} ms (target < 1,500 ms)`);
    if (r.cached < 4) console.log(`info  ${r.level}: in some run the server had not kept all four traffic answers (it evaluated the rest: see its time)`);
  }
  process.exit(process.exitCode ?? 0);
}

const medians: Partial<Record<'demo' | 'app', Timings>> = {};
const prometheus = await startPrometheusProcess(SCENARIO);
// Stopped also when a run fails: a left-over server would keep this process's output pipe open.
try {
  for (const mode of (['app', 'demo'] as const).filter((m) => !ONLY || m === ONLY)) {
    const runs: Timings[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await measure(mode, prometheus.url));
    const med = { server: median(runs.map((r) => r.server)), cached: median(runs.map((r) => r.cached)), load: median(runs.map((r) => r.load)), map: median(runs.map((r) => r.map)), firstQuery: median(runs.map((r) => r.firstQuery)), answered: median(runs.map((r) => r.answered)), frame: median(runs.map((r) => r.frame)), screen: median(runs.map((r) => r.screen)) };
    const after = median(runs.map((r) => r.map - r.answered));
    const frameAfter = median(runs.map((r) => r.frame - r.answered));
    medians[mode] = med;
    console.log(`${mode === 'app' ? `app (${DIST}/, simulated Prometheus in another process)` : 'demo (dist-demo/, MSW in the page)'}: cold ${LINK}, ${RUNS} runs (ms since navigation start)\n`);
    console.log(table(['run', 'load event', 'first query', 'traffic answered', 'first frame', 'frame - answered', 'on screen', 'first map', 'map - answered'], [
      ...runs.map((r, i) => [String(i + 1), r.load.toFixed(0), r.firstQuery.toFixed(0), r.answered.toFixed(0), r.frame.toFixed(0), (r.frame - r.answered).toFixed(0), r.screen.toFixed(0), r.map.toFixed(0), (r.map - r.answered).toFixed(0)]),
      ['median', med.load.toFixed(0), med.firstQuery.toFixed(0), med.answered.toFixed(0), med.frame.toFixed(0), frameAfter.toFixed(0), med.screen.toFixed(0), med.map.toFixed(0), after.toFixed(0)],
    ]));
    console.log('');
  }
} finally {
  await prometheus.close();
}

console.log(`bundle (${DIST}/assets, gzip -9 via zlib)\n`);
const assets = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
const sizes = assets.map((f) => {
  const data = readFileSync(join(DIST, 'assets', f));
  return { file: f, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
});
console.log(table(['asset', 'raw', 'gzip'], sizes.map((s) => [s.file, kb(s.raw), kb(s.gzip)])));
const isJs = (f: string): boolean => f.endsWith('.js');
const vizceral = sizes.filter((s) => isJs(s.file) && s.file.startsWith('vizceral')).reduce((n, s) => n + s.gzip, 0);
const app = sizes.filter((s) => isJs(s.file) && !s.file.startsWith('vizceral')).reduce((n, s) => n + s.gzip, 0);
console.log('');
if (medians.app) check(medians.app.frame < 1500, `app: first frame of the map drawn at ${medians.app.frame.toFixed(0)} ms, ${ratio(medians.app.frame, medians.app.load)} the load event (target < 1,500 ms)`);
if (medians.app) console.log(`info  app: on screen (second animation frame after it) ${medians.app.screen.toFixed(0)} ms; map element ready ${medians.app.map.toFixed(0)} ms (no target)`);
if (medians.demo) console.log(`info  demo: first frame ${medians.demo.frame.toFixed(0)} ms, on screen ${medians.demo.screen.toFixed(0)} ms (MSW in the page; no target)`);
check(app <= 150 * 1024, `app JS without vizceral ${kb(app)} gzip (budget 150 kB)`);
check(vizceral > 0 && vizceral <= 260 * 1024, `vizceral chunk ${kb(vizceral)} gzip (budget 260 kB)`);
