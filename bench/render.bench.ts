/**
 * Frames per second of the app's map against bare Vizceral drawing the same traffic object, at
 * 10, 100 and 300 nodes (the demo's `synthetic:<nodes>` scenarios, eu-west datacenter view), in
 * one headless Chromium run; then the frames drawn while the table view is shown (map unmounted).
 *
 * - app: the demo build, refreshing at its interval; frames = calls of the renderer's `render`
 *   (the map's requestAnimationFrame loop), counted through the `window.__trafficMapRenderer` hook.
 * - bare: a static page with node_modules/vizceral/dist/vizceral.js (UMD), the same canvas size,
 *   styles and view, drawing the traffic object the app last handed to `updateData`, in its own
 *   requestAnimationFrame loop.
 * - GL draw calls per second (every WebGL context of the page) are counted as well: with the
 *   table view they must be 0.
 *
 * Targets: app/bare >= 0.9 at every size; ~0 frames (< 1 per second) with the table view.
 *
 *   npx tsx bench/render.bench.ts [--seconds 8] [sizes...]      (needs dist-demo/)
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { MAP_STYLES, PAGE_BACKGROUND } from '../src/vizceral/vizceralRenderer.ts';
import { demoConfig, navigate, openSession, waitForMap } from './support/browser.ts';
import { check, ratio, table } from './support/measure.ts';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(argValue('seconds') ?? 8);
const SIZES = process.argv.slice(2).filter((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--seconds').map(Number);
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
  // The app's map: count its render calls and keep the traffic object it last drew.
  let hooked;
  Object.defineProperty(window, '__trafficMapRenderer', {
    configurable: true,
    get() { return hooked; },
    set(renderer) {
      hooked = renderer;
      if (!renderer || renderer.__counted) return;
      renderer.__counted = true;
      const render = renderer.render, updateData = renderer.updateData;
      renderer.render = (time) => { window.__frames++; return render(time); };
      renderer.updateData = (traffic) => { window.__lastTraffic = traffic; return updateData(traffic); };
      window.__lastTraffic ??= null;
    },
  });
})();`;

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

interface Rate { frames: number; draws: number }

/** Frames and draw calls per second over `SECONDS`. */
async function rate(page: Page): Promise<Rate> {
  const read = () => page.evaluate(() => {
    const w = window as unknown as { __frames: number; __draws: number };
    return { frames: w.__frames, draws: w.__draws, t: performance.now() };
  });
  const a = await read();
  await page.waitForTimeout(SECONDS * 1000);
  const b = await read();
  const s = (b.t - a.t) / 1000;
  return { frames: (b.frames - a.frames) / s, draws: (b.draws - a.draws) / s };
}

interface Row { nodes: number; app: Rate; bare: Rate; table: Rate }
const rows: Row[] = [];
for (const nodes of sizes) {
  const session = await openSession({
    scenario: `synthetic:${nodes}`,
    overrides: {
      '/config.json': demoConfig({ datacenters: [DC], maxNodesPerView: Math.max(150, nodes + 10) }),
      '/bare/index.html': BARE_PAGE(0, 0),
      '/bare/vizceral.js': readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8'),
    },
  });
  try {
    const { page } = session;
    await page.addInitScript(COUNTERS);
    await page.goto(`${session.url}/${HOME}`);
    await waitForMap(page);
    await page.waitForTimeout(2000);
    const app = await rate(page);
    const size = await page.evaluate(() => {
      const r = document.querySelector('[data-testid="map"] canvas')?.getBoundingClientRect();
      return { width: Math.round(r?.width ?? 0), height: Math.round(r?.height ?? 0) };
    });
    const traffic = await page.evaluate(() => JSON.stringify((window as unknown as { __lastTraffic?: unknown }).__lastTraffic ?? null));
    if (traffic === 'null') throw new Error('the app handed no traffic to the renderer');
    // The map unmounted: nothing may draw.
    await navigate(page, `${HOME}&view=table`);
    await page.waitForTimeout(1000);
    const tableView = await rate(page);

    // Bare Vizceral in a page of its own (same browser), the same traffic, canvas size and view.
    const bare = await session.context.newPage();
    await bare.route('**/bare/index.html', (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE(size.width, size.height) }));
    await bare.addInitScript(COUNTERS);
    await page.close();
    await bare.goto(`${session.url}/bare/index.html`);
    await bare.evaluate(([t, view, styles, background]) => {
      (window as unknown as { startBare: (...a: unknown[]) => void }).startBare(JSON.parse(t as string), view, styles, background);
    }, [traffic, [DC], MAP_STYLES, PAGE_BACKGROUND] as const);
    await bare.waitForFunction(() => (window as unknown as { __updated: number }).__updated > 0, undefined, { timeout: 60_000 });
    await bare.waitForTimeout(2000);
    const bareRate = await rate(bare);
    rows.push({ nodes, app, bare: bareRate, table: tableView });
    console.log(`  ${nodes} nodes: app ${app.frames.toFixed(1)} fps, bare ${bareRate.frames.toFixed(1)} fps, table ${tableView.frames.toFixed(2)} fps (canvas ${size.width}x${size.height})`);
  } finally {
    await session.close();
  }
}

console.log(`\nframes per second over ${SECONDS} s (headless Chromium, SwiftShader); draws = WebGL draw calls per second\n`);
console.log(table(
  ['nodes', 'app fps', 'bare fps', 'app/bare', 'app draws/s', 'bare draws/s', 'table fps', 'table draws/s'],
  rows.map((r) => [r.nodes, r.app.frames.toFixed(1), r.bare.frames.toFixed(1), ratio(r.app.frames, r.bare.frames), r.app.draws.toFixed(0), r.bare.draws.toFixed(0), r.table.frames.toFixed(2), r.table.draws.toFixed(2)]),
));
console.log('');
for (const r of rows) check(r.app.frames >= 0.9 * r.bare.frames, `${r.nodes} nodes: app ${ratio(r.app.frames, r.bare.frames)} bare Vizceral (target >= 0.9x)`);
for (const r of rows) check(r.table.frames < 1 && r.table.draws < 1, `${r.nodes} nodes, table view: ${r.table.frames.toFixed(2)} frames/s, ${r.table.draws.toFixed(2)} draw calls/s (target ~0)`);
