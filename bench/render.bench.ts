/**
 * Frames per second of the app's map against bare Vizceral drawing the same traffic object, at
 * 10, 100 and 300 nodes (the `synthetic:<nodes>` scenarios, eu-west datacenter view), in one
 * headless Chromium run; then the frames drawn while the table view is shown (map unmounted).
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
 * - Each side is measured `--rounds` times, alternately (app, bare, app, bare: a load that drifts
 *   during the run hits both), each round in a fresh page after a 2 s settle, over `--seconds`;
 *   the rate is all frames over all measured time of that side. One page at a time.
 * - GL draw calls per second (every WebGL context of the page) are counted as well: with the
 *   table view they must be 0.
 *
 * Targets: app/bare >= 0.9 at every size; ~0 frames (< 1 per second) with the table view.
 *
 *   npx tsx bench/render.bench.ts [--seconds 20] [--rounds 2] [--dist dist] [--demo] [sizes...]
 *   (needs dist/, or dist-demo/ with --demo)
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { MAP_STYLES, PAGE_BACKGROUND } from '../src/vizceral/vizceralRenderer.ts';
import { demoConfig, navigate, onEachRenderer, openSession, waitForMap } from './support/browser.ts';
import type { Session } from './support/browser.ts';
import { startPrometheusProcess } from './support/prometheus-server.ts';
import { check, ratio, table } from './support/measure.ts';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(argValue('seconds') ?? 20);
const ROUNDS = Number(argValue('rounds') ?? 2);
const DIST = argValue('dist') ?? 'dist';
const DEMO = process.argv.includes('--demo');
const SIZES = process.argv.slice(2).filter((a, i, all) => /^\d+$/.test(a) && !['--seconds', '--rounds', '--dist'].includes(all[i - 1] ?? '')).map(Number);
const sizes = SIZES.length > 0 ? SIZES : [10, 100, 300];
const DC = 'eu-west';
const HOME = `?dc=${DC}`;

/** Counters the page keeps: renderer frames (app or bare) and WebGL draw calls. */
const COUNTERS = `(() => {
  window.__frames = 0; window.__draws = 0;
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
  renderer.render = (time) => { window.__frames++; return render(time); };
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
  const loop = (time) => { viz.render(time); window.__frames++; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
};
</script></body></html>`;

interface Rate { frames: number; draws: number; seconds: number }

/** Frames and draw calls over `SECONDS`. */
async function rate(page: Page): Promise<Rate> {
  const read = () => page.evaluate(() => {
    const w = window as unknown as { __frames: number; __draws: number };
    return { frames: w.__frames, draws: w.__draws, t: performance.now() };
  });
  const a = await read();
  await page.waitForTimeout(SECONDS * 1000);
  const b = await read();
  return { frames: b.frames - a.frames, draws: b.draws - a.draws, seconds: (b.t - a.t) / 1000 };
}

const perSecond = (rates: readonly Rate[]): { frames: number; draws: number } => {
  const seconds = rates.reduce((n, r) => n + r.seconds, 0);
  return { frames: rates.reduce((n, r) => n + r.frames, 0) / seconds, draws: rates.reduce((n, r) => n + r.draws, 0) / seconds };
};

/** The app's map in a fresh page of the session, drawn and settled. */
async function openApp(session: Session & { readonly scenario: string }): Promise<Page> {
  const page = await session.context.newPage();
  if (DEMO) await page.addInitScript((name) => window.localStorage.setItem('traffic-map.demo.scenario', name), session.scenario);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(COUNTERS);
  await page.goto(`${session.url}/${HOME}`);
  await waitForMap(page);
  await page.waitForTimeout(2000);
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
  await bare.waitForTimeout(2000);
  return bare;
}

interface Row { nodes: number; app: { frames: number; draws: number }; bare: { frames: number; draws: number }; appRounds: number[]; bareRounds: number[]; table: { frames: number; draws: number } }
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
    const appRates: Rate[] = [];
    const bareRates: Rate[] = [];
    let traffic = 'null';
    let size = { width: 0, height: 0 };
    let tableView: Rate = { frames: NaN, draws: NaN, seconds: 1 };
    for (let round = 0; round < ROUNDS; round++) {
      const page = await openApp(session);
      appRates.push(await rate(page));
      if (round === 0) {
        size = await page.evaluate(() => {
          const r = document.querySelector('[data-testid="map"] canvas')?.getBoundingClientRect();
          return { width: Math.round(r?.width ?? 0), height: Math.round(r?.height ?? 0) };
        });
        traffic = await page.evaluate(() => JSON.stringify((window as unknown as { __lastTraffic?: unknown }).__lastTraffic ?? null));
        if (traffic === 'null') throw new Error('the app handed no traffic to the renderer');
        // The map unmounted: nothing may draw.
        await navigate(page, `${HOME}&view=table`);
        await page.waitForTimeout(1000);
        tableView = await rate(page);
      }
      await page.close();
      const bare = await openBare(session, traffic, size);
      bareRates.push(await rate(bare));
      await bare.close();
    }
    const row: Row = {
      nodes, app: perSecond(appRates), bare: perSecond(bareRates), table: perSecond([tableView]),
      appRounds: appRates.map((r) => r.frames / r.seconds), bareRounds: bareRates.map((r) => r.frames / r.seconds),
    };
    rows.push(row);
    console.log(`  ${nodes} nodes: app ${row.app.frames.toFixed(2)} fps (rounds ${row.appRounds.map((f) => f.toFixed(2)).join(', ')}; ${appRates.reduce((n, r) => n + r.frames, 0)} frames), bare ${row.bare.frames.toFixed(2)} fps (rounds ${row.bareRounds.map((f) => f.toFixed(2)).join(', ')}; ${bareRates.reduce((n, r) => n + r.frames, 0)} frames), table ${row.table.frames.toFixed(2)} fps (canvas ${size.width}x${size.height})`);
  } finally {
    await session.close();
    await prometheus?.close();
  }
}

console.log(`\nframes per second, ${ROUNDS} alternating rounds of ${SECONDS} s per side (headless Chromium, SwiftShader); app = ${DEMO ? 'dist-demo/, MSW in the page' : `${DIST}/, simulated Prometheus in another process`}; draws = WebGL draw calls per second\n`);
console.log(table(
  ['nodes', 'app fps', 'bare fps', 'app/bare', 'app draws/s', 'bare draws/s', 'table fps', 'table draws/s'],
  rows.map((r) => [r.nodes, r.app.frames.toFixed(2), r.bare.frames.toFixed(2), ratio(r.app.frames, r.bare.frames), r.app.draws.toFixed(0), r.bare.draws.toFixed(0), r.table.frames.toFixed(2), r.table.draws.toFixed(2)]),
));
console.log('');
for (const r of rows) check(r.app.frames >= 0.9 * r.bare.frames, `${r.nodes} nodes: app ${ratio(r.app.frames, r.bare.frames)} bare Vizceral (target >= 0.9x)`);
for (const r of rows) check(r.table.frames < 1 && r.table.draws < 1, `${r.nodes} nodes, table view: ${r.table.frames.toFixed(2)} frames/s, ${r.table.draws.toFixed(2)} draw calls/s (target ~0)`);
