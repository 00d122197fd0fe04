import { INTERNET } from '../graph/types.ts';
import type { TrafficGraph } from '../graph/types.ts';
import type { MapHit } from '../vizceral/renderer.ts';
import type { ViewScope } from '../graph/scope.ts';
import type { UrlState } from './urlState.ts';

/** The group of a service of a datacenter ('' when ungrouped or unknown). */
export type GroupOf = (dc: string, service: string) => string;

const noGroup: GroupOf = () => '';

/**
 * What a click on the map does, as a pure function of the state and the graph:
 * a datacenter opens it, a group opens its view, a service opens its focus view, another
 * datacenter's node opens that datacenter, a connection selects the edge, empty space clears
 * the selection. `datacenters`: the datacenters that exist (config or service list).
 */
export function stateAfterClick(state: UrlState, hit: MapHit | null, graph: TrafficGraph | undefined, datacenters: readonly string[], groupOf: GroupOf = noGroup): UrlState {
  if (!hit) return { ...state, edge: null };
  if (hit.type === 'connection') return { ...state, edge: [hit.source, hit.target] };
  const name = hit.name;
  const isDatacenter = (dc: string): boolean => datacenters.includes(dc);
  // Own keys only (names are data, "__proto__" is not a datacenter).
  const dcView = state.dc && graph && Object.hasOwn(graph.datacenters, state.dc) ? graph.datacenters[state.dc] : undefined;
  if (!state.dc || !dcView) {
    return isDatacenter(name) ? { ...state, dc: name, group: '', service: '', edge: null } : state;
  }
  if (name.startsWith('dc:') && isDatacenter(name.slice(3))) {
    return { ...state, dc: name.slice(3), group: '', service: '', edge: null };
  }
  const node = dcView.nodes.find((n) => n.id === name);
  if (!node || name === INTERNET || node.kind === 'remote' || node.kind === 'more') return state;
  if (node.kind === 'group') return { ...state, group: name, service: '', edge: null };
  if (name === state.service) return { ...state, edge: null };
  return { ...state, group: groupOf(state.dc, name), service: name, edge: null };
}

export interface Crumb {
  readonly label: string;
  readonly state: UrlState;
  /** The link named it, but it does not exist: a nearer level is shown instead (see `resolveScope`). */
  readonly missing?: true;
}

const DEPTH: Readonly<Record<ViewScope['level'], number>> = { global: 0, datacenter: 1, group: 2, focus: 3 };

/**
 * Breadcrumbs from the global view down to the current one: Global › datacenter › group › service.
 * `shown`: the level shown in place of the link's when the link names something that does not
 * exist; the crumbs below it are marked `missing` (the URL keeps them, so the link still says
 * what was asked for).
 */
export function breadcrumbs(state: UrlState, shown?: ViewScope): Crumb[] {
  const crumbs: Crumb[] = [{ label: 'Global', state: { ...state, dc: '', group: '', service: '', edge: null } }];
  const depths: number[] = [0];
  if (state.dc) { crumbs.push({ label: state.dc, state: { ...state, group: '', service: '', edge: null } }); depths.push(1); }
  if (state.dc && state.group) { crumbs.push({ label: state.group, state: { ...state, service: '', edge: null } }); depths.push(2); }
  if (state.dc && state.service) { crumbs.push({ label: state.service, state: { ...state, edge: null } }); depths.push(3); }
  if (!shown) return crumbs;
  const deepest = DEPTH[shown.level];
  return crumbs.map((c, i) => ((depths[i] ?? 0) > deepest ? { ...c, missing: true as const } : c));
}

/** One level up: focus -> group (or datacenter) -> datacenter -> global. */
export function parentState(state: UrlState): UrlState {
  if (state.service) return { ...state, service: '', edge: null };
  if (state.group) return { ...state, group: '', edge: null };
  return { ...state, dc: '', edge: null };
}
