/**
 * Screenshots of an Istio-named platform: `npm run screenshots:istio` (builds the app first).
 * The simulator's `istio` preset (services as `workload.namespace`: `checkout.shop`,
 * `postgres.data`, ...) scraped by a real Prometheus on a free port, read by the production
 * build; writes docs/screenshot-istio-*.png with Debian's Chromium, as the tests do.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startPresetStack, waitForPresetData } from '../e2e/support/realPresetStack.ts';

const SHOTS = [
  { name: 'istio-datacenter', query: '?dc=eu-west', width: 1600, height: 900 },
  { name: 'istio-focus', query: '?dc=eu-west&service=checkout.shop', width: 1600, height: 900 },
  { name: 'istio-table', query: '?dc=eu-west&view=table', width: 1366, height: 768 },
] as const;

const stack = await startPresetStack(['istio']);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  await waitForPresetData(stack, ['istio'], 60_000);
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.goto(`${stack.appUrl('istio')}${shot.query}`);
    await page.waitForSelector(shot.name.endsWith('table') ? '[data-testid="edges-table"] tbody tr' : '[data-map-ready="true"]', { timeout: 60_000 });
    await page.waitForTimeout(Number(process.env.SHOT_SETTLE_MS ?? 5000));
    const file = `docs/screenshot-${shot.name}.png`;
    // Taken while live (on a busy machine a refresh can run late: the page then says "stale").
    for (let tries = 0; ; tries++) {
      await page.waitForSelector('[data-liveness="live"]', { timeout: 60_000 });
      await page.screenshot({ path: file });
      if (await page.locator('[data-liveness="live"]').count() > 0 || tries >= 5) break;
    }
    await page.close();
    console.log('wrote', file);
  }
} finally {
  await browser.close();
  await stack.close();
}
