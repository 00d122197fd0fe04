import { describe, expect, it } from 'vitest';
import { activeIncidents, faultEffects, INCIDENT_RAMP_MS, INCIDENT_SLOT_MS, incidentIntensity, incidentsBetween, scheduledIncident } from './incidents.ts';
import type { Incident } from './incidents.ts';
import { trafficAt } from './model.ts';
import { classRate, NO_RESPONSE, totalRate } from './status-codes.ts';

const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);
const HOUR = 3_600_000;

describe('incident schedule', () => {
  const hour = incidentsBetween(T0, T0 + HOUR);

  it('is deterministic per seed', () => {
    expect(incidentsBetween(T0, T0 + HOUR)).toEqual(hour);
    expect(incidentsBetween(T0, T0 + HOUR, 7)).not.toEqual(hour);
  });

  it('has incidents every few minutes, of every kind over a day, none overlapping', () => {
    expect(hour.length).toBeGreaterThanOrEqual(6);
    expect(hour.length).toBeLessThanOrEqual(Math.ceil(HOUR / INCIDENT_SLOT_MS));
    const day = incidentsBetween(T0, T0 + 24 * HOUR);
    expect(new Set(day.map((i) => i.fault.kind))).toEqual(new Set(['errors', 'latency', 'link-down', 'drop']));
    for (const [a, b] of day.slice(1).map((x, i) => [day[i], x] as const)) expect(a?.endMs ?? 0).toBeLessThanOrEqual(b.startMs);
  });

  it.each([
    { desc: 'error shares are 10-40 %', check: (i: Incident) => i.fault.kind !== 'errors' || (i.fault.share >= 0.1 && i.fault.share <= 0.4) },
    { desc: 'latency factors are 3-10', check: (i: Incident) => i.fault.kind !== 'latency' || (i.fault.factor >= 3 && i.fault.factor <= 10) },
    { desc: 'traffic drops leave 5-35 % of the traffic', check: (i: Incident) => i.fault.kind !== 'drop' || (i.fault.share >= 0.05 && i.fault.share <= 0.35) },
    { desc: 'incidents last 1 to 2.5 minutes', check: (i: Incident) => i.endMs - i.startMs >= 60_000 && i.endMs - i.startMs <= 150_000 },
    { desc: 'every incident has a description', check: (i: Incident) => i.description.length > 10 },
  ])('$desc', ({ check }) => {
    const day = incidentsBetween(T0, T0 + 24 * HOUR);
    expect(day.filter((i) => !check(i))).toEqual([]);
  });

  it.each([
    { desc: 'before the start', at: (i: Incident) => i.startMs - 1, active: false, intensity: 0 },
    { desc: 'at the start (ramp begins)', at: (i: Incident) => i.startMs, active: true, intensity: 0 },
    { desc: 'after the ramp', at: (i: Incident) => i.startMs + INCIDENT_RAMP_MS, active: true, intensity: 1 },
    { desc: 'half-way down the final ramp', at: (i: Incident) => i.endMs - INCIDENT_RAMP_MS / 2, active: true, intensity: 0.5 },
    { desc: 'at the end', at: (i: Incident) => i.endMs, active: false, intensity: 0 },
  ])('activeIncidents and intensity $desc', ({ at, active, intensity }) => {
    const incident = hour[0];
    expect(incident).toBeDefined();
    if (!incident) return;
    expect(activeIncidents(at(incident)).map((i) => i.id)).toEqual(active ? [incident.id] : []);
    expect(incidentIntensity(incident, at(incident))).toBeCloseTo(intensity, 6);
  });

  it('a scheduled errors incident shows in the snapshot at full strength', () => {
    const day = incidentsBetween(T0, T0 + 24 * HOUR);
    const incident = day.find((i) => i.fault.kind === 'errors' && i.fault.datacenter !== '');
    if (!incident || incident.fault.kind !== 'errors') throw new Error('no errors incident in a day');
    const { service, datacenter, share } = incident.fault;
    const mid = (incident.startMs + incident.endMs) / 2;
    const snap = trafficAt(mid);
    expect(snap.incidents.map((i) => i.id)).toEqual([incident.id]);
    const into = snap.egress.filter((e) => e.peerService === service && e.peerDatacenter === datacenter);
    expect(into.length).toBeGreaterThan(0);
    for (const e of into) expect(classRate(e.ratesByStatus, '5') / totalRate(e.ratesByStatus)).toBeGreaterThan(share * 0.9);
    const calm = trafficAt(mid, { schedule: false });
    expect(calm.incidents).toEqual([]);
  });

  it('a slot without an incident gives undefined', () => {
    const slots = Array.from({ length: 200 }, (_, i) => scheduledIncident(i));
    expect(slots.some((s) => s === undefined)).toBe(true);
    expect(slots.some((s) => s !== undefined)).toBe(true);
  });
});

describe('faultEffects', () => {
  const effects = faultEffects([
    { fault: { kind: 'errors', service: 'cart', share: 0.5 }, intensity: 1 },
    { fault: { kind: 'errors', service: 'cart', datacenter: 'eu-west', share: 0.5 }, intensity: 1 },
    { fault: { kind: 'latency', service: 'search', factor: 5 }, intensity: 0.5 },
    { fault: { kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west' }, intensity: 1 },
    { fault: { kind: 'drop', service: 'checkout', datacenter: 'eu-west', share: 0.2 }, intensity: 1 },
    { fault: { kind: 'drop', service: 'search', share: 0.2 }, intensity: 0.5 },
  ]);
  it.each([
    { desc: 'two error faults combine as independent causes', got: () => effects.errorShare('cart', 'eu-west'), want: 0.75 },
    { desc: 'a datacenter-less fault applies everywhere', got: () => effects.errorShare('cart', 'us-east'), want: 0.5 },
    { desc: 'other services are healthy', got: () => effects.errorShare('search', 'eu-west'), want: 0 },
    { desc: 'latency grows with intensity', got: () => effects.latencyFactor('search', 'us-east'), want: 3 },
    { desc: 'a link is directed', got: () => effects.linkLoss('eu-west', 'us-east'), want: 0 },
    { desc: 'a link down loses everything by default', got: () => effects.linkLoss('us-east', 'eu-west'), want: 1 },
    { desc: 'a drop leaves its share of the traffic', got: () => effects.trafficShare('checkout', 'eu-west'), want: 0.2 },
    { desc: 'a drop in one datacenter leaves the other alone', got: () => effects.trafficShare('checkout', 'us-east'), want: 1 },
    { desc: 'a drop ramps with intensity', got: () => effects.trafficShare('search', 'us-east'), want: 0.6 },
    { desc: 'no drop: all the traffic', got: () => effects.trafficShare('cart', 'eu-west'), want: 1 },
  ])('$desc', ({ got, want }) => {
    expect(got()).toBeCloseTo(want, 10);
  });

  it('a drop: the service receives its share of every caller\'s calls, and calls less itself', () => {
    const calm = trafficAt(T0, { schedule: false });
    const snap = trafficAt(T0, { schedule: false, faults: [{ kind: 'drop', service: 'checkout', datacenter: 'eu-west', share: 0.1 }] });
    const into = (s: typeof snap) => s.ingress.filter((i) => i.service === 'checkout' && i.datacenter === 'eu-west').reduce((sum, i) => sum + totalRate(i.ratesByStatus), 0);
    const out = (s: typeof snap) => s.egress.filter((e) => e.service === 'checkout' && e.datacenter === 'eu-west').reduce((sum, e) => sum + totalRate(e.ratesByStatus), 0);
    expect(into(calm)).toBeGreaterThan(0);
    expect(into(snap) / into(calm)).toBeCloseTo(0.1, 6);
    expect(out(snap) / out(calm)).toBeCloseTo(0.1, 1);
    const otherDc = (s: typeof snap) => s.ingress.filter((i) => i.service === 'checkout' && i.datacenter === 'us-east').reduce((sum, i) => sum + totalRate(i.ratesByStatus), 0);
    expect(otherDc(snap)).toBeCloseTo(otherDc(calm), 6);
  });

  it('a link down empties the ingress of the callee from across the link', () => {
    const snap = trafficAt(T0, { schedule: false, faults: [{ kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west' }] });
    const across = snap.ingress.filter((i) => i.datacenter === 'eu-west' && i.peerDatacenter === 'us-east');
    expect(across.length).toBeGreaterThan(0);
    for (const i of across) expect(totalRate(i.ratesByStatus)).toBe(0);
    const lost = snap.egress.filter((e) => e.datacenter === 'us-east' && e.peerDatacenter === 'eu-west');
    for (const e of lost) expect(e.ratesByStatus[NO_RESPONSE] ?? 0).toBeGreaterThan(0);
  });
});
