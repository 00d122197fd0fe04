import { describe, expect, it } from 'vitest';
import { callGraph } from './call-graph.ts';
import { largeDatacenters, largePlatform, LARGE_DATACENTERS } from './large.ts';
import type { LargePlatform } from './large.ts';
import { trafficAt } from './model.ts';
import { INTERNET_PEER } from './platform.ts';
import { totalRate } from './status-codes.ts';

const T0 = Date.UTC(2025, 0, 1, 12);
const SHAPE = { services: 400, groups: 12 } as const;
const platform = largePlatform(SHAPE);
const instrumented = (p: LargePlatform, dc: string) => p.services.filter((s) => s.instrumented && s.datacenter === dc);

describe('largePlatform', () => {
  it.each([
    { desc: 'the same shape and seed give the same platform', other: { ...SHAPE, seed: 1 }, same: true },
    { desc: 'another seed gives another platform', other: { ...SHAPE, seed: 2 }, same: false },
    { desc: 'another number of groups gives another platform', other: { ...SHAPE, groups: 11 }, same: false },
  ])('$desc', ({ other, same }) => {
    const again = largePlatform(other);
    const shape = (p: LargePlatform) => ({ services: p.services, calls: p.calls, entries: p.entries });
    if (same) expect(shape(again)).toEqual(shape(platform));
    else expect(shape(again)).not.toEqual(shape(platform));
  });

  it.each([
    { desc: '400 services in 12 groups', shape: SHAPE },
    { desc: '2,000 services in 40 groups', shape: { services: 2000, groups: 40 } },
    { desc: 'one datacenter, 60 services in 5 groups', shape: { services: 60, groups: 5, datacenters: ['dc-a'] } },
    { desc: 'ten datacenters, 60 services in 5 groups', shape: { services: 60, groups: 5, datacenters: largeDatacenters(10) } },
  ])('has the services per datacenter and groups it was asked for: $desc', ({ shape }) => {
    const p = largePlatform(shape);
    expect(p.groups).toHaveLength(shape.groups);
    for (const dc of p.datacenters) expect(instrumented(p, dc)).toHaveLength(shape.services);
    const used = new Set(instrumented(p, p.datacenters[0] ?? '').map((s) => s.namespace));
    expect([...used].filter((g) => g !== '').sort()).toEqual([...p.groups].sort());
    expect(() => callGraph(p)).not.toThrow(); // known services, no cycle
  });

  it('names services by the group contract: <group>-<thing>-<n> in namespace <group>, a handful without a group', () => {
    const dc = platform.datacenters[0] ?? '';
    const services = platform.services.filter((s) => s.datacenter === dc);
    const ungrouped = services.filter((s) => s.namespace === '');
    expect(ungrouped.length).toBeGreaterThanOrEqual(2);
    expect(ungrouped.length).toBeLessThanOrEqual(5);
    for (const s of ungrouped) expect(s.name).not.toContain('-');
    for (const s of services.filter((x) => x.namespace !== '')) {
      expect(/^([^-]+)-/.exec(s.name)?.[1], s.name).toBe(s.namespace);
      expect(platform.groupOf.get(s.name)).toBe(s.namespace);
      expect(s.name).toMatch(/^[a-z0-9]+-[a-z]+-\d+$/);
    }
    // Without the group prefix (Istio's and Linkerd's workload names) names stay unique in the platform.
    const workloads = services.map((s) => (s.namespace ? s.name.slice(s.namespace.length + 1) : s.name));
    expect(new Set(workloads).size).toBe(workloads.length);
    // Group names are neither datacenters nor "internet".
    for (const g of platform.groups) expect([...platform.datacenters, INTERNET_PEER]).not.toContain(g);
  });

  it('makes about 5 calls a service: mostly in the group, some to other groups, a few across datacenters and outside', () => {
    const dc = platform.datacenters[0] ?? '';
    const calls = platform.calls.filter((c) => c.callerDc === dc);
    const services = instrumented(platform, dc);
    const perService = calls.length / services.length;
    expect(perService).toBeGreaterThan(4);
    expect(perService).toBeLessThan(6);
    const group = (name: string) => platform.groupOf.get(name) ?? '';
    const kindOf = new Map(platform.services.map((s) => [s.name, s.kind]));
    const toServices = calls.filter((c) => c.calleeDc !== '' && kindOf.get(c.callee) !== 'database');
    const share = (n: number) => n / calls.length;
    expect(share(toServices.filter((c) => group(c.caller) !== '' && group(c.caller) === group(c.callee)).length)).toBeGreaterThan(0.5);
    expect(share(toServices.filter((c) => group(c.caller) !== group(c.callee)).length)).toBeGreaterThan(0.1);
    const crossDc = share(toServices.filter((c) => c.calleeDc !== c.callerDc).length);
    expect(crossDc).toBeGreaterThan(0.005);
    expect(crossDc).toBeLessThan(0.06);
    expect(calls.filter((c) => kindOf.get(c.callee) === 'database').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.calleeDc === '').length).toBeGreaterThan(0);
    // The internet reaches the gateway and some front doors in every datacenter.
    for (const d of platform.datacenters) {
      const entries = platform.entries.filter((e) => e.datacenter === d).map((e) => e.service);
      expect(entries).toContain('gateway');
      expect(entries.filter((e) => /-api-\d+$/.test(e)).length).toBeGreaterThan(0);
    }
  });

  it('gives every service traffic in every datacenter, spread over orders of magnitude', () => {
    const snap = trafficAt(T0, { platform, schedule: false });
    for (const dc of platform.datacenters) {
      const load = new Map<string, number>();
      for (const s of snap.ingress) if (s.datacenter === dc) load.set(s.service, (load.get(s.service) ?? 0) + totalRate(s.ratesByStatus));
      expect(load.size).toBe(SHAPE.services);
      const rates = [...load.values()].sort((a, b) => a - b);
      expect(rates[0]).toBeGreaterThan(0);
      expect(rates.filter((r) => r < 0.1).length, 'quiet services').toBeGreaterThan(SHAPE.services * 0.05);
      expect(rates.filter((r) => r > 10).length, 'busy services').toBeGreaterThan(SHAPE.services * 0.05);
      expect((rates[rates.length - 1] ?? 0) / (rates[0] ?? 1)).toBeGreaterThan(1e3);
    }
  });

  it('names any number of datacenters, the default two first, all apart', () => {
    expect(largeDatacenters(2)).toEqual(LARGE_DATACENTERS);
    const twelve = largeDatacenters(12);
    expect(twelve.slice(0, 2)).toEqual(LARGE_DATACENTERS);
    expect(new Set(twelve).size).toBe(12);
  });

  it('with ten datacenters, each sends a few calls to the next one and gets internet traffic', () => {
    const p = largePlatform({ services: 200, groups: 8, datacenters: largeDatacenters(10) });
    p.datacenters.forEach((dc, d) => {
      const calls = p.calls.filter((c) => c.callerDc === dc);
      const crossing = calls.filter((c) => c.calleeDc !== dc && c.calleeDc !== '');
      expect(crossing.length, dc).toBeGreaterThan(0);
      expect(new Set(crossing.map((c) => c.calleeDc)), dc).toEqual(new Set([p.datacenters[(d + 1) % p.datacenters.length]]));
      expect(p.entries.filter((e) => e.datacenter === dc).map((e) => e.service), dc).toContain('gateway');
    });
  });

  it.each([
    { desc: 'more groups than services allow', shape: { services: 20, groups: 12 }, message: /20 services cannot fill 12 groups/ },
    { desc: 'no group', shape: { services: 20, groups: 0 }, message: /cannot fill 0 groups/ },
  ])('refuses $desc with a message naming the numbers', ({ shape, message }) => {
    expect(() => largePlatform(shape)).toThrow(message);
  });
});
