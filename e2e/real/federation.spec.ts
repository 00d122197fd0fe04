/**
 * Federation: one Prometheus per datacenter (scraping the simulator every 2 s) and a global one
 * federating both (`/federate`, `honor_labels: true`, every 2 s). The app reads the global one;
 * the truth is the same PromQL on the per-datacenter servers at the table's evaluation time.
 * With the default `queryDelay: "auto"` the app measures the global server's lag and reads that
 * far behind now: every edge matches within 2 %. The same build with `queryDelay: "0s"` reads at
 * now, where the newest federated samples can stop short of the rate window's end: edges then
 * read low (how much depends on when the global server last scraped: see the logged readings).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectTableMatchesPromQL } from '../support/realChecks.ts';
import { startFederationStack, waitForFederatedData } from '../support/realFederation.ts';
import type { FederationStack } from '../support/realFederation.ts';
import { DATACENTERS } from '../support/realStack.ts';
import { compareRates, expectedEdgeRates, readEdgesTable } from '../support/realTruth.ts';

const SCRAPE_MS = 2_000;

test.describe.configure({ mode: 'serial' });

let stack: FederationStack;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  stack = await startFederationStack({ scrapeInterval: '2s', rateWindow: '30s', alsoWith: { 'no-delay': '0s' } });
  await waitForFederatedData(stack);
});

test.afterAll(async () => {
  await stack?.close();
});

const perDatacenterUrls = (): string[] => stack.perDatacenter.map((s) => s.url);

/**
 * Waits for the measured delay, then for a table read with it: the first read after the delay is
 * known (a change of delay reads again at once; until then the last undelayed read stays).
 */
async function delayedTable(page: Page): Promise<number> {
  const delay = page.getByTestId('query-delay');
  await expect(delay).toBeVisible({ timeout: 20_000 });
  const delayMs = Number(await delay.getAttribute('data-delay-ms'));
  const before = (await readEdgesTable(page)).evaluatedAt;
  await expect.poll(async () => (await readEdgesTable(page)).evaluatedAt, { timeout: 10_000 }).not.toBe(before);
  return delayMs;
}

test('auto: the global server\'s lag is measured and the header says how far behind the map is', async ({ page }) => {
  const opened = Date.now();
  await page.goto(`${stack.appUrl}/?view=table&dc=eu-west`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  const delayMs = await delayedTable(page);
  console.log(`measured query delay: ${delayMs} ms, a table read with it ${Date.now() - opened} ms after the page was opened`);
  // Federation adds one to two scrape intervals; the delay is whole intervals, at least two.
  expect(delayMs % SCRAPE_MS).toBe(0);
  expect(delayMs).toBeGreaterThanOrEqual(2 * SCRAPE_MS);
  expect(delayMs).toBeLessThanOrEqual(4 * SCRAPE_MS);
  await expect(page.getByTestId('query-delay')).toContainText(/as of \d{1,2}:\d{2}:\d{2}.*behind/);
  const table = await readEdgesTable(page);
  expect(table.evaluatedAt * 1000).toBeLessThanOrEqual(Date.now() - delayMs);
  await page.locator('header').screenshot({ path: test.info().outputPath('header-query-delay.png') });
});

for (const dc of DATACENTERS) {
  test(`auto: every edge of ${dc} read from the global server matches PromQL on the per-datacenter servers`, async ({ page }) => {
    await page.goto(`${stack.appUrl}/?view=table&dc=${dc}`);
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
    await delayedTable(page);
    // Five refreshes rather than three: on a loaded 2-core machine a federating scrape now and
    // then misses a sample of one target (its edges all off by the same few %), for a refresh or two.
    await expectTableMatchesPromQL(page, perDatacenterUrls(), dc, stack.rateWindow, 5);
  });
}

/**
 * With `queryDelay: "0s"` the app reads at now, with no delay in the header. Whether the edges
 * then read low depends on the phase of the federating scrape against the per-datacenter ones
 * (equal intervals: a fixed phase, for minutes): from none to about 6 % here. The readings are
 * logged as evidence; what is asserted is the app's part.
 */
test('"0s": the app reads at now, without the delay, and the shortfall of the newest federated samples is logged', async ({ page }) => {
  await page.goto(`${stack.appUrlWith('no-delay')}/?view=table&dc=eu-west`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  await expect(page.locator('[data-testid="edges-table"] tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('query-delay')).toHaveCount(0);
  const readings: { at: number; low: number; high: number; worst: number; total: number }[] = [];
  let previous = 0;
  for (let i = 0; i < 5; i++) {
    await expect.poll(async () => (await readEdgesTable(page)).evaluatedAt, { timeout: 10_000 }).toBeGreaterThan(previous);
    const table = await readEdgesTable(page);
    previous = table.evaluatedAt;
    expect(table.evaluatedAt * 1000, 'not delayed: evaluated at now').toBeGreaterThan(Date.now() - 2 * SCRAPE_MS);
    const truth = await expectedEdgeRates(perDatacenterUrls(), 'eu-west', table.evaluatedAt, stack.rateWindow);
    const mismatches = compareRates(table, truth).filter((m) => m.app !== null && m.truth !== null);
    const ratios = mismatches.map((m) => (m.app ?? 0) / (m.truth ?? 1) - 1);
    const appSum = table.rows.reduce((s, r) => s + r.rate, 0);
    const truthSum = table.rows.reduce((s, r) => s + (truth.get(r.edge) ?? 0), 0);
    readings.push({
      at: table.evaluatedAt, low: ratios.filter((r) => r < 0).length, high: ratios.filter((r) => r > 0).length,
      worst: Math.min(0, ...ratios), total: appSum / truthSum - 1,
    });
  }
  await expect(page.getByTestId('query-delay')).toHaveCount(0);
  console.log(`queryDelay "0s", eu-west, edges beyond 2 % per refresh: ${JSON.stringify(readings.map((r) => ({
    ...r, worst: `${(r.worst * 100).toFixed(1)} %`, total: `${(r.total * 100).toFixed(1)} %`,
  })))}`);
});
