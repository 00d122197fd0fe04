/**
 * One Prometheus per datacenter, each scraping its own datacenter's simulator targets; the
 * config lists {name, prometheus} per datacenter.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectTableMatchesPromQL } from '../support/realChecks.ts';
import { DATACENTERS, startStack, waitForData } from '../support/realStack.ts';
import type { RealStack } from '../support/realStack.ts';

test.describe.configure({ mode: 'serial' });

let stack: RealStack;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startStack({ topology: 'prometheus-per-datacenter', scrapeInterval: '2s', rateWindow: '30s' });
  await waitForData(stack);
});

test.afterAll(async () => {
  await stack?.close();
});

const edgeRow = (page: Page, source: string, target: string) =>
  page.locator(`[data-testid="edges-table"] tbody tr[data-source="${source}"][data-target="${target}"]`);

test('both datacenters appear in the global view with the traffic between them', async ({ page }) => {
  await page.goto(`${stack.appUrl}/?view=table`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  for (const dc of DATACENTERS) await expect(edgeRow(page, 'INTERNET', dc)).toHaveCount(1);
  await expect(edgeRow(page, 'us-east', 'eu-west')).toHaveCount(1);
  await expect(edgeRow(page, 'eu-west', 'us-east')).toHaveCount(1);
  expect(Number(await edgeRow(page, 'us-east', 'eu-west').getAttribute('data-rate'))).toBeGreaterThan(0);
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('each datacenter view matches PromQL over both servers', async ({ page }) => {
  for (const dc of DATACENTERS) {
    await page.goto(`${stack.appUrl}/?view=table&dc=${dc}`);
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
    await expectTableMatchesPromQL(page, stack.servers.map((s) => s.url), dc, stack.rateWindow);
  }
});

test('one server stopped: only its datacenter is unavailable, the other stays live', async ({ page }) => {
  const [eu] = stack.servers;
  if (!eu) throw new Error('no server');
  await page.goto(`${stack.appUrl}/?view=table&dc=us-east`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  await eu.stop();
  await expect(page.getByTestId('problems')).toContainText('eu-west unavailable:', { timeout: 2 * 2_000 + 1_000 });
  await expect(page.getByTestId('problems')).not.toContainText('us-east unavailable');
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  await expect(page.getByTestId('banner')).toHaveCount(0);
  await expect(edgeRow(page, 'INTERNET', 'edge-lb')).toHaveCount(1);

});

test('the stopped server restarted on the same port: its datacenter recovers without a reload', async ({ page }) => {
  const [eu] = stack.servers;
  if (!eu) throw new Error('no server');
  await page.goto(`${stack.appUrl}/?view=table&dc=us-east`);
  if (eu.running) await eu.stop();
  await expect(page.getByTestId('problems')).toContainText('eu-west unavailable:', { timeout: 2 * 2_000 + 1_000 });
  await eu.start();
  const probe = await page.evaluate(async (url) => {
    const res = await fetch(`${url}/api/v1/query`, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'query=up' });
    return res.status;
  }, eu.url);
  expect(probe, 'the page itself can POST a query to the restarted server').toBe(200);
  // Two refreshes (2 s each) plus slack.
  // (The notices panel disappears when it has nothing left to say: count the note, not the panel.)
  await expect(page.getByText('eu-west unavailable')).toHaveCount(0, { timeout: 2 * 2_000 + 3_000 });
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
});
