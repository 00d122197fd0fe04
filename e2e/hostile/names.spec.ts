import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import fc from 'fast-check';
import { labelValue } from '../../src/app/__fixtures__/hostileArbitraries.ts';
import { nodeIdOf } from '../../src/graph/views.ts';
import { startHostileApp } from '../support/hostileApp.ts';
import type { HostileApp } from '../support/hostileApp.ts';
import { DC, DC2 } from '../support/hostilePrometheus.ts';

/**
 * Any name, through the whole app and the real Vizceral renderer in Chromium: the production build
 * reads services named by fast-check from a (fake) Prometheus, in two datacenters (the second one
 * named `constructor`), and shows the global view, both datacenters and a focus view in each
 * (Vizceral's `updateData` and `setView` at every level) without a page error.
 */

let app: HostileApp;
test.beforeAll(async () => { app = await startHostileApp('dist', [DC, DC2]); });
test.afterAll(async () => { await app.close(); });

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'INTERNET', 'dc:x', 'svc:INTERNET', 'a--b', 'valueOf'];
/** A lone UTF-16 surrogate: no UTF-8 text holds one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Label values Prometheus can answer: not empty, not the convention's internet peer (that one is
 * the internet), and well-formed text: Prometheus's JSON is UTF-8 (Go writes an invalid byte as
 * U+FFFD), so a name with a lone surrogate never reaches the app from it, and a view of one could
 * not be asked for (the unit tests still feed such names to every pure function).
 */
const serviceName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), labelValue).filter((n) => n !== '' && n !== 'internet' && !LONE_SURROGATE.test(n));
const names = fc.uniqueArray(serviceName, { minLength: 2, maxLength: 6 });

/** Moves the app to a view the way its own links do (history + popstate): one page, one renderer. */
async function show(page: Page, params: Record<string, string>): Promise<void> {
  await page.evaluate((search) => {
    window.history.pushState(null, '', `?${search}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, new URLSearchParams(params).toString());
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('property: hostile service names draw at every level of the real renderer, without a page error', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await app.prometheus.setNames(PROTOTYPE_NAMES);
  await page.goto(`${app.url}/?dc=${DC}`);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await fc.assert(fc.asyncProperty(names, async (ns) => {
    await app.prometheus.setNames(ns);
    const [first, second] = [nodeIdOf(ns[0] as string), nodeIdOf(ns[1] as string)];
    const views: { params: Record<string, string>; shown: string }[] = [
      // The renderer's view names the focused node only once the data has it: a wait for the new names.
      { params: { dc: DC, service: first }, shown: `${DC}/${first}` },
      { params: {}, shown: '' },
      { params: { dc: DC2 }, shown: DC2 },
      { params: { dc: DC2, service: second }, shown: `${DC2}/${second}` },
      { params: { dc: DC }, shown: DC },
    ];
    for (const v of views) {
      await show(page, v.params);
      await expect(map).toHaveAttribute('data-renderer-view', v.shown);
    }
    await expect(page.getByTestId('crash')).toHaveCount(0);
    await expect(page.getByTestId('map-failure')).toHaveCount(0);
    expect(errors).toEqual([]);
  }), { numRuns: 10, examples: [[PROTOTYPE_NAMES], [['__proto__', 'constructor']], [['\u0000', 'constructor']], [['INTERNET', 'dc:x', 'toString']]] });
});

test('a 300-character name: every table column stays on screen at 1366 px, the details title wraps', async ({ page }) => {
  const long = `${'payments-gateway-adapter-'.repeat(12)}v2`;
  expect(long.length).toBe(302);
  // Even places are in DC (see namedVector).
  await app.prometheus.setNames(['checkout', 'a', long, 'b', 'INTERNET', 'c', ' ']);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.url}/?${new URLSearchParams({ dc: DC, view: 'table' }).toString()}`);
  const edges = page.getByTestId('edges-table');
  await expect(edges.locator(`td[title="${long}"]`).first()).toBeVisible();
  for (const table of [edges, page.getByTestId('nodes-table')]) {
    for (const box of await table.locator('th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right).toBeLessThanOrEqual(1366);
    }
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  // The full name is in the cell, and in its title.
  await expect(edges.locator(`td[title="${long}"]`).first()).toHaveText(long);
  // A service named INTERNET reads INTERNET (never its escaped id), a blank one reads as a placeholder.
  const nodes = page.getByTestId('nodes-table');
  await expect(nodes).not.toContainText('svc:');
  await expect(nodes.locator('tr:has(td:text-is("INTERNET")):has(td:text-is("service"))')).toHaveCount(1);
  await expect(nodes.locator('tr:has(td:text-is("INTERNET")):has(td:text-is("internet"))')).toHaveCount(1);
  await expect(nodes).toContainText('(blank name)');

  await page.goto(`${app.url}/?${new URLSearchParams({ dc: DC, service: long, view: 'table' }).toString()}`);
  const title = page.getByTestId('details').locator('h2');
  await expect(title).toHaveText(long);
  const box = await title.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
});

test('when Vizceral throws, the map keeps the last good graph with a banner, and the table still works', async ({ page }) => {
  const errors = watchErrors(page);
  await app.prometheus.setNames(['gateway', 'checkout', 'payments']);
  await page.goto(`${app.url}/?dc=${DC}`);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  // A renderer failure we cannot cause with data any more: the real renderer's updateData throws.
  await page.evaluate(() => {
    const r = (window as unknown as { __trafficMapRenderer: { updateData(t: unknown): void } }).__trafficMapRenderer;
    const real = r.updateData.bind(r);
    r.updateData = (t: unknown) => {
      if (JSON.stringify(t).includes('orders')) throw new TypeError('n.updatePosition is not a function');
      real(t);
    };
  });
  await app.prometheus.setNames(['gateway', 'checkout', 'orders']);
  await expect(page.getByTestId('map-failure')).toContainText('n.updatePosition is not a function');
  await expect(page.getByTestId('crash')).toHaveCount(0);
  // The last good graph is still drawn: its nodes are on the map.
  expect(await page.evaluate(() => (window as unknown as { __trafficMapRenderer: { nodePosition(n: string): unknown } }).__trafficMapRenderer.nodePosition('payments'))).not.toBeNull();
  await page.getByRole('button', { name: /^Table/ }).click();
  await expect(page.getByTestId('edges-table').locator('tr[data-target="orders"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});
