/**
 * Takes the README/docs screenshots of the demo build: `npm run screenshots` (builds the demo
 * first). Writes docs/screenshot-*.png with Debian's Chromium, as the tests do. Pass a name to
 * take one: `npx tsx scripts/screenshots.ts focus`.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from '../e2e/support/staticServer.ts';

interface Shot {
  readonly name: string;
  readonly query: string;
  readonly width: number;
  readonly height: number;
  /** Demo scenario (src/mocks/scenarios.ts). */
  readonly scenario: string;
  readonly wait: string;
}

const MAP = '[data-map-updates]:not([data-map-updates="0"])';
const TABLE = '[data-testid="edges-table"] tbody tr';
const SHOTS: readonly Shot[] = [
  { name: 'global', query: '', width: 1600, height: 900, scenario: 'incident:dc-link-down', wait: MAP },
  { name: 'datacenter', query: '?dc=eu-west', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'focus', query: '?dc=eu-west&service=checkout', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'table', query: '?dc=eu-west&view=table', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: TABLE },
  { name: 'kiosk-4k', query: '?dc=eu-west&kiosk=1', width: 3840, height: 2160, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'baseline', query: '?dc=eu-west', width: 1600, height: 900, scenario: 'incident:checkout-drop', wait: MAP },
  { name: 'baseline-details', query: '?dc=eu-west&edge=frontend-ssr%20-%3E%20checkout', width: 1600, height: 900, scenario: 'incident:checkout-drop', wait: '[data-testid="chart-baseline"]' },
  { name: 'laptop', query: '?dc=eu-west&service=checkout', width: 1366, height: 768, scenario: 'incident:checkout-errors', wait: MAP },
];

const only = process.argv[2];
const server = await startStaticServer({ root: 'dist-demo' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    if (only && shot.name !== only) continue;
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.addInitScript((scenario) => window.localStorage.setItem('traffic-map.demo.scenario', scenario), shot.scenario);
    await page.goto(`${server.url}/${shot.query}`);
    await page.waitForSelector(shot.wait, { timeout: 30_000 });
    await page.waitForTimeout(Number(process.env.SHOT_SETTLE_MS ?? 5000));
    const file = `docs/screenshot-${shot.name}.png`;
    await page.screenshot({ path: file });
    await page.close();
    console.log('wrote', file);
  }
} finally {
  await browser.close();
  await server.close();
}
