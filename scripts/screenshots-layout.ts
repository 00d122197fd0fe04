/**
 * Screenshots of the `large` demo scenario (400 services a datacenter in 12 groups) with
 * `maxNodesPerView: 60`, on a 1366×768 laptop and a 3840×2160 kiosk wall, and what the layout check
 * (src/vizceral/layoutOverlaps.ts) finds on each: `npm run build:demo && npx tsx scripts/screenshots-layout.ts [name] [--out dir]`.
 * Writes docs/screenshot-<name>.png.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from '../e2e/support/staticServer.ts';
import { edgesThroughNodes, overlaps } from '../src/vizceral/layoutOverlaps.ts';
import type { DrawnView } from '../src/vizceral/layoutOverlaps.ts';

interface Shot {
  readonly name: string; readonly query: string; readonly width: number; readonly height: number; readonly scenario: string;
  /** `/flat/`: the same build with `groupBy: "off"`, so the datacenter view is its 60 busiest services. */
  readonly mount?: '/flat/';
}

const SHOTS: readonly Shot[] = [
  { name: 'groups', query: '?dc=eu-west', width: 1366, height: 768, scenario: 'large' },
  { name: 'group', query: '?dc=eu-west&group=payments', width: 1366, height: 768, scenario: 'large' },
  { name: 'groups-4k', query: '?dc=eu-west&kiosk=1', width: 3840, height: 2160, scenario: 'large' },
  { name: 'group-4k', query: '?dc=eu-west&group=payments&kiosk=1', width: 3840, height: 2160, scenario: 'large' },
  { name: 'flat-60', query: '?dc=eu-west', width: 1366, height: 768, scenario: 'large', mount: '/flat/' },
  { name: 'flat-60-4k', query: '?dc=eu-west&kiosk=1', width: 3840, height: 2160, scenario: 'large', mount: '/flat/' },
  { name: 'large-global', query: '', width: 1366, height: 768, scenario: 'large' },
];

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1]! : 'docs';
const only = args.find((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
const config = { ...(JSON.parse(readFileSync('dist-demo/config.json', 'utf8')) as object), maxNodesPerView: 60 };
const server = await startStaticServer({
  root: 'dist-demo',
  mounts: ['/flat/'],
  overrides: { '/config.json': JSON.stringify(config), '/flat/config.json': JSON.stringify({ ...config, groupBy: 'off' }) },
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    if (only && shot.name !== only) continue;
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.addInitScript((scenario) => window.localStorage.setItem('traffic-map.demo.scenario', scenario), shot.scenario);
    await page.goto(`${server.url}${shot.mount ?? '/'}${shot.query}`);
    await page.waitForSelector('[data-map-updates]:not([data-map-updates="0"])', { timeout: 60_000 });
    await page.waitForTimeout(Number(process.env.SHOT_SETTLE_MS ?? 5000));
    const file = `${out}/screenshot-${shot.name}.png`;
    await page.screenshot({ path: file, timeout: 120_000 });
    const drawn = await page.evaluate(() => (window as unknown as { __trafficMapRenderer: { layoutBoxes(): unknown } }).__trafficMapRenderer.layoutBoxes()) as DrawnView;
    const found = [...overlaps(drawn), ...edgesThroughNodes(drawn)];
    const kinds = new Map<string, number>();
    for (const o of found) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    console.log(`wrote ${file}: ${drawn.nodes.length} nodes, ${drawn.nodes.filter((n) => n.label).length} labels;`, Object.fromEntries(kinds));
    if (process.env.SHOW_OVERLAPS) console.log(found.filter((o) => o.kind !== 'edge-through-node').slice(0, 20));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
