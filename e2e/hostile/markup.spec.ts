import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startHostileApp, watchCsp } from '../support/hostileApp.ts';
import type { HostileApp } from '../support/hostileApp.ts';
import { DC, IMG, JS } from '../support/hostilePrometheus.ts';

/**
 * Service names that are markup and a `javascript:` URL, read from a (fake) Prometheus by the
 * production build under the documented CSP, are shown as text: in the table, the details
 * panel and the map, never as an element, a handler or a script link.
 */

let app: HostileApp;
test.beforeAll(async () => { app = await startHostileApp(); });
test.afterAll(async () => { await app.close(); });

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

async function expectInert(page: Page): Promise<void> {
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('[onerror], [onload], [onclick]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
    expect(href).toMatch(/^https?:\/\//i);
  }
  expect(await pwned(page)).toBeUndefined();
}

test('hostile service names are text in the table and the details panel', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto(`${app.url}/?dc=${DC}&view=table`);
  const edges = page.getByTestId('edges-table');
  await expect(edges.locator('tr[data-source]')).toHaveCount(3);
  // Literal text in the cells, the raw names in the data attributes.
  await expect(edges.getByRole('cell', { name: IMG, exact: true }).first()).toBeVisible();
  await expect(edges.getByRole('cell', { name: JS, exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('nodes-table')).toContainText(IMG);
  await expectInert(page);

  // Select the IMG -> JS edge: its title is both names, as text.
  await edges.locator('tr[data-source]').filter({ has: page.getByRole('cell', { name: JS, exact: true }) }).filter({ has: page.getByRole('cell', { name: IMG, exact: true }) }).click();
  await expect(page.getByTestId('details').locator('h2')).toHaveText(`${IMG} → ${JS}`);
  await expectInert(page);
  expect(new URL(page.url()).searchParams.get('edge')).toBe(`${IMG} -> ${JS}`);

  // Focus the javascript: service: its title is text and the dashboard link stays on grafana.example.
  await page.goto(`${app.url}/?${new URLSearchParams({ dc: DC, service: JS, view: 'table' }).toString()}`);
  await expect(page.getByTestId('details').locator('h2')).toHaveText(JS);
  const dashboard = page.getByRole('link', { name: 'Open dashboard' });
  await expect(dashboard).toHaveAttribute('href', `https://grafana.example/d/svc?var-service=${encodeURIComponent(JS)}&var-datacenter=${DC}`);
  await expectInert(page);
  expect(await violations()).toEqual([]);
});

test('hostile service names on the map: drawn, nothing injected, no CSP violation', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto(`${app.url}/?${new URLSearchParams({ dc: DC, service: IMG }).toString()}`);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await expect(map).not.toHaveAttribute('data-map-updates', '0');
  await expect(page.getByTestId('details').locator('h2')).toHaveText(IMG);
  await expectInert(page);
  expect(await violations()).toEqual([]);
});
