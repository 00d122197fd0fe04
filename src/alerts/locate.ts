import type { Convention, ConventionSide } from '../conventions/types.ts';
import { labelOf } from '../conventions/types.ts';
import type { FiringAlert } from '../graph/types.ts';

/**
 * Where an alert's labels say it belongs: a service, a call between two services, a datacenter,
 * or nowhere (with the reason). Read by the convention's label roles on either side (Istio's
 * `destination_workload` + `destination_workload_namespace` + `destination_cluster`, or the
 * `source_*` ones), and by the label names the config adds (`alerts.serviceLabels`,
 * `alerts.datacenterLabels`). Pure; label names and values are data (Maps only).
 */

/** The labels naming one end of a call: its service, namespace ('' = none) and datacenter ('' = none). */
export interface EndLabels {
  readonly service: string;
  readonly namespace: string;
  readonly datacenter: string;
  /** `caller` / `callee`: the convention says which end; `either`: it does not (e.g. `service`). */
  readonly side: 'caller' | 'callee' | 'either';
}

export interface PlacementRules {
  readonly ends: readonly EndLabels[];
  /** Labels naming the alert's datacenter, tried in order (after an end's own datacenter label). */
  readonly datacenterLabels: readonly string[];
  /** Values that mean "not known" (Istio's `unknown`): read as absent. */
  readonly unknownValues: readonly string[];
}

export interface ServiceRef {
  readonly dc: string;
  readonly service: string;
}

export type AlertPlace =
  | { readonly kind: 'service'; readonly at: ServiceRef }
  /** `directed`: `from` is the caller; else the labels do not say which end calls. */
  | { readonly kind: 'call'; readonly from: ServiceRef; readonly to: ServiceRef; readonly directed: boolean }
  | { readonly kind: 'datacenter'; readonly dc: string }
  /**
   * A name the service list lacks, and no datacenter: a callee without metrics of its own (a
   * database, a payment provider) is drawn as an external node of that name; else on no node.
   */
  | { readonly kind: 'external'; readonly service: string; readonly reason: string }
  | { readonly kind: 'unplaced'; readonly reason: string };

export interface LocatedAlert {
  readonly alert: FiringAlert;
  readonly place: AlertPlace;
}

/** What the map knows of the platform (the service list), or null before it is read. */
export interface ServiceDirectory {
  /** The datacenters that have a service of this name. */
  datacentersOf(service: string): readonly string[];
}

/** Default service and datacenter label names, besides the convention's. */
export const DEFAULT_SERVICE_LABELS: readonly string[] = ['service', 'app', 'workload'];
export const DEFAULT_DATACENTER_LABELS: readonly string[] = ['datacenter', 'cluster', 'dc'];

/** The rules of a convention plus the config's label names. */
export function placementRules(convention: Convention, serviceLabels: readonly string[], datacenterLabels: readonly string[]): PlacementRules {
  const ends = new Map<string, { service: string; namespace: string; datacenter: string; side: EndLabels['side'] }>();
  const add = (service: string, namespace: string, datacenter: string, side: EndLabels['side']): void => {
    if (service === '') return;
    const key = `${service}\u0000${namespace}`;
    const had = ends.get(key);
    if (!had) ends.set(key, { service, namespace, datacenter, side });
    else ends.set(key, { ...had, datacenter: had.datacenter || datacenter, side: had.side === side ? side : 'either' });
  };
  const sideEnds = (side: ConventionSide, own: 'caller' | 'callee'): void => {
    const r = side.roles;
    add(labelOf(convention, r.service), labelOf(convention, r.serviceNamespace), labelOf(convention, r.datacenter), own);
    add(labelOf(convention, r.peerService), labelOf(convention, r.peerNamespace), labelOf(convention, r.peerDatacenter), own === 'caller' ? 'callee' : 'caller');
  };
  sideEnds(convention.egress, 'caller');
  sideEnds(convention.ingress, 'callee');
  for (const label of serviceLabels) if (![...ends.values()].some((e) => e.service === label)) add(label, '', '', 'either');
  return { ends: [...ends.values()], datacenterLabels, unknownValues: convention.unknownValues ?? [] };
}

/**
 * Where the alert goes. `serverDatacenters`: the datacenters of the server it was read from (a
 * per-datacenter Prometheus: its alerts need no datacenter label); null = any.
 */
export function locateAlert(alert: FiringAlert, rules: PlacementRules, directory: ServiceDirectory | null, serverDatacenters: readonly string[] | null): AlertPlace {
  const labels = alert.labels;
  const value = (name: string): string => {
    if (name === '') return '';
    const v = labels.get(name) ?? '';
    return rules.unknownValues.includes(v) ? '' : v;
  };
  const alertDc = rules.datacenterLabels.map(value).find((v) => v !== '') ?? '';
  // Each named end, once (two label sets naming the same service are one end).
  const named: { service: string; dc: string; side: EndLabels['side'] }[] = [];
  for (const end of rules.ends) {
    const base = value(end.service);
    if (base === '') continue;
    const ns = value(end.namespace);
    const service = ns === '' ? base : `${base}.${ns}`;
    const dc = value(end.datacenter) || alertDc;
    const same = named.find((n) => n.service === service && (n.dc === dc || n.dc === '' || dc === ''));
    if (same) {
      if (same.dc === '') same.dc = dc;
      if (same.side === 'either') same.side = end.side;
      continue;
    }
    named.push({ service, dc, side: end.side });
  }
  if (named.length === 0) {
    if (alertDc !== '') return { kind: 'datacenter', dc: alertDc };
    return { kind: 'unplaced', reason: 'its labels name no service or datacenter' };
  }
  if (named.length > 2) {
    return { kind: 'unplaced', reason: `its labels name ${named.length} services (${named.map((r) => `"${r.service}"`).join(', ')}): no one node or call` };
  }
  const resolved: (ServiceRef & { side: EndLabels['side'] })[] = [];
  const misses: string[] = [];
  for (const end of named) {
    const found = resolveDc(end.service, end.dc, directory, serverDatacenters);
    if (typeof found === 'string') resolved.push({ dc: found, service: end.service, side: end.side });
    else misses.push(found.miss);
  }
  const [only] = named;
  if (resolved.length === 0 && named.length === 1 && only && only.dc === '' && directory && directory.datacentersOf(only.service).length === 0) {
    return { kind: 'external', service: only.service, reason: misses.join('; ') };
  }
  if (resolved.length === 0) return { kind: 'unplaced', reason: misses.join('; ') };
  const [a, b] = resolved;
  if (!a) return { kind: 'unplaced', reason: misses.join('; ') };
  if (!b) return { kind: 'service', at: { dc: a.dc, service: a.service } };
  const directed = (a.side === 'caller' && b.side === 'callee') || (a.side === 'callee' && b.side === 'caller');
  const [from, to] = a.side === 'callee' && b.side === 'caller' ? [b, a] : [a, b];
  return { kind: 'call', from: { dc: from.dc, service: from.service }, to: { dc: to.dc, service: to.service }, directed };
}

/** The datacenter of a named service, or why there is none (unknown, or in several datacenters). */
function resolveDc(service: string, dc: string, directory: ServiceDirectory | null, serverDatacenters: readonly string[] | null): string | { miss: string } {
  const known = directory?.datacentersOf(service) ?? null;
  if (dc !== '') {
    if (known && !known.includes(dc)) return { miss: `no service "${service}" in datacenter "${dc}"` };
    return dc;
  }
  const candidates = known === null ? (serverDatacenters ?? []) : known.filter((d) => serverDatacenters === null || serverDatacenters.includes(d));
  if (candidates.length === 1 && candidates[0] !== undefined) return candidates[0];
  if (known !== null && known.length === 0) return { miss: `no service "${service}" on the map` };
  if (candidates.length === 0) return { miss: `no datacenter label for "${service}"` };
  return { miss: `"${service}" runs in ${candidates.length} datacenters (${candidates.join(', ')}) and no label says which` };
}

/** Every alert, located. */
export function locateAlerts(
  alerts: readonly { readonly alert: FiringAlert; readonly serverDatacenters: readonly string[] | null }[],
  rules: PlacementRules,
  directory: ServiceDirectory | null,
): LocatedAlert[] {
  return alerts.map(({ alert, serverDatacenters }) => ({ alert, place: locateAlert(alert, rules, directory, serverDatacenters) }));
}
