import { describe, expect, it } from 'vitest';
import { classRate, totalRate } from '../src/mocks/platform/status-codes.ts';
import { parseExposition } from './exporters/exposition.ts';
import type { ExposedSample } from './exporters/exposition.ts';
import { Simulation } from './simulation.ts';
import { createTargets } from './targets.ts';
import type { SimTarget } from './targets.ts';

const START = Date.UTC(2024, 0, 1, 12);

/** The samples of a target's exposition. */
async function samplesOf(target: SimTarget): Promise<ExposedSample[]> {
  return parseExposition(await target.registry.metrics());
}

/** The sum of a target's samples named `name` whose labels match. */
async function counterSum(target: SimTarget, name: string, match: (labels: Readonly<Record<string, string>>) => boolean): Promise<number> {
  return (await samplesOf(target)).filter((s) => s.name === name && match(s.labels)).reduce((sum, s) => sum + s.value, 0);
}

/** Runs the simulation for `seconds` in 250 ms steps; returns the model's expected count per step sum. */
function run(sim: Simulation, seconds: number, expected: (nowMs: number) => number): number {
  let sum = 0;
  for (let ms = 250; ms <= seconds * 1000; ms += 250) {
    sim.advance(START + ms);
    sum += expected(START + ms) * 0.25;
  }
  return sum;
}

describe('Simulation', () => {
  const egressOf = (sim: Simulation, nowMs: number, caller: string, callee: string) =>
    sim.snapshot(nowMs).egress.find((s) => s.datacenter === 'eu-west' && s.service === caller && s.peerService === callee);

  const cases = [
    { desc: 'a busy edge (varnish -> frontend-ssr)', caller: 'varnish', callee: 'frontend-ssr' },
    { desc: 'a quiet edge (inventory -> legacy-erp)', caller: 'inventory', callee: 'legacy-erp' },
    { desc: 'an uninstrumented callee (checkout -> payment-provider)', caller: 'checkout', callee: 'payment-provider' },
  ];
  for (const c of cases) {
    it(`counts ${c.desc} at the model's rate`, async () => {
      const targets = createTargets({ datacenters: ['eu-west'] });
      const sim = new Simulation({ targets, startMs: START, schedule: false });
      const expected = run(sim, 20, (now) => totalRate(egressOf(sim, now, c.caller, c.callee)?.ratesByStatus ?? {}));
      const caller = targets.find((t) => t.service === c.caller);
      if (!caller) throw new Error('no target');
      const counted = await counterSum(caller, 'traffic_egress_requests_total', (l) => l.peer_service === c.callee);
      expect(expected).toBeGreaterThan(1);
      // Each status code carries less than one request over: the error is bounded by their number.
      expect(Math.abs(counted - expected)).toBeLessThanOrEqual(12);
    });
  }

  it('splits a service over its instances with the same total', async () => {
    const targets = createTargets({ datacenters: ['eu-west'], instances: 'model' });
    const sim = new Simulation({ targets, startMs: START, schedule: false });
    const expected = run(sim, 20, (now) => totalRate(egressOf(sim, now, 'frontend-ssr', 'catalog')?.ratesByStatus ?? {}));
    const instances = targets.filter((t) => t.service === 'frontend-ssr');
    expect(instances.length).toBe(8);
    let counted = 0;
    for (const t of instances) counted += await counterSum(t, 'traffic_egress_requests_total', (l) => l.peer_service === 'catalog');
    expect(Math.abs(counted - expected) / expected).toBeLessThan(0.01);
  });

  it('an errors fault raises the 5xx share of the calls into the service', async () => {
    const share5xx = async (faulty: boolean): Promise<number> => {
      const targets = createTargets({ datacenters: ['eu-west'] });
      const sim = new Simulation({
        targets, startMs: START, schedule: false,
        faults: faulty ? [{ kind: 'errors', service: 'checkout', share: 0.4, datacenter: 'eu-west' }] : [],
      });
      run(sim, 20, () => 0);
      const caller = targets.find((t) => t.service === 'frontend-ssr');
      if (!caller) throw new Error('no target');
      const toCheckout = (l: Record<string, unknown>) => l.peer_service === 'checkout';
      const all = await counterSum(caller, 'traffic_egress_requests_total', toCheckout);
      const errors = await counterSum(caller, 'traffic_egress_requests_total', (l) => toCheckout(l) && String(l.status).startsWith('5'));
      return errors / all;
    };
    const healthy = await share5xx(false);
    const broken = await share5xx(true);
    expect(healthy).toBeLessThan(0.02);
    expect(broken).toBeGreaterThan(0.35);
    expect(broken).toBeLessThan(0.5);
  });

  it('the model itself agrees: a fault moves the 5xx rate, not the total', () => {
    const targets = createTargets({ datacenters: ['eu-west'] });
    const sim = new Simulation({ targets, startMs: START, schedule: false });
    const before = egressOf(sim, START, 'frontend-ssr', 'checkout');
    sim.faults = [{ kind: 'errors', service: 'checkout', share: 0.4 }];
    const after = egressOf(sim, START, 'frontend-ssr', 'checkout');
    expect(totalRate(after?.ratesByStatus ?? {})).toBeCloseTo(totalRate(before?.ratesByStatus ?? {}), 6);
    expect(classRate(after?.ratesByStatus ?? {}, '5')).toBeGreaterThan(10 * classRate(before?.ratesByStatus ?? {}, '5'));
  });

  it('histogram counts follow the counter and give a sensible quantile', async () => {
    const targets = createTargets({ datacenters: ['eu-west'] });
    const sim = new Simulation({ targets, startMs: START, schedule: false });
    run(sim, 20, () => 0);
    const caller = targets.find((t) => t.service === 'varnish');
    if (!caller) throw new Error('no target');
    const requests = await counterSum(caller, 'traffic_egress_requests_total', () => true);
    const samples = await samplesOf(caller);
    const count = samples.find((s) => s.name === 'traffic_egress_request_duration_seconds_count')?.value ?? 0;
    expect(Math.abs(count - requests) / requests).toBeLessThan(0.005);
    // The median of varnish -> frontend-ssr is about 90 ms: half the requests are under 100 ms.
    const le = (bound: number) => samples.find((s) => s.name === 'traffic_egress_request_duration_seconds_bucket' && s.labels.le === String(bound))?.value ?? 0;
    expect(le(0.05) / count).toBeLessThan(0.5);
    expect(le(0.25) / count).toBeGreaterThan(0.5);
  });

  it.each([
    { desc: 'one series a slice', slice: 1 },
    { desc: 'seven series a slice', slice: 7 },
  ])('a step in slices ($desc) counts what one step counts, and pauses between slices', async ({ slice }) => {
    const whole = createTargets({ datacenters: ['eu-west'] });
    const sliced = createTargets({ datacenters: ['eu-west'] });
    const a = new Simulation({ targets: whole, startMs: START, schedule: false });
    const b = new Simulation({ targets: sliced, startMs: START, schedule: false });
    let pauses = 0;
    for (let ms = 1000; ms <= 5000; ms += 1000) {
      a.advance(START + ms);
      for (const step = b.stepInSlices(START + ms, slice); !step.next().done;) pauses++;
    }
    expect(pauses).toBeGreaterThan(5 * 10);
    for (const [i, t] of whole.entries()) expect(await sliced[i]?.registry.metrics()).toBe(await t.registry.metrics());
  });
});
