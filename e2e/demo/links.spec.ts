import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { buildQuery } from '../../src/conventions/queries.ts';
import { standardConvention } from '../../src/conventions/standard.ts';
import { instantQuery } from '../../src/mocks/prometheus-api.ts';
import { trafficAt } from '../../src/mocks/platform/model.ts';
import { demoUrl } from '../support/demoPage.ts';

/** What the simulated Prometheus says the edge INTERNET -> edge-lb carried at `time` (the recorded data). */
function expectedInternetRate(time: number, dc: string): number {
  const promql = buildQuery(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 }, 'ingressRate');
  const answer = instantQuery(promql, time * 1000, (t) => trafficAt(t, { schedule: false }));
  const body = answer.body as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.data.result
    .filter((s) => s.metric.service === 'edge-lb' && s.metric.datacenter === dc && s.metric.peer_service === 'internet')
    .reduce((sum, s) => sum + Number(s.value[1]), 0);
}

async function edgeRate(page: Page, source: string, target: string): Promise<number> {
  const row = page.locator(`[data-testid="edges-table"] tr[data-source="${source}"][data-target="${target}"]`);
  await expect(row).toHaveCount(1);
  return Number(await row.getAttribute('data-rate'));
}

async function evaluatedAt(page: Page): Promise<number> {
  return Number(await page.getByTestId('edges-table').getAttribute('data-evaluated-at'));
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'calm'));
});

test('a copied link reopens the same view at the same moment, later too', async ({ page, context }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table&hideHealthy=0&minRate=5'));
  await expect(page.getByTestId('edges-table').locator('tbody tr').first()).toBeVisible();
  const shownAt = await evaluatedAt(page);
  const shownRate = await edgeRate(page, 'INTERNET', 'edge-lb');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('copied-link').inputValue();
  const params = new URL(link).searchParams;
  expect(params.get('dc')).toBe('eu-west');
  expect(params.get('view')).toBe('table');
  expect(params.get('hide')).toBe('rate < 5'); // the old minRate=5, as an expression
  expect(params.get('time')).toBe(new Date(shownAt * 1000).toISOString().replace('.000Z', 'Z'));

  await page.waitForTimeout(6000); // more than one refresh interval later, the sender's map has moved on
  const reader = await context.newPage();
  await reader.goto(link);
  await expect(reader.getByTestId('banner')).toContainText('PAST VIEW');
  await expect(reader.getByTestId('edges-table').locator('tbody tr').first()).toBeVisible();
  expect(await evaluatedAt(reader)).toBe(shownAt);
  expect(await edgeRate(reader, 'INTERNET', 'edge-lb')).toBe(shownRate);
  // Filters came along: no edge under 5 req/s.
  const rates = await reader.locator('[data-testid="edges-table"] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-rate'))));
  expect(Math.min(...rates)).toBeGreaterThanOrEqual(5);
});

test('time travel: a pinned time and each step show what the recorded data says', async ({ page }) => {
  const pinned = Math.floor(Date.now() / 1000) - 3600;
  await page.goto(demoUrl(`?dc=eu-west&view=table&time=${pinned}`));
  await expect.poll(() => evaluatedAt(page)).toBe(pinned);
  expect(await edgeRate(page, 'INTERNET', 'edge-lb')).toBeCloseTo(expectedInternetRate(pinned, 'eu-west'), 6);

  await page.getByRole('button', { name: 'Step back' }).click();
  // The demo's refresh interval is its scrape interval, 5 s.
  await expect.poll(() => evaluatedAt(page)).toBe(pinned - 5);
  expect(new URL(page.url()).searchParams.get('time')).toBe(new Date((pinned - 5) * 1000).toISOString().replace('.000Z', 'Z'));
  expect(await edgeRate(page, 'INTERNET', 'edge-lb')).toBeCloseTo(expectedInternetRate(pinned - 5, 'eu-west'), 6);

  // A jump must land where the data differs from the pinned moment, or the check below could not
  // tell a jump from a stay: the daily curve and its noise can meet at any two times.
  const pinnedRate = expectedInternetRate(pinned, 'eu-west');
  const jumpTo = [1800, 2700, 5400, 3 * 3600, 6 * 3600].map((back) => pinned - back)
    .find((t) => Math.abs(expectedInternetRate(t, 'eu-west') - pinnedRate) > 0.02 * pinnedRate);
  if (jumpTo === undefined) throw new Error('the demo data is the same at every candidate time: the test needs another');
  await page.getByLabel('Go to time').fill(new Date(jumpTo * 1000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 19));
  await expect.poll(() => evaluatedAt(page)).toBe(jumpTo);
  expect(await edgeRate(page, 'INTERNET', 'edge-lb')).toBeCloseTo(expectedInternetRate(jumpTo, 'eu-west'), 6);
  expect(Math.abs(await edgeRate(page, 'INTERNET', 'edge-lb') - pinnedRate)).toBeGreaterThan(0.02 * pinnedRate);

  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  expect(new URL(page.url()).searchParams.get('time')).toBeNull();
});

test('replay animates through a range', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table'));
  await expect(page.getByTestId('edges-table').locator('tbody tr').first()).toBeVisible();
  await page.getByLabel('Replay range').selectOption({ label: 'last 15 min' });
  await page.getByLabel('Replay speed').selectOption({ label: '120×' });
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  const seen = new Set<number>();
  await expect.poll(async () => { seen.add(await evaluatedAt(page)); return seen.size; }, { intervals: [250], timeout: 20_000 }).toBeGreaterThan(3);
  const times = [...seen].filter((t) => t < Date.now() / 1000 - 60);
  expect(times.length).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Stop replay' }).click();
});

test('search finds a service, opens its datacenter and focuses it', async ({ page }) => {
  await page.goto(demoUrl(''));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await page.keyboard.press('/');
  await expect(page.getByLabel('Find a service')).toBeFocused();
  await page.keyboard.type('legacy');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/dc=[a-z-]+&service=legacy-erp/);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', /\/legacy-erp$/);
  await expect(page.getByTestId('details')).toContainText('legacy-erp');
});

test('old filter links keep working: match=checkout and hideHealthy=1 read as a Hide expression', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table&match=checkout'));
  const rows = page.locator('[data-testid="edges-table"] tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByLabel('Hide expression')).toHaveValue('not (name = *checkout* or kind = datacenter)');
  const pairs = await rows.evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-source')} ${r.getAttribute('data-target')}`));
  expect(pairs.length).toBeGreaterThan(0);
  for (const p of pairs) expect(p).toContain('checkout');
  await page.keyboard.press('h'); // hide healthy, as one more "or"
  await expect(rows).toHaveCount(0); // the calm platform has no unhealthy edge around checkout
  expect(new URL(page.url()).searchParams.get('hide')).toBe('not (name = *checkout* or kind = datacenter) or health = normal');
  expect(new URL(page.url()).searchParams.has('match')).toBe(false);
});

test('a link to a group that does not exist shows the datacenter, says so, and marks the crumb, keeping the link', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&group=no-such-group'));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  const missing = page.getByTestId('crumb-missing');
  await expect(missing).toHaveText('no-such-group (not found)');
  await expect(missing).toHaveAttribute('title', 'No group "no-such-group" in eu-west: showing the datacenter.');
  // The level on screen is the datacenter: its crumb is current, and a click on it clears the missing group.
  const here = page.getByRole('navigation', { name: 'Breadcrumbs' }).locator('[aria-current="page"]');
  await expect(here).toHaveText('eu-west');
  expect(new URL(page.url()).searchParams.get('group')).toBe('no-such-group');
  await here.click();
  await expect(missing).toHaveCount(0);
  expect(new URL(page.url()).searchParams.has('group')).toBe(false);
});
