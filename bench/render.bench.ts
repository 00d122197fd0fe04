/**
 * Frames per second of the app's map against bare Vizceral drawing the same traffic object, at
 * 10, 100 and 300 nodes (the `synthetic:<nodes>` scenarios, eu-west datacenter view), in one
 * headless Chromium run; then what is drawn while the map is not visible: scrolled out of the
 * viewport, in a hidden tab, and with the table view shown (map unmounted).
 *
 * - app: the production build (dist/) against the simulated Prometheus in another process
 *   (bench/support/prometheus-server.ts, as first-map's `app` run), refreshing at its interval
 *   (the scrape interval, 5 s): every refresh's fetch, parse, graph build, React render and
 *   `updateData` is counted, the evaluation of the queries is not (a real server does it).
 *   `--demo` measures the demo build instead (MSW evaluates the queries on the page's main
 *   thread: the first pass's method). Frames = calls of the renderer's `render` (the map's
 *   requestAnimationFrame loop), counted through the `window.__trafficMapRenderer` hook.
 * - bare: a static page with node_modules/vizceral/dist/vizceral.js (UMD), the same canvas size,
 *   styles and view, drawing the traffic object the app last handed to `updateData` (static: no
 *   refresh), in its own requestAnimationFrame loop.
 * - The ratio: `--pairs` pairs of rounds, app and bare, in ABBA order (app-bare, bare-app,
 *   app-bare, ...: a load that drifts during the run hits both sides alike); each round in a
 *   fresh page, measured after a settle (`SETTLE_MS`) over `--seconds` (a multiple of the app's
 *   5 s refresh, so every app round holds the same number of refreshes). A round's rate is its
 *   frames over the time between its first and last frame (no quantisation to whole frames).
 *   Each pair gives app/bare; the figure is the median of the pairs' ratios, printed with their
 *   interquartile range and min-max. One page at a time.
 * - Not visible (each measured over `QUIET_SECONDS`, then shown again: the map must draw again):
 *   offscreen = the app's page made taller than the window (a spacer under it) and scrolled to
 *   its end, the map out of the viewport (an IntersectionObserver of the benchmark's own checks
 *   it); hidden tab = the app in a headless Chromium driven over the DevTools pipe (see
 *   support/hiddenTab.ts: Playwright keeps every page visible), another tab opened in front,
 *   `document.visibilityState` read in the page and printed; table view = the map unmounted.
 * - GL draw calls per second (every WebGL context of the page) are counted as well.
 *
 * Targets: app/bare >= 0.9 at every size (median of the pairs); ~0 frames and draw calls
 * (< 1 per second) offscreen, in a hidden tab and with the table view, and drawing again after.
 *
 *   npx tsx bench/render.bench.ts [--seconds 15] [--pairs 6] [--dist dist] [--demo] [--no-hidden] [sizes...]
 *   (needs dist/, or dist-demo/ with --demo)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { MAP_STYLES, PAGE_BACKGROUND } from '../src/vizceral/mapStyles.ts';
import { demoConfig, navigate, onEachRenderer, openSession, VIEWPORT, waitForMap } from './support/browser.ts';
import type { Session } from './support/browser.ts';
import { offscreen, onPage, perSecond, quantile, rate } from './support/frames.ts';
import type { Quiet, Rate } from './support/frames.ts';
import { openHiddenTabBrowser } from './support/hiddenTab.ts';
import { startPrometheusProcess } from './support/prometheus-server.ts';
import { check, median, table } from './support/measure.ts';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(argValue('seconds') ?? 15);
const PAIRS = Number(argValue('pairs') ?? 6);
const DIST = argValue('dist') ?? 'dist';
const DEMO = process.argv.includes('--demo');
const HIDDEN = !process.argv.includes('--no-hidden');
const SIZES = process.argv.slice(2).filter((a, i, all) => /^\d+$/.test(a) && !['--seconds', '--pairs', '--dist'].includes(all[i - 1] ?? '')).map(Number);
const sizes = SIZES.length > 0 ? SIZES : [10, 100, 300];
const DC = 'eu-west';
const HOME = `?dc=${DC}`;
/** Left to a fresh page before its round: first frames, shader compilation, the first refreshes' work. */
const SETTLE_MS = 3000;
/** How long each not-visible state is measured. */
const QUIET_SECONDS = 8;

/** Counters the page keeps: renderer frames (app or bare, with their times) and WebGL draw calls. */
const COUNTERS = `(() => {
  window.__frames = 0; window.__draws = 0; window.__frameTimes = [];
  window.__frame = () => { window.__frames++; window.__frameTimes.push(performance.now()); };
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of ['drawArrays', 'drawElements']) {
      const original = proto[name];
      proto[name] = function (...args) { window.__draws++; return original.apply(this, args); };
    }
  }
})();
${onEachRenderer(`(renderer) => {
  // The app's map: count its render calls and keep the traffic object it last drew.
  const render = renderer.render, updateData = renderer.updateData;
  renderer.render = (time) => { window.__frame(); return render(time); };
  renderer.updateData = (traffic) => { window.__lastTraffic = traffic; return updateData(traffic); };
  window.__lastTraffic ??= null;
}`)}`;

const BARE_PAGE = (width: number, height: number): string => `<!doctype html>
<html><head><meta charset="utf-8"><title>bare vizceral</title>
<style>html, body { margin: 0; background: #11141a; } #stage { width: ${width}px; height: ${height}px; position: relative; } canvas { width: 100%; height: 100%; display: block; }</style>
</head><body><div id="stage"><canvas id="map"></canvas></div>
<script src="/bare/vizceral.js"></script>
<script>
window.startBare = (traffic, view, styles, background) => {
  const Vizceral = window.Vizceral.default || window.Vizceral;
  const viz = new Vizceral(document.getElementById('map'));
  viz.updateStyles(styles);
  viz.renderer.setClearColor(background, 1);
  viz.setOptions({ showLabels: true, allowDraggingOfNodes: false });
  window.__updated = 0;
  viz.on('viewUpdated', () => { window.__updated++; });
  viz.updateData(traffic);
  viz.setView(view);
  const loop = (time) => { viz.render(time); window.__frame(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
};
</script></body></html>`;

/** The app's map in a fresh page of the session, drawn and settled. */
async function openApp(session: Session & { readonly scenario: string }): Promise<Page> {
  const page = await session.context.newPage();
  if (DEMO) await page.addInitScript((name) => window.localStorage.setItem('traffic-map.demo.scenario', name), session.scenario);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(COUNTERS);
  await page.goto(`${session.url}/${HOME}`);
  await waitForMap(page);
  await page.waitForTimeout(SETTLE_MS);
  return page;
}

/** Bare Vizceral in a fresh page of the session: the same traffic, canvas size, styles and view. */
async function openBare(session: Session, traffic: string, size: { width: number; height: number }): Promise<Page> {
  const bare = await session.context.newPage();
  await bare.route('**/bare/index.html', (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE(size.width, size.height) }));
  await bare.addInitScript(COUNTERS);
  await bare.goto(`${session.url}/bare/index.html`);
  await bare.evaluate(([t, view, styles, background]) => {
    (window as unknown as { startBare: (...a: unknown[]) => void }).startBare(JSON.parse(t as string), view, styles, background);
  }, [traffic, [DC], MAP_STYLES, PAGE_BACKGROUND] as const);
  await bare.waitForFunction(() => (window as unknown as { __updated: number }).__updated > 0, undefined, { timeout: 60_000 });
  await bare.waitForTimeout(SETTLE_MS);
  return bare;
}

/** The app in a tab another tab was opened in front of (a headless Chromium of its own). */
async function hiddenTab(url: string, scenario: string): Promise<Quiet> {
  const init = DEMO ? `localStorage.setItem('traffic-map.demo.scenario', ${JSON.stringify(scenario)});\n${COUNTERS}` : COUNTERS;
  const browser = await openHiddenTabBrowser(url, init, VIEWPORT);
  try {
    const deadline = Date.now() + 60_000;
    while (!(await browser.evaluate<boolean>(`document.querySelector('[data-testid="map"]')?.getAttribute('data-map-ready') === 'true'`).catch(() => false))) {
      if (Date.now() > deadline) throw new Error('hidden tab: the map was not drawn within 60 s');
      await new Promise((ok) => setTimeout(ok, 250));
    }
    await new Promise((ok) => setTimeout(ok, SETTLE_MS));
    const shown = await rate(browser.evaluate, 2);
    if (shown.frames === 0) throw new Error('hidden tab: the map draws nothing even while shown');
    await browser.hide();
    await new Promise((ok) => setTimeout(ok, 500));
    const state = await browser.evaluate<string>('document.visibilityState');
    const quiet = await rate(browser.evaluate, QUIET_SECONDS);
    await browser.show();
    const back = await rate(browser.evaluate, 2);
    return { rate: quiet, state: `visibilityState ${state}; back: ${await browser.evaluate<string>('document.visibilityState')}`, resumed: back.frames };
  } finally {
    await browser.close();
  }
}

interface Row {
  nodes: number; size: string;
  app: Rate[]; bare: Rate[]; pairRatios: number[];
  offscreen: Quiet; hidden: Quiet | null; table: Rate;
}
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const started = new Date();
console.log(`render benchmark ${started.toISOString()}, load average ${load()}`);
const rows: Row[] = [];
for (const nodes of sizes) {
  const scenario = `synthetic:${nodes}`;
  const prometheus = DEMO ? null : await startPrometheusProcess(scenario);
  const config = demoConfig({
    datacenters: [DC], maxNodesPerView: Math.max(150, nodes + 10),
    ...(prometheus ? { prometheus: { url: prometheus.url, timeout: '10s' } } : {}),
  });
  const opened = await openSession({
    ...(DEMO ? {} : { root: DIST }),
    overrides: {
      '/config.json': config,
      '/bare/index.html': BARE_PAGE(0, 0),
      '/bare/vizceral.js': readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8'),
    },
  });
  const session = Object.assign(opened, { scenario });
  await session.page.close();
  try {
    // A first app page: the traffic object and canvas size for bare, then the map not visible.
    const first = await openApp(session);
    const size = await first.evaluate(() => {
      const r = document.querySelector('[data-testid="map"] canvas')?.getBoundingClientRect();
      return { width: Math.round(r?.width ?? 0), height: Math.round(r?.height ?? 0) };
    });
    const traffic = await first.evaluate(() => JSON.stringify((window as unknown as { __lastTraffic?: unknown }).__lastTraffic ?? null));
    if (traffic === 'null') throw new Error('the app handed no traffic to the renderer');
    const off = await offscreen(first, QUIET_SECONDS);
    await navigate(first, `${HOME}&view=table`);
    await first.waitForTimeout(1000);
    const tableView = await rate(onPage(first), QUIET_SECONDS);
    await first.close();
    const hidden = HIDDEN ? await hiddenTab(`${session.url}/${HOME}`, scenario) : null;

    const app: Rate[] = [];
    const bare: Rate[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const side of pair % 2 === 0 ? ['app', 'bare'] : ['bare', 'app']) {
        const page = side === 'app' ? await openApp(session) : await openBare(session, traffic, size);
        (side === 'app' ? app : bare).push(await rate(onPage(page), SECONDS));
        await page.close();
      }
    }
    const row: Row = { nodes, size: `${size.width}x${size.height}`, app, bare, pairRatios: app.map((a, i) => a.fps / (bare[i]?.fps ?? NaN)), offscreen: off, hidden, table: tableView };
    rows.push(row);
    const fmt = (rates: Rate[]) => rates.map((r) => r.fps.toFixed(2)).join(' ');
    console.log(`  ${nodes} nodes (canvas ${row.size}, load ${load()}): app fps ${fmt(app)}; bare fps ${fmt(bare)}; pair ratios ${row.pairRatios.map((r) => r.toFixed(3)).join(' ')}`);
    console.log(`    offscreen: ${off.state}; ${off.rate.frames} frames, ${off.rate.draws} draw calls in ${off.rate.seconds.toFixed(1)} s; ${off.resumed} frames in 2 s once back`);
    if (hidden) console.log(`    hidden tab: ${hidden.state}; ${hidden.rate.frames} frames, ${hidden.rate.draws} draw calls in ${hidden.rate.seconds.toFixed(1)} s; ${hidden.resumed} frames in 2 s once shown`);
    console.log(`    table view: ${tableView.frames} frames, ${tableView.draws} draw calls in ${tableView.seconds.toFixed(1)} s`);
  } finally {
    await session.close();
    await prometheus?.close();
  }
}

const minutes = (Date.now() - started.getTime()) / 60_000;
console.log(`\nframes per second, ${PAIRS} pairs of ${SECONDS} s rounds in ABBA order (headless Chromium, SwiftShader); app = ${DEMO ? 'dist-demo/, MSW in the page' : `${DIST}/, simulated Prometheus in another process`}; fps = medians of the rounds; ratio = median of the pairs' app/bare [interquartile range] (min-max); draws = WebGL draw calls per second; ${minutes.toFixed(1)} min, load average at the end ${load()}\n`);
const q = (r: Quiet | null): [string, string] => (r ? [perSecond(r.rate).frames.toFixed(2), perSecond(r.rate).draws.toFixed(2)] : ['-', '-']);
console.log(table(
  ['nodes', 'app fps', 'bare fps', 'app/bare', 'IQR', 'min-max', 'app draws/s', 'bare draws/s', 'offscreen fps', 'draws/s', 'hidden fps', 'draws/s', 'table fps', 'draws/s'],
  rows.map((r) => [
    r.nodes, median(r.app.map((x) => x.fps)).toFixed(2), median(r.bare.map((x) => x.fps)).toFixed(2),
    `${median(r.pairRatios).toFixed(2)}x`, `${quantile(r.pairRatios, 0.25).toFixed(2)}-${quantile(r.pairRatios, 0.75).toFixed(2)}`,
    `${Math.min(...r.pairRatios).toFixed(2)}-${Math.max(...r.pairRatios).toFixed(2)}`,
    median(r.app.map((x) => perSecond(x).draws)).toFixed(0), median(r.bare.map((x) => perSecond(x).draws)).toFixed(0),
    ...q(r.offscreen), ...q(r.hidden), ...q({ rate: r.table, state: '', resumed: 0 }),
  ]),
));
console.log('');
const quiet = (name: string, r: Quiet, resumes = true) => {
  const { frames, draws } = perSecond(r.rate);
  return check(frames < 1 && draws < 1 && (!resumes || r.resumed > 0), `${name}: ${frames.toFixed(2)} frames/s, ${draws.toFixed(2)} draw calls/s (target ~0)${resumes ? `; ${r.resumed} frames in 2 s once visible again` : ''}`);
};
for (const r of rows) {
  const m = median(r.pairRatios);
  check(m >= 0.9, `${r.nodes} nodes: app ${m.toFixed(2)}x bare Vizceral, median of ${r.pairRatios.length} pairs, interquartile ${quantile(r.pairRatios, 0.25).toFixed(2)}-${quantile(r.pairRatios, 0.75).toFixed(2)} (target >= 0.9x)`);
}
for (const r of rows) {
  quiet(`${r.nodes} nodes, map offscreen (${r.offscreen.state})`, r.offscreen);
  if (r.hidden) {
    const really = r.hidden.state.startsWith('visibilityState hidden');
    if (!check(really, `${r.nodes} nodes, hidden tab: ${r.hidden.state}`)) continue;
    quiet(`${r.nodes} nodes, hidden tab`, r.hidden);
  }
  quiet(`${r.nodes} nodes, table view`, { rate: r.table, state: '', resumed: 0 }, false);
}
