import { expect, test } from '@playwright/test';
import { startHostileApp } from '../support/hostileApp.ts';
import type { HostileApp } from '../support/hostileApp.ts';
import { DC } from '../support/hostilePrometheus.ts';
import type { Mode } from '../support/hostilePrometheus.ts';

/**
 * Prometheus answers that are slow, huge, cut off, a login page, refused or failing: for each,
 * the banner says what is wrong, the last good table stays (greyed), and the app recovers by
 * itself once the server answers well again. Refresh every 1 s, request timeout 2 s.
 */

const CASES: { mode: Mode; desc: string; message: RegExp }[] = [
  { mode: 'slow', desc: 'an answer after 30 s', message: /did not answer within 2 s.*raise prometheus\.timeout/ },
  { mode: 'huge', desc: 'a 100 MB answer', message: /answer too large: .* more than 50 MB/ },
  { mode: 'truncated', desc: 'JSON cut off', message: /malformed JSON \(cut off by a proxy or a timeout\?\)/ },
  { mode: 'html', desc: 'an HTML login page', message: /got an HTML page instead of JSON .*login proxy/ },
  { mode: '401', desc: '401', message: /not authorised: Prometheus at .* answered 401; configure access \(a proxy that adds credentials, or CORS\/cookies\)/ },
  { mode: '403', desc: '403', message: /not authorised: Prometheus at .* answered 403; configure access/ },
  { mode: '422', desc: '422 with an error body', message: /could not run the query \(execution\): many-to-many matching not allowed: <img src=x onerror/ },
  { mode: '503', desc: '503 while starting', message: /Prometheus is starting or unavailable: .* answered 503/ },
];

let app: HostileApp;
test.beforeAll(async () => { app = await startHostileApp(); });
test.afterAll(async () => { await app.close(); });
test.afterEach(async () => { await app.prometheus.setMode('ok'); });

for (const c of CASES) {
  test(`${c.desc}: a clear banner, the last good table greyed, then recovery`, async ({ page }) => {
    await page.goto(`${app.url}/?dc=${DC}&view=table`);
    const rows = page.getByTestId('edges-table').locator('tr[data-source]');
    await expect(rows).toHaveCount(3);
    await expect(page.getByTestId('banner')).toBeHidden();

    await app.prometheus.setMode(c.mode);
    const banner = page.getByTestId('banner');
    await expect(banner).toContainText(c.message, { timeout: 30_000 });
    await expect(banner).toContainText(/Showing the last good graph from/);
    await expect(rows).toHaveCount(3);
    await expect(page.locator('.table-view')).toHaveClass(/table-view--dimmed/);
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', /failing|stale/);
    // A message from the server is text, never markup.
    await expect(page.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();

    await app.prometheus.setMode('ok');
    await expect(banner).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
    await expect(page.locator('.table-view')).not.toHaveClass(/table-view--dimmed/);
    await expect(rows).toHaveCount(3);
  });
}
