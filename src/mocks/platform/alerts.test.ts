import { describe, expect, it } from 'vitest';
import { ALERT_FOR_MS, firingAlertsAt } from './alerts.ts';
import { INCIDENT_RAMP_MS, incidentsBetween } from './incidents.ts';
import type { Incident } from './incidents.ts';

const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);
const day = incidentsBetween(T0, T0 + 24 * 3_600_000);

describe('demo alerts follow the scheduled incidents', () => {
  const kinds: { desc: string; kind: Incident['fault']['kind']; alertname: string; severity: string }[] = [
    { desc: 'errors: HighErrorRate', kind: 'errors', alertname: 'HighErrorRate', severity: 'critical' },
    { desc: 'latency: HighLatency', kind: 'latency', alertname: 'HighLatency', severity: 'warning' },
    { desc: 'link down: DatacenterLinkDown', kind: 'link-down', alertname: 'DatacenterLinkDown', severity: 'critical' },
  ];
  it.each(kinds)('$desc', ({ kind, alertname, severity }) => {
    const incident = day.find((i) => i.fault.kind === kind);
    if (!incident) throw new Error(`no ${kind} incident in a day`);
    const fires = incident.startMs + INCIDENT_RAMP_MS + ALERT_FOR_MS;
    expect(firingAlertsAt(incident.startMs + INCIDENT_RAMP_MS)).toEqual([]);
    const firing = firingAlertsAt(fires + 1_000);
    expect(firing.map((a) => [a.labels.alertname, a.labels.severity])).toEqual([[alertname, severity]]);
    expect(firing[0]?.activeAt).toBe(new Date(incident.startMs + INCIDENT_RAMP_MS).toISOString());
    expect(firing[0]?.annotations.runbook_url).toMatch(/^https:\/\//);
    if (incident.fault.kind !== 'link-down') expect(firing[0]?.labels.service).toBe(incident.fault.service);
    expect(firingAlertsAt(incident.endMs)).toEqual([]);
  });

  it('an alert fires now and then: in about a quarter of the day, never all the time', () => {
    let firing = 0;
    const steps = 24 * 60;
    for (let m = 0; m < steps; m++) if (firingAlertsAt(T0 + m * 60_000).length > 0) firing++;
    expect(firing / steps).toBeGreaterThan(0.1);
    expect(firing / steps).toBeLessThan(0.5);
  });

  it('no schedule: only forced faults; a fault everywhere fires once per datacenter', () => {
    const alerts = firingAlertsAt(T0, { schedule: false, faults: [{ kind: 'errors', service: 'checkout', share: 0.3 }] });
    expect(alerts.map((a) => a.labels.datacenter).sort()).toEqual(['eu-west', 'us-east']);
    expect(firingAlertsAt(T0, { schedule: false })).toEqual([]);
  });
});
