import type { Grouping, ViewScope } from '../graph/scope.ts';
import { groupsOf } from '../graph/serviceList.ts';
import type { ServiceList } from '../graph/serviceList.ts';
import type { UrlState } from './urlState.ts';

export interface ResolvedScope {
  /** null: the scope cannot be known yet (a datacenter whose size decides between flat and grouped, before the list). */
  readonly scope: ViewScope | null;
  /** Why the view shown is not the one the link asked for (a datacenter, group or service that does not exist). */
  readonly notice?: string;
}

/**
 * The view the URL asks for, as a scope. A link to something the list does not know falls back
 * to the nearest level that exists, and says so. Pure.
 */
export function resolveScope(state: UrlState, list: ServiceList | undefined, grouping: Grouping, maxNodes: number, knownDatacenters: readonly string[] | null): ResolvedScope {
  if (!state.dc) return { scope: { level: 'global' } };
  const dc = state.dc;
  const dcKnown = knownDatacenters ? knownDatacenters.includes(dc) : list ? list.services.has(dc) : true;
  if (!dcKnown && (knownDatacenters || list)) {
    return { scope: { level: 'global' }, notice: `No datacenter "${dc}": showing the global view.` };
  }
  const services = list?.services.get(dc);
  if (state.service) {
    if (!list || services?.has(state.service)) return { scope: { level: 'focus', dc, service: state.service } };
    // A service that sends nothing and receives nothing now is still shown (its view is empty), unless the list is sure.
    return { ...parent(dc, state.group, list, grouping, maxNodes), notice: `No service "${state.service}" in ${dc} now: showing ${state.group ? `the group ${state.group}` : dc}.` };
  }
  if (state.group && grouping.source) {
    if (!list || groupsOf(list, dc).has(state.group)) return { scope: { level: 'group', dc, group: state.group } };
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
