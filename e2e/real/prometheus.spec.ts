/**
 * The app against a real Prometheus (Debian's 2.42) scraping the traffic simulator every 2 s;
 * refreshInterval "auto" (so the app refreshes every 2 s) and a 30 s rate window.
 */
import { expect, test } from '@playwright/test';
import { healthOf, expectTableMatchesPromQL } from '../support/realChecks.ts';
import { latestViewAnswerCheck } from '../support/realViewAnswers.ts';
import { DATACENTERS, startStack, waitForData } from '../support/realStack.ts';
import type { RealStack } from '../support/realStack.ts';

const REFRESH_MS = 2_000;
const SCRAPE_MS = 2_000;
const WINDOW_MS = 30_000;
/**
 * How long a fault (or its end) takes to show: the error share over the rate window has to
 * cross the threshold (up to a whole window to fall back to normal), the series need one more
 * scrape, and the app two refreshes. 30 + 2 + 2 x 2 = 36 s, plus 4 s of slack.
 */
const HEALTH_BOUND_MS = WINDOW_MS + SCRAPE_MS + 2 * REFRESH_MS + 4_000;

test.describe.configure({ mode: 'serial' });

let stack: RealStack;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startStack({ topology: 'prometheus', scrapeInterval: '2s', rateWindow: '30s' });
  await waitForData(stack);
});

test.afterAll(async () => {
  await stack?.close();
});

const serverUrl = (): string => stack.servers[0]?.url ?? '';

for (const dc of DATACENTERS) {
  test(`every edge rate of ${dc} matches PromQL at the same evaluation time`, async ({ page }) => {
    await page.goto(`${stack.appUrl}/?view=table&dc=${dc}`);
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
    await expect(page.getByTestId('freshness')).toContainText('every 2 s');
    await expect(page.locator('[data-testid="edges-table"] tbody tr').first()).toBeVisible();
    await expectTableMatchesPromQL(page, [serverUrl()], dc, stack.rateWindow);
  });
}

test('a 5xx fault turns the edge and the node to danger, and clearing it turns them back', async ({ page }) => {
  test.setTimeout(3 * HEALTH_BOUND_MS);
  const edge = { source: 'frontend-ssr', target: 'checkout' };
  await page.goto(`${stack.appUrl}/?view=table&dc=eu-west`);
  await expect.poll(() => healthOf(page, edge, 'checkout')).toEqual({ edge: 'normal', node: 'normal' });

  const faulted = Date.now();
  const res = await fetch(`${stack.sim.controlUrl}/faults`, {
    method: 'POST', body: JSON.stringify({ kind: 'errors', service: 'checkout', datacenter: 'eu-west', share: 0.4 }),
  });
  expect(res.status).toBe(200);
  await expect.poll(() => healthOf(page, edge, 'checkout'), { timeout: HEALTH_BOUND_MS, intervals: [250] })
    .toEqual({ edge: 'danger', node: 'danger' });
  console.log(`danger after ${Date.now() - faulted} ms (bound ${HEALTH_BOUND_MS} ms)`);

  const cleared = Date.now();
  await fetch(`${stack.sim.controlUrl}/faults`, { method: 'DELETE' });
  await expect.poll(() => healthOf(page, edge, 'checkout'), { timeout: HEALTH_BOUND_MS, intervals: [250] })
    .toEqual({ edge: 'normal', node: 'normal' });
  console.log(`normal again after ${Date.now() - cleared} ms (bound ${HEALTH_BOUND_MS} ms)`);
});

test('Prometheus stopped: banner, last graph kept; restarted on the same port: recovers without a reload', async ({ page }) => {
  test.setTimeout(90_000);
  const server = stack.servers[0];
  if (!server) throw new Error('no server');
  await page.goto(`${stack.appUrl}/?view=table&dc=eu-west`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  const rows = page.locator('[data-testid="edges-table"] tbody tr');
  const before = await rows.count();
  expect(before).toBeGreaterThan(10);
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });

  const lastGood = Number(await page.getByTestId('edges-table').getAttribute('data-evaluated-at'));
  await server.stop();
  const stopped = Date.now();
  await expect(page.getByTestId('banner')).toBeVisible({ timeout: 2 * REFRESH_MS + 1_000 });
  console.log(`banner after ${Date.now() - stopped} ms`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', /failing|stale/);
  await expect(rows).toHaveCount(before);

  await server.start();
  const restarted = Date.now();
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live', { timeout: 4 * REFRESH_MS });
  await expect(page.getByTestId('banner')).toHaveCount(0);
  console.log(`live again ${Date.now() - restarted} ms after Prometheus was ready`);
  // A new read: evaluated after the last good one (live reads may run a few seconds behind now,
  // see queryDelay, so the restart time itself is no bound).
  const evaluatedAt = Number(await page.getByTestId('edges-table').getAttribute('data-evaluated-at'));
  expect(evaluatedAt).toBeGreaterThan(lastGood);
  expect(await rows.count()).toBeGreaterThan(10);
  expect(navigations).toBe(0);
});

for (const dc of DATACENTERS) {
  test(`the rate and latency of every pair of nodes of ${dc}, flat and by group, are those of its series in plain PromQL`, async () => {
    const { compared, problems, readFromText, answers } = await latestViewAnswerCheck(serverUrl(), dc, stack.rateWindow);
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(40);
    // Prometheus answers in the compact shape the app reads without parsing: every answer read so, alike.
    expect(readFromText).toBe(answers);
  });
}
