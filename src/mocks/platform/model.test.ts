import { describe, expect, it } from 'vitest';
import { CALLS, findService, INTERNET_PEER, SERVICES } from './platform.ts';
import type { Fault } from './incidents.ts';
import { trafficAt } from './model.ts';
import type { PlatformSnapshot, SeriesTraffic } from './model.ts';
import { answeredOnly, classRate, NO_RESPONSE, totalRate } from './status-codes.ts';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const key = (s: SeriesTraffic): string => `${s.datacenter}/${s.service}|${s.peerDatacenter}/${s.peerService}`;
const byKey = (list: readonly SeriesTraffic[]): Map<string, SeriesTraffic> => new Map(list.map((s) => [key(s), s]));
/** The ingress series the callee reports for an egress series, if the callee is instrumented. */
const ingressOf = (snap: PlatformSnapshot, e: SeriesTraffic): SeriesTraffic | undefined =>
  snap.ingress.find((i) => i.service === e.peerService && i.datacenter === e.peerDatacenter && i.peerService === e.service && i.peerDatacenter === e.datacenter);
const serverShare = (s: SeriesTraffic): number => classRate(s.ratesByStatus, '5') / totalRate(s.ratesByStatus);

describe('trafficAt', () => {
  it.each([
    { desc: 'the same time and seed give the same snapshot', a: [T0, 1], b: [T0, 1], same: true },
    { desc: 'another seed gives other numbers', a: [T0, 1], b: [T0, 2], same: false },
    { desc: 'another time gives other numbers', a: [T0, 1], b: [T0 + 60_000, 1], same: false },
  ])('$desc', ({ a, b, same }) => {
    const first = trafficAt(a[0] ?? 0, { seed: a[1] });
    const second = trafficAt(b[0] ?? 0, { seed: b[1] });
    const rates = (s: PlatformSnapshot): unknown => s.egress.map((e) => [key(e), e.ratesByStatus, e.latency.latencyQuantile(0.95)]);
    if (same) expect(rates(second)).toEqual(rates(first));
    else expect(rates(second)).not.toEqual(rates(first));
  });

  const snap = trafficAt(T0, { schedule: false });

  it('reports one series per edge and direction, every call on egress', () => {
    expect(byKey(snap.egress).size).toBe(snap.egress.length);
    expect(byKey(snap.ingress).size).toBe(snap.ingress.length);
    expect(snap.egress).toHaveLength(CALLS.length);
  });

  it.each(snap.egress.map((e) => ({ desc: key(e), e })))('egress minus status 0 equals the callee ingress: $desc', ({ e }) => {
    const callee = findService(e.peerService, e.peerDatacenter);
    const ingress = ingressOf(snap, e);
    if (!callee?.instrumented) {
      expect(ingress).toBeUndefined();
      return;
    }
    expect(ingress?.ratesByStatus).toEqual(answeredOnly(e.ratesByStatus));
  });

  it.each([
    { desc: 'the internet appears only on the ingress of the edge load balancers', check: () =>
      snap.ingress.filter((i) => i.peerService === INTERNET_PEER).map((i) => `${i.service}@${i.peerDatacenter}`).sort(), want: ['edge-lb@', 'edge-lb@'] },
    { desc: 'the internet never appears on egress', check: () => snap.egress.filter((e) => e.peerService === INTERNET_PEER).length, want: 0 },
    { desc: 'uninstrumented services never report', check: () =>
      [...snap.egress, ...snap.ingress].filter((s) => !findService(s.service, s.datacenter)?.instrumented).length, want: 0 },
    { desc: 'no ingress series has a status 0', check: () => snap.ingress.filter((i) => NO_RESPONSE in i.ratesByStatus).length, want: 0 },
    { desc: 'the payment provider is outside (peer datacenter "")', check: () =>
      [...new Set(snap.egress.filter((e) => e.peerService === 'payment-provider').map((e) => e.peerDatacenter))], want: [''] },
  ])('$desc', ({ check, want }) => {
    expect(check()).toEqual(want);
  });

  it.each([
    { desc: 'edge load balancers take thousands of req/s at peak', pick: 'edge-lb', min: 1000, max: 10_000 },
    { desc: 'the legacy ERP gets a few to tens of req/s', pick: 'legacy-erp', min: 1, max: 120 },
  ])('$desc', ({ pick, min, max }) => {
    // Sum of a service's ingress at several points of the cycle: the peak falls in between.
    const peak = Math.max(...[0, 1, 2, 3, 4].map((i) => {
      const s = trafficAt(T0 + i * 120_000, { schedule: false });
      return s.ingress.filter((x) => x.service === pick).reduce((sum, x) => sum + totalRate(x.ratesByStatus), 0);
    }));
    expect(peak).toBeGreaterThan(min);
    expect(peak).toBeLessThan(max);
  });

  it('has small base error shares: 4xx a few %, 5xx around 0.1 %', () => {
    const all = snap.egress.reduce((sum, e) => sum + totalRate(e.ratesByStatus), 0);
    const fourxx = snap.egress.reduce((sum, e) => sum + classRate(e.ratesByStatus, '4'), 0) / all;
    const fivexx = snap.egress.reduce((sum, e) => sum + classRate(e.ratesByStatus, '5'), 0) / all;
    expect(fourxx).toBeGreaterThan(0.002);
    expect(fourxx).toBeLessThan(0.06);
    expect(fivexx).toBeGreaterThan(0.0001);
    expect(fivexx).toBeLessThan(0.005);
    expect(snap.egress.some((e) => (e.ratesByStatus[NO_RESPONSE] ?? 0) > 0)).toBe(true);
  });

  it('every instrumented service receives traffic, every uninstrumented one is called', () => {
    const received = new Set(snap.ingress.filter((i) => totalRate(i.ratesByStatus) > 0).map((i) => `${i.datacenter}/${i.service}`));
    const called = new Set(snap.egress.filter((e) => totalRate(e.ratesByStatus) > 0).map((e) => `${e.peerDatacenter}/${e.peerService}`));
    const instrumented = SERVICES.filter((s) => s.instrumented);
    expect(instrumented.length).toBeGreaterThan(30);
    for (const s of instrumented) expect(received).toContain(`${s.datacenter}/${s.name}`);
    for (const s of SERVICES.filter((x) => !x.instrumented)) expect(called).toContain(`${s.datacenter}/${s.name}`);
  });
});

describe('trafficAt with faults', () => {
  const base = trafficAt(T0, { schedule: false });
  const cases: { desc: string; faults: Fault[]; hit: (e: SeriesTraffic) => boolean; check: (before: SeriesTraffic, after: SeriesTraffic) => void }[] = [
    {
      desc: 'errors on checkout raise the 5xx share of the calls into checkout only',
      faults: [{ kind: 'errors', service: 'checkout', share: 0.3 }],
      hit: (e) => e.peerService === 'checkout',
      check: (before, after) => {
        expect(serverShare(before)).toBeLessThan(0.01);
        expect(serverShare(after)).toBeGreaterThan(0.25);
      },
    },
    {
      desc: 'errors restricted to a datacenter leave the other one alone',
      faults: [{ kind: 'errors', service: 'catalog', datacenter: 'eu-west', share: 0.4 }],
      hit: (e) => e.peerService === 'catalog' && e.peerDatacenter === 'eu-west',
      check: (_before, after) => expect(serverShare(after)).toBeGreaterThan(0.35),
    },
    {
      desc: 'a latency fault slows down the calls into the service',
      faults: [{ kind: 'latency', service: 'search', factor: 8 }],
      hit: (e) => e.peerService === 'search',
      check: (before, after) => expect(after.latency.latencyQuantile(0.5)).toBeGreaterThan(5 * before.latency.latencyQuantile(0.5)),
    },
    {
      desc: 'a link down turns the calls across it into no response',
      faults: [{ kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west' }],
      hit: (e) => e.datacenter === 'us-east' && e.peerDatacenter === 'eu-west',
      check: (before, after) => {
        expect(after.ratesByStatus[NO_RESPONSE]).toBeCloseTo(totalRate(after.ratesByStatus), 6);
        expect(totalRate(before.ratesByStatus)).toBeGreaterThan(0);
      },
    },
  ];
  it.each(cases)('$desc', ({ faults, hit, check }) => {
    const after = byKey(trafficAt(T0, { schedule: false, faults }).egress);
    const hits = base.egress.filter(hit);
    expect(hits.length).toBeGreaterThan(0);
    for (const before of hits) {
      const now = after.get(key(before));
      expect(now).toBeDefined();
      if (now) check(before, now);
    }
  });

  it('errors on checkout do not touch the 5xx share of unrelated edges', () => {
    const after = byKey(trafficAt(T0, { schedule: false, faults: [{ kind: 'errors', service: 'checkout', share: 0.3 }] }).egress);
    const unrelated = base.egress.filter((e) => e.service === 'catalog' && e.peerService === 'postgres');
    expect(unrelated.length).toBe(2);
    for (const e of unrelated) expect(serverShare(after.get(key(e)) ?? e)).toBeCloseTo(serverShare(e), 10);
  });
});
