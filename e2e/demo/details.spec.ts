import { expect, test } from '@playwright/test';
import { demoUrl } from '../support/demoPage.ts';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'calm'));
});

test('details of a focused service: percentiles, last hour, top callers and callees, links', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&service=checkout&view=table'));
  const details = page.getByTestId('details');
  await expect(details).toContainText('checkout');
  const chart = page.getByTestId('details-chart');
  await expect(chart).toBeVisible();
  for (const p of ['p50', 'p90', 'p99']) await expect(chart).toContainText(new RegExp(`${p}\\s*[\\d.]+\\s*(ms|s)`));
  // The chart draws the last hour of requests: a path with many points.
  const d = await chart.locator('path.chart__rate').getAttribute('d');
  expect((d ?? '').split('L').length).toBeGreaterThan(50);
  await expect(details.getByRole('heading', { name: 'Top callers' })).toBeVisible();
  await expect(details.getByRole('button', { name: 'frontend-ssr' })).toBeVisible();

  const promLink = details.getByRole('link', { name: 'PromQL in Prometheus' });
  const href = await promLink.getAttribute('href');
  const expr = new URL(href ?? '', 'http://x').searchParams.get('g0.expr') ?? '';
  expect(expr).toContain('service="checkout"');
  expect(expr).toContain('datacenter="eu-west"');
  const dashboard = await details.getByRole('link', { name: 'Open dashboard' }).getAttribute('href');
  expect(dashboard).toMatch(/^https:\/\/grafana\.example\.com\/.*var-service=checkout/);

  await details.getByRole('button', { name: 'pricing' }).click();
  await expect(page).toHaveURL(/service=pricing/);
  await expect(details).toContainText('pricing');
});

test('details of a selected edge come from the caller\'s series', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table'));
  await page.locator('tr[data-source="frontend-ssr"][data-target="checkout"]').click();
  const href = await page.getByTestId('details').getByRole('link', { name: 'PromQL in Prometheus' }).getAttribute('href');
  const expr = new URL(href ?? '', 'http://x').searchParams.get('g0.expr') ?? '';
  expect(expr).toContain('traffic_egress_requests_total');
  expect(expr).toContain('service="frontend-ssr"');
  expect(expr).toContain('peer_service="checkout"');
});

test('an incident link to a service keeps the details panel\'s place from the start: the map is sized once', async ({ page }) => {
  await page.addInitScript(() => {
    const seen = { widths: [] as number[], pending: [] as string[] };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const sizes = new ResizeObserver((entries) => { for (const e of entries) seen.widths.push(Math.round(e.contentRect.width)); });
    new MutationObserver(() => {
      const canvas = document.querySelector('[data-testid="map"] canvas');
      if (canvas && !canvas.hasAttribute('data-observed')) { canvas.setAttribute('data-observed', ''); sizes.observe(canvas); }
      const pending = document.querySelector('[data-testid="details-pending"]');
      if (pending && !seen.pending.includes(pending.textContent ?? '')) seen.pending.push(pending.textContent ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(demoUrl('?dc=eu-west&service=checkout'));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await expect(page.getByTestId('details')).toContainText('checkout');
  const seen = await page.evaluate(() => (window as unknown as { __seen: { widths: number[]; pending: string[] } }).__seen);
  // Before the answers: the panel's place, named after the service the link asks for.
  expect(seen.pending).toContainEqual(expect.stringContaining('checkout'));
  // One size from the canvas's creation on (a resize would re-allocate the drawing buffer and move every node).
  expect(seen.widths.length).toBeGreaterThan(0);
  expect(new Set(seen.widths).size).toBe(1);
  await expect(page.getByTestId('details-pending')).toHaveCount(0);
});
