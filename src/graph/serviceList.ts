/**
 * Every service of the platform, per datacenter, with its group: read from the light list query
 * (conventions/viewQueries.ts `buildServiceListQuery`), for search, counts, the group of a linked
 * service and the choice between a flat and a grouped datacenter view. Pure.
 */
export interface ServiceList {
  /** Datacenter -> service -> group ('' when the platform is not grouped). */
  readonly services: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface ListSample {
  readonly metric?: Readonly<Record<string, string>>;
}

export function readServiceList(samples: readonly ListSample[], labels: { datacenter: string; service: string; group: string }): ServiceList {
  const services = new Map<string, Map<string, string>>();
  for (const s of samples) {
    const m = s.metric ?? {};
    const dc = Object.hasOwn(m, labels.datacenter) ? (m[labels.datacenter] ?? '') : '';
    const name = Object.hasOwn(m, labels.service) ? (m[labels.service] ?? '') : '';
    if (!dc || !name) continue;
    const group = Object.hasOwn(m, labels.group) ? (m[labels.group] ?? '') : '';
    let byName = services.get(dc);
    if (!byName) services.set(dc, (byName = new Map()));
    byName.set(name, group);
  }
  return { services };
}

/** The union of several servers' lists. */
export function mergeServiceLists(lists: readonly ServiceList[]): ServiceList {
  if (lists.length === 1 && lists[0]) return lists[0];
  const services = new Map<string, Map<string, string>>();
  for (const list of lists) {
    for (const [dc, byName] of list.services) {
      let into = services.get(dc);
      if (!into) services.set(dc, (into = new Map()));
      for (const [name, group] of byName) into.set(name, group);
    }
  }
  return { services };
}

/** The groups of a datacenter and their sizes (a service without a group is not counted as one). */
export function groupsOf(list: ServiceList, dc: string): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [name, group] of list.services.get(dc) ?? []) {
    if (!group || group === name) continue;
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  return groups;
}

export function datacentersOf(list: ServiceList): string[] {
  return [...list.services.keys()].sort();
}

export interface ServiceHit {
  readonly dc: string;
  readonly service: string;
  readonly group: string;
}

/**
 * Services matching a search text across every datacenter: exact names first, then prefixes,
 * then substrings; case-insensitive.
 */
export function searchList(list: ServiceList, text: string, limit = 20): ServiceHit[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const scored: { hit: ServiceHit; score: number }[] = [];
  for (const [dc, byName] of list.services) {
    for (const [service, group] of byName) {
      const name = service.toLowerCase();
      const score = name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : -1;
      if (score >= 0) scored.push({ hit: { dc, service, group }, score });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.hit.service.localeCompare(b.hit.service) || a.hit.dc.localeCompare(b.hit.dc));
  return scored.slice(0, limit).map((s) => s.hit);
}

/** Every service name, once, sorted (the search box's suggestions). */
export function allNames(list: ServiceList): string[] {
  const names = new Set<string>();
  for (const byName of list.services.values()) for (const name of byName.keys()) names.add(name);
  return [...names].sort();
}
