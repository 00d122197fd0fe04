import { INTERNET } from '../graph/types.ts';
import type { TrafficGraph } from '../graph/types.ts';
import type { MapHit } from '../vizceral/renderer.ts';
import type { UrlState } from './urlState.ts';

/**
 * What a click on the map does, as a pure function of the state and the graph:
 * a datacenter opens it, a service opens its focus view, another datacenter's node opens that
 * datacenter, a connection selects the edge, empty space clears the selection.
 */
export function stateAfterClick(state: UrlState, hit: MapHit | null, graph: TrafficGraph | undefined): UrlState {
  if (!hit) return { ...state, edge: null };
  if (hit.type === 'connection') return { ...state, edge: [hit.source, hit.target] };
  const name = hit.name;
  // Own keys only (names are data, "__proto__" is not a datacenter); a `dc` the graph does not
  // have shows the global view (currentView), so clicks act on the global view then.
  const isDatacenter = (dc: string): boolean => !!graph && Object.hasOwn(graph.datacenters, dc);
  if (!state.dc || !isDatacenter(state.dc)) {
    return isDatacenter(name) ? { ...state, dc: name, service: '', edge: null } : state;
  }
  if (name.startsWith('dc:') && isDatacenter(name.slice(3))) {
    return { ...state, dc: name.slice(3), service: '', edge: null };
  }
  const node = graph?.datacenters[state.dc]?.nodes.find((n) => n.id === name);
  if (!node || name === INTERNET || node.kind === 'remote') return state;
  if (name === state.service) return { ...state, edge: null };
  return { ...state, service: name, edge: null };
}

export interface Crumb {
  readonly label: string;
  readonly state: UrlState;
}

/** Breadcrumbs from the global view down to the current one. */
export function breadcrumbs(state: UrlState): Crumb[] {
  const crumbs: Crumb[] = [{ label: 'Global', state: { ...state, dc: '', service: '', edge: null } }];
  if (state.dc) crumbs.push({ label: state.dc, state: { ...state, service: '', edge: null } });
  if (state.dc && state.service) crumbs.push({ label: state.service, state: { ...state, edge: null } });
  return crumbs;
}

/** One level up: focus -> datacenter -> global. */
export function parentState(state: UrlState): UrlState {
  if (state.service) return { ...state, service: '', edge: null };
  return { ...state, dc: '', edge: null };
}
