import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startStaticServer } from '../support/staticServer.ts';

/*
 * Latency thresholds and a per-service override, from config.json to the screen (the demo build,
 * its simulated Prometheus): the default latency limits are far above anything the calm demo
 * platform does, the override for `check*` far below, so checkout (and the edge into it, judged by
 * its callee's rule) turn danger for latency and the details panel names the override. The trace
 * link is the template filled for checkout and the hour up to the pinned moment.
 */

const JAEGER = 'https://jaeger.example/search?service={service}&start={from}000&end={to}000';
let server: { url: string; close: () => Promise<void> };

test.beforeAll(async () => {
  const demo = JSON.parse(readFileSync('dist-demo/config.json', 'utf8')) as { thresholds: object; links: object };
  const config = {
    ...demo,
    thresholds: { ...demo.thresholds, latency: { warning: '20s', danger: '30s' }, overrides: [{ match: 'check*', latency: { warning: '1ms', danger: '2ms' } }] },
    links: { ...demo.links, traces: JAEGER },
  };
  server = await startStaticServer({ root: 'dist-demo', overrides: { '/config.json': JSON.stringify(config) } });
});
test.afterAll(async () => { await server?.close(); });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'calm'));
});

test('an override\'s latency limit colours checkout, the panel names the rule, the trace link searches its hour', async ({ page }) => {
  const pinned = Math.floor(Date.now() / 1000) - 600;
  await page.goto(`${server.url}/?dc=eu-west&service=checkout&view=table&time=${pinned}`);
  const details = page.getByTestId('details');
  await expect(details).toContainText('checkout');

  // The node: danger, by latency, under the override.
  const rule = details.getByTestId('health-rule');
  await expect(rule).toHaveAttribute('data-health', 'danger');
  await expect(rule).toHaveText(/^Danger: latency [\d.]+ (ms|s) ≥ danger 2 ms \(override check\*\)$/);
  await expect(details.locator('h2')).toHaveClass(/health-danger/);

  // The edge into checkout is judged by checkout's rule; the edge out of it by its callee's (the default).
  await expect(page.locator('tr[data-source="frontend-ssr"][data-target="checkout"]')).toHaveClass(/health-danger/);
  const out = page.locator('tr[data-source="checkout"][data-target="pricing"]');
  await expect(out).toHaveClass(/health-normal/);
  await out.click();
  await expect(details.getByTestId('health-rule')).toHaveText(/^Healthy: within the default: errors < 1%, latency < 20 s$/);

  // Back to checkout: its trace link, next to the dashboard link.
  await page.goto(`${server.url}/?dc=eu-west&service=checkout&view=table&time=${pinned}`);
  const traces = page.getByTestId('details').getByRole('link', { name: 'Traces' });
  await expect(traces).toHaveAttribute('href', `https://jaeger.example/search?service=checkout&start=${(pinned - 3600) * 1000}000&end=${pinned * 1000}000`);
  await expect(page.getByTestId('details').getByRole('link', { name: 'Open dashboard' })).toBeVisible();
});

test('the legend says latency colours too', async ({ page }) => {
  await page.goto(`${server.url}/?dc=eu-west`);
  await expect(page.getByTestId('legend-latency')).toHaveText('by errors or p95 latency (20 s / 30 s), some services their own');
});
