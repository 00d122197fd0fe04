/**
 * Callees named by DNS host, against a real Prometheus: the Micrometer and OTel HTTP simulators
 * with `--peer-names dns` (clients name callees `orders.shop.svc.cluster.local`,
 * `orders.us-east.internal`, `orders.shop:8080`, `orders-us-east.global.example`), the app with
 * the config rule the last one needs. Every edge rate of each datacenter view must match our own
 * PromQL for the preset, hosts read as docs/METRICS.md says (e2e/support/realPresetTruth.ts
 * `hostTruth`), within 2 %; internal calls are service -> service edges: no external node but the
 * provider outside, and INTERNET feeds the edge load balancer, no callee split in two.
 * A stack of its own: DNS and name simulators of one preset write the same metrics.
 */
import { expect, test } from '@playwright/test';
import { expectTableMatches } from '../support/realChecks.ts';
import { placeRows, presetRows } from '../support/realPresetTruth.ts';
import type { PresetName } from '../support/realPresetTruth.ts';
import { startPresetStack, waitForPresetData } from '../support/realPresetStack.ts';
import type { PresetStack } from '../support/realPresetStack.ts';
import { DATACENTERS } from '../support/realStack.ts';
import { readEdgesTable } from '../support/realTruth.ts';

const PRESETS: readonly PresetName[] = ['micrometer', 'otel-http'];
const PROVIDER = 'api.payment-provider.example';

test.describe.configure({ mode: 'serial' });

let stack: PresetStack;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startPresetStack(PRESETS, { scrapeInterval: '2s', rateWindow: '30s', peerNames: 'dns' });
  await waitForPresetData(stack, PRESETS, 30_000, 'dns');
});

test.afterAll(async () => {
  await stack?.close();
});

for (const preset of PRESETS) {
  test(`${preset}, callees named by DNS host: service -> service edges whose rates match the preset's own PromQL`, async ({ page }) => {
    for (const dc of DATACENTERS) {
      const res = await page.goto(`${stack.appUrl(preset)}?view=table&dc=${dc}`);
      expect(res?.status(), page.url()).toBe(200);
      await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
      await expect(page.locator('[data-testid="edges-table"] tbody tr').first()).toBeVisible();
      await expectTableMatches(page, dc, async (time) => placeRows(await presetRows(preset, stack.server.url, time, stack.rateWindow, 'dns'), dc));

      const rows = (await readEdgesTable(page)).rows;
      const edges = rows.map((r) => r.edge);
      const targets = new Set(edges.map((e) => e.split(' -> ')[1] ?? '').filter((t) => !t.startsWith('dc:')));
      // A host would be an external node: only the provider outside may be one.
      expect([...targets].filter((t) => t.includes('.') || t.includes(':')), `${dc}: callees drawn under a host name`).toEqual([PROVIDER]);
      // Named by host and left unresolved, a callee's calls would all come from INTERNET (its total
      // unexplained). Only the edge load balancer is called from outside; elsewhere INTERNET is at
      // most the noise of young series scraped at different moments (a remainder above 5 %).
      const incoming = (target: string): number => rows.filter((r) => r.edge.endsWith(` -> ${target}`)).reduce((sum, r) => sum + r.rate, 0);
      const fromInternet = rows.filter((r) => r.edge.startsWith('INTERNET -> ') && r.edge !== 'INTERNET -> edge-lb');
      const shares = fromInternet.map((r) => ({ edge: r.edge, share: r.rate / incoming(r.edge.slice('INTERNET -> '.length)) }));
      expect(edges, `${dc}: INTERNET feeds the edge load balancer`).toContain('INTERNET -> edge-lb');
      expect(shares.filter((s) => !(s.share < 0.1)), `${dc}: callees fed mostly by INTERNET`).toEqual([]);
      if (shares.length > 0) console.log(`${preset} (dns) ${dc}: INTERNET remainders ${shares.map((s) => `${s.edge} ${(100 * s.share).toFixed(1)}%`).join(', ')}`);
      // Calls into the other datacenter are named by a host that names it: drawn as that datacenter.
      expect(edges.some((e) => / -> dc:(eu-west|us-east)$/.test(e)), `${dc}: calls across datacenters`).toBe(true);
    }
    const notices = page.getByTestId('problems');
    await expect(notices).toContainText(PROVIDER);
    console.log(`${preset} (dns) notices: ${((await notices.textContent()) ?? '').replace(/\s+/g, ' ')}`);
  });
}
