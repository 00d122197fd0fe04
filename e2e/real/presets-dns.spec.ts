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

/**
 * What is wrong with the shape of a datacenter view's edges ([] when nothing): a callee drawn
 * under a host (an external node other than the provider outside); a callee fed mostly by
 * INTERNET (named by host and left unresolved, its calls would all be "from outside": its total
 * unexplained), beyond the edge load balancer, which is called from outside; no call across
 * datacenters (the hosts naming the other datacenter place it there).
 */
function shapeProblems(rows: readonly { readonly edge: string; readonly rate: number }[]): string[] {
  const out: string[] = [];
  const targets = new Set(rows.map((r) => r.edge.split(' -> ')[1] ?? '').filter((t) => !t.startsWith('dc:')));
  for (const t of targets) if ((t.includes('.') || t.includes(':')) && t !== PROVIDER) out.push(`a callee drawn under a host: ${t}`);
  const incoming = (target: string): number => rows.filter((r) => r.edge.endsWith(` -> ${target}`)).reduce((sum, r) => sum + r.rate, 0);
  for (const r of rows) {
    if (!r.edge.startsWith('INTERNET -> ') || r.edge === 'INTERNET -> edge-lb') continue;
    const share = r.rate / incoming(r.edge.slice('INTERNET -> '.length));
    if (!(share < 0.1)) out.push(`${r.edge}: ${(100 * share).toFixed(1)} % of the callee's calls`);
  }
  if (!rows.some((r) => r.edge === 'INTERNET -> edge-lb')) out.push('no INTERNET -> edge-lb');
  if (!rows.some((r) => / -> dc:(eu-west|us-east)$/.test(r.edge))) out.push('no call across datacenters');
  return out;
}

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

      // The table's shape, polled: young series scraped at different moments leave remainders
      // that settle as the rate window fills (an unresolved host's 100 % never would).
      let last: string[] = [];
      await expect.poll(async () => (last = shapeProblems((await readEdgesTable(page)).rows)), { timeout: 45_000, intervals: [2_000] }).toEqual([]);
      console.log(`${preset} (dns) ${dc}: ${last.length === 0 ? 'service -> service' : last.join('; ')}`);
    }
    const notices = page.getByTestId('problems');
    await expect(notices).toContainText(PROVIDER);
    console.log(`${preset} (dns) notices: ${((await notices.textContent()) ?? '').replace(/\s+/g, ' ')}`);
  });
}
