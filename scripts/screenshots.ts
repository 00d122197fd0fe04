/**
 * Takes the README/docs screenshots of the demo build: `npm run build:demo && npx tsx scripts/screenshots.ts`.
 * Writes docs/screenshot-*.png. Uses Debian's Chromium, as the tests do.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from '../e2e/support/staticServer.ts';

const SHOTS: readonly { name: string; query: string; wait: string }[] = [
  { name: 'global', query: '', wait: '[data-map-updates]:not([data-map-updates="0"])' },
  { name: 'datacenter', query: '?dc=eu-west', wait: '[data-map-updates]:not([data-map-updates="0"])' },
  { name: 'focus', query: '?dc=eu-west&service=checkout', wait: '[data-map-updates]:not([data-map-updates="0"])' },
  { name: 'table', query: '?dc=eu-west&view=table', wait: '[data-testid="edges-table"] tbody tr' },
];

const width = Number(process.env.SHOT_WIDTH ?? 1600);
const height = Number(process.env.SHOT_HEIGHT ?? 900);
const only = process.argv[2];

const server = await startStaticServer({ root: 'dist-demo' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  for (const shot of SHOTS) {
    if (only && shot.name !== only) continue;
    await page.goto(`${server.url}/${shot.query}`);
    await page.waitForSelector(shot.wait, { timeout: 30_000 });
    await page.waitForTimeout(Number(process.env.SHOT_SETTLE_MS ?? 4000));
    const file = `docs/screenshot-${shot.name}${width !== 1600 ? `-${width}x${height}` : ''}.png`;
    await page.screenshot({ path: file });
    console.log('wrote', file);
  }
} finally {
  await browser.close();
  await server.close();
}
