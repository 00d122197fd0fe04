import { expect, test } from '@playwright/test';
import { demoUrl, openMap } from '../support/demoPage.ts';

test('a Prometheus error shows the banner, keeps the last graph, and recovers by itself', async ({ page }) => {
  await openMap(page, '?dc=eu-west');
  await page.evaluate(() => (window as unknown as { __trafficMapDemo: { setScenario(n: string): void } }).__trafficMapDemo.setScenario('prometheus-down'));
  const banner = page.getByTestId('banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Refresh failed/);
  await expect(banner).toContainText('503');
  await expect(page.getByTestId('map')).toHaveClass(/map-canvas--dimmed/);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', /failing|stale/);

  await page.evaluate(() => (window as unknown as { __trafficMapDemo: { setScenario(n: string): void } }).__trafficMapDemo.setScenario('live'));
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  await expect(page.getByTestId('map')).not.toHaveClass(/map-canvas--dimmed/);
});

test('data older than two refresh intervals is marked STALE', async ({ page }) => {
  await openMap(page);
  await page.evaluate(() => (window as unknown as { __trafficMapDemo: { setScenario(n: string): void } }).__trafficMapDemo.setScenario('slow'));
  // Refresh every 5 s in the demo: after 10 s without an answer the banner says STALE.
  await expect(page.getByTestId('banner')).toContainText('STALE', { timeout: 30_000 });
});

test('Prometheus warnings are shown, not swallowed', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'warnings'));
  await page.goto(demoUrl('?view=table'));
  await expect(page.getByTestId('problems')).toContainText(/Prometheus warning/);
});

test('a bad config shows a full page error naming the fields', async ({ page }) => {
  await page.goto(demoUrl('bad-config/'));
  const error = page.getByTestId('config-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('thresholds.danger');
  await expect(error).toContainText('refreshInterval');
});
