/**
 * The alerts the demo platform's Prometheus would fire: one per scheduled incident (and per forced
 * fault), as rules on error share and latency would see them. An incident's alert fires once the
 * incident has ramped up and held for `ALERT_FOR_MS` (a rule's `for:`), and resolves as it fades.
 * Labelled like the project's convention (`service`, `datacenter`), with a summary, a description
 * and a runbook, as /api/v1/alerts gives them.
 */
import { INCIDENT_RAMP_MS, activeIncidents, describeFault } from './incidents.ts';
import type { Fault } from './incidents.ts';
import type { TrafficOptions } from './model.ts';
import { DEFAULT_SEED } from './random.ts';
import { DEMO_PLATFORM } from './platform.ts';
import type { Platform } from './platform.ts';

/** How long a fault holds before its alert fires (a rule's `for:`). */
export const ALERT_FOR_MS = 30_000;

export const RUNBOOK_BASE = 'https://runbooks.example.com/traffic-map';

/** One entry of /api/v1/alerts. */
export interface DemoAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'firing';
  readonly activeAt: string;
  readonly value: string;
}

/** The alerts firing at `timeMs`. */
export function firingAlertsAt(timeMs: number, opts: TrafficOptions = {}): DemoAlert[] {
  const out: DemoAlert[] = [];
  const platform = opts.platform ?? DEMO_PLATFORM;
  for (const fault of opts.faults ?? []) for (const f of perDatacenter(fault, platform)) pushAlert(out, alertOf(f, timeMs - 10 * 60_000));
  if (opts.schedule === false) return out;
  for (const incident of activeIncidents(timeMs, opts.seed ?? DEFAULT_SEED, platform)) {
    const firesAt = incident.startMs + INCIDENT_RAMP_MS + ALERT_FOR_MS;
    if (timeMs < firesAt || timeMs >= incident.endMs - INCIDENT_RAMP_MS / 2) continue;
    for (const f of perDatacenter(incident.fault, platform)) pushAlert(out, alertOf(f, firesAt - ALERT_FOR_MS));
  }
  return out;
}

/** A fault on a service "everywhere" fires once per datacenter it runs in (rules sum by service and datacenter). */
function perDatacenter(fault: Fault, platform: Platform): Fault[] {
  if (fault.kind === 'link-down' || fault.datacenter) return [fault];
  const dcs = [...new Set(platform.services.filter((s) => s.name === fault.service).map((s) => s.datacenter))];
  return dcs.length === 0 ? [fault] : dcs.map((dc) => (dc ? { ...fault, datacenter: dc } : fault));
}

function pushAlert(out: DemoAlert[], alert: DemoAlert | null): void {
  if (alert) out.push(alert);
}

/**
 * The alert a fault fires; null for a traffic drop: the demo's rules, like many real ones, watch
 * errors and latency only, and the baseline is what shows the traffic that stopped arriving.
 */
function alertOf(fault: Fault, activeMs: number): DemoAlert | null {
  const activeAt = new Date(activeMs).toISOString();
  switch (fault.kind) {
    case 'drop':
      return null;
    case 'errors':
      return {
        labels: { alertname: 'HighErrorRate', severity: 'critical', service: fault.service, ...(fault.datacenter ? { datacenter: fault.datacenter } : {}) },
        annotations: {
          summary: `${fault.service} answers 5xx to ${Math.round(fault.share * 100)}% of requests`,
          description: `${describeFault(fault)}. The error share has been above 5% for more than 30 s; its callers see part of it.`,
          runbook_url: `${RUNBOOK_BASE}/high-error-rate`,
        },
        state: 'firing', activeAt, value: String(fault.share),
      };
    case 'latency':
      return {
        labels: { alertname: 'HighLatency', severity: 'warning', service: fault.service, ...(fault.datacenter ? { datacenter: fault.datacenter } : {}) },
        annotations: {
          summary: `${fault.service} is ${fault.factor.toFixed(1)}x slower than usual`,
          description: `${describeFault(fault)}. p95 latency has been above its threshold for more than 30 s.`,
          runbook_url: `${RUNBOOK_BASE}/high-latency`,
        },
        state: 'firing', activeAt, value: String(fault.factor),
      };
    case 'link-down':
      return {
        labels: { alertname: 'DatacenterLinkDown', severity: 'critical', datacenter: fault.fromDc, peer_datacenter: fault.toDc },
        annotations: {
          summary: `Calls from ${fault.fromDc} to ${fault.toDc} time out`,
          description: `${describeFault(fault)}.`,
          runbook_url: `${RUNBOOK_BASE}/datacenter-link-down`,
        },
        state: 'firing', activeAt, value: String(fault.share ?? 1),
      };
  }
}
