import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { demoUrl } from '../support/demoPage.ts';
import { startHostileApp, watchCsp } from '../support/hostileApp.ts';
import type { HostileApp } from '../support/hostileApp.ts';
import { DC } from '../support/hostilePrometheus.ts';
import { CSP } from '../support/staticServer.ts';

/** Both builds run under the strict Content-Security-Policy the README documents. */

let app: HostileApp;
test.beforeAll(async () => { app = await startHostileApp(); });
test.afterAll(async () => { await app.close(); });

async function expectMapUnderCsp(page: Page, url: string): Promise<void> {
  const violations = await watchCsp(page);
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await expect(map).not.toHaveAttribute('data-map-updates', '0');
  // A few refreshes and a view change, so that lazily loaded code and the layout worker run too.
  await page.waitForTimeout(1500);
  const before = await violations();
  await page.goto(url.includes('?') ? `${url}&view=table` : `${url}?view=table`);
  await expect(page.getByTestId('edges-table')).toBeVisible();
  expect([...before, ...await violations()]).toEqual([]);
}

test('the production build (dist) reading Prometheus', async ({ page }) => {
  await expectMapUnderCsp(page, `${app.url}/?dc=${DC}`);
});

test('the demo build (dist-demo) with its in-browser Prometheus', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'calm'));
  await expectMapUnderCsp(page, demoUrl('?dc=eu-west'));
});
