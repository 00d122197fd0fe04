import { expect, test } from '@playwright/test';
import { drawnShare, nodePoint, openMap } from '../support/demoPage.ts';

test('the global map is drawn, not blank', async ({ page }) => {
  await openMap(page);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', '');
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
});

test('dc and service in the URL open the focus view of that service', async ({ page }) => {
  await openMap(page, '?dc=eu-west&service=checkout');
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west/checkout');
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toContainText('checkout');
  await expect(page.getByTestId('details')).toContainText('checkout');
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
});

test('clicking through the map: datacenter, then service, then back', async ({ page }) => {
  await openMap(page);
  const dc = await nodePoint(page, 'eu-west');
  await page.mouse.click(dc.x, dc.y);
  await expect(page).toHaveURL(/[?&]dc=eu-west/);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');

  const service = await nodePoint(page, 'checkout');
  await page.mouse.click(service.x, service.y);
  await expect(page).toHaveURL(/[?&]service=checkout/);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west/checkout');
  await expect(page.getByTestId('details')).toContainText('checkout');

  await page.goBack();
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');
  await page.getByRole('button', { name: 'Global' }).click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', '');
  expect(new URL(page.url()).search).toBe('');
});

test('a refresh updates the map in place: same view, no new renderer', async ({ page }) => {
  await openMap(page, '?dc=eu-west');
  const map = page.getByTestId('map');
  const canvas = await map.locator('canvas').elementHandle();
  const before = Number(await map.getAttribute('data-map-updates'));
  // The demo refreshes every scrape interval (5 s): wait for two more renderer updates.
  await expect.poll(async () => Number(await map.getAttribute('data-map-updates')), { timeout: 30_000 }).toBeGreaterThan(before + 1);
  await expect(map).toHaveAttribute('data-renderer-view', 'eu-west');
  expect(await canvas?.evaluate((c) => c.isConnected)).toBe(true);
});
