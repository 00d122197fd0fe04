import { serviceName } from '../graph/displayNames.ts';
import type { Grouping, ViewScope } from '../graph/scope.ts';
import { groupsOf } from '../graph/serviceList.ts';
import type { ServiceList } from '../graph/serviceList.ts';
import type { UrlState } from './urlState.ts';

export interface ResolvedScope {
  /** null: the scope cannot be known yet (a datacenter whose size decides between flat and grouped, before the list). */
  readonly scope: ViewScope | null;
  /** Why the view shown is not the one the link asked for (a datacenter, group or service that does not exist). */
  readonly notice?: string;
  /** The list is too old to say a service or group does not exist: read it again (the view is read meanwhile). */
  readonly refetchList?: true;
}

/** A list younger than this is trusted to say that something does not exist. */
export const LIST_TRUSTED_MS = 30_000;

/**
 * The view the URL asks for, as a scope. A link to something the list does not know falls back
 * to the nearest level that exists, and says so. Pure.
 */
export function resolveScope(
  state: UrlState, list: ServiceList | undefined, grouping: Grouping, maxNodes: number, knownDatacenters: readonly string[] | null, listAgeMs = 0,
  /** The linked service was read and nothing came back (see `useTraffic`). */
  focusCameBackEmpty = false,
): ResolvedScope {
  const stale = listAgeMs > LIST_TRUSTED_MS;
  if (!state.dc) return { scope: { level: 'global' } };
  const dc = state.dc;
  const dcKnown = knownDatacenters ? knownDatacenters.includes(dc) : list ? list.services.has(dc) : true;
  if (!dcKnown && (knownDatacenters || list)) {
    return { scope: { level: 'global' }, notice: `No datacenter "${dc}": showing the global view.` };
  }
  const services = list?.services.get(dc);
  if (state.service) {
    // The URL holds the node id: a name that could pass for a reserved id carries an escape there.
    const service = serviceName(state.service);
    if (!list || services?.has(service)) return { scope: { level: 'focus', dc, service } };
    // Not in the list: a service newer than the list, or gone. It is read; only when its answers
    // are empty too (and the list is recent) is it called gone.
    if (stale || !focusCameBackEmpty) return { scope: { level: 'focus', dc, service }, refetchList: true };
    // A service that sends nothing and receives nothing now is still shown (its view is empty), unless the list is sure.
    return { ...parent(dc, state.group, list, grouping, maxNodes), notice: `No service "${state.service}" in ${dc} now: showing ${state.group ? `the group ${state.group}` : dc}.` };
  }
  if (state.group && grouping.source) {
    if (!list || groupsOf(list, dc).has(state.group)) return { scope: { level: 'group', dc, group: state.group } };
    if (stale) return { scope: { level: 'group', dc, group: state.group }, refetchList: true };
    return { ...datacenter(dc, list, grouping, maxNodes), notice: `No group "${state.group}" in ${dc}: showing the datacenter.` };
  }
  return datacenter(dc, list, grouping, maxNodes);
}

function parent(dc: string, group: string, list: ServiceList, grouping: Grouping, maxNodes: number): ResolvedScope {
  if (group && grouping.source && groupsOf(list, dc).has(group)) return { scope: { level: 'group', dc, group } };
  return datacenter(dc, list, grouping, maxNodes);
}

function datacenter(dc: string, list: ServiceList | undefined, grouping: Grouping, maxNodes: number): ResolvedScope {
  if (!grouping.source) return { scope: { level: 'datacenter', dc, grouped: false } };
  if (grouping.when === 'always') return { scope: { level: 'datacenter', dc, grouped: true } };
  if (!list) return { scope: null };
  const count = list.services.get(dc)?.size ?? 0;
  return { scope: { level: 'datacenter', dc, grouped: count > maxNodes } };
}

/** The group a service belongs to, per the list ('' when unknown or ungrouped). */
export function groupOfService(list: ServiceList | undefined, dc: string, service: string): string {
  const group = list?.services.get(dc)?.get(service) ?? '';
  return group === service ? '' : group;
}

/**
 * The group a link to a service carries: its group when its datacenter is drawn as groups (the
 * way back up goes through it), else '' (a flat datacenter has no group level).
 */
export function linkGroup(list: ServiceList | undefined, grouping: Grouping, maxNodes: number, dc: string, service: string): string {
  const scope = datacenter(dc, list, grouping, maxNodes).scope;
  return scope?.level === 'datacenter' && scope.grouped ? groupOfService(list, dc, service) : '';
}
