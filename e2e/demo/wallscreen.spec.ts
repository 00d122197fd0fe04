import { expect, test } from '@playwright/test';
import { demoUrl } from '../support/demoPage.ts';

test('kiosk hides the controls but keeps the banner', async ({ page }) => {
  await page.goto(demoUrl('?kiosk=1&dc=eu-west'));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  await expect(page.getByLabel('Find a service')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'View' })).toHaveCount(0);
  await expect(page.locator('.page--kiosk')).toHaveCount(1);
  await page.evaluate(() => (window as unknown as { __trafficMapDemo: { setScenario(n: string): void } }).__trafficMapDemo.setScenario('prometheus-down'));
  await expect(page.getByTestId('banner')).toBeVisible();
});

test('rotation cycles through the global view and each datacenter', async ({ page }) => {
  await page.goto(demoUrl('?rotate=5s&kiosk=1'));
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  const seen: string[] = [];
  await expect.poll(async () => {
    const dc = new URL(page.url()).searchParams.get('dc') ?? '';
    if (seen[seen.length - 1] !== dc) seen.push(dc);
    return seen.length;
  }, { intervals: [500], timeout: 25_000 }).toBeGreaterThanOrEqual(4);
  expect(seen.slice(0, 4)).toEqual(['', 'eu-west', 'us-east', '']);
  await expect(map).toHaveAttribute('data-renderer-view', new URL(page.url()).searchParams.get('dc') ?? '');
  // Rotation replaces the history entry instead of growing it.
  expect(await page.evaluate(() => window.history.length)).toBeLessThanOrEqual(2);
});

test('keyboard shortcuts are listed behind ? and work', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west'));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('wall-screen mode');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('t');
  await expect(page).toHaveURL(/view=table/);
  await page.keyboard.press('g');
  await expect(page).not.toHaveURL(/dc=/);
  await page.keyboard.press('2');
  await expect(page).toHaveURL(/dc=us-east/);
});
