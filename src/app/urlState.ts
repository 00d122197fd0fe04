/**
 * The view state that lives in the URL, so a pasted link reopens the same view. Pure encode and
 * decode with stable defaults; unknown parameters are kept untouched (other tools add their own).
 */
export type ViewMode = 'map' | 'table';

export interface UrlState {
  /** Datacenter shown; '' = the global view. */
  readonly dc: string;
  /** Focused service in `dc`; '' = none. */
  readonly service: string;
  /** Selected edge as [source, target] in the current view, or null. */
  readonly edge: readonly [string, string] | null;
  readonly view: ViewMode;
}

export const DEFAULT_URL_STATE: UrlState = { dc: '', service: '', edge: null, view: 'map' };

const EDGE_SEPARATOR = ' -> ';

export function decodeUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const dc = p.get('dc') ?? '';
  const service = dc ? (p.get('service') ?? '') : '';
  const view: ViewMode = p.get('view') === 'table' ? 'table' : 'map';
  return { dc, service, edge: decodeEdge(p.get('edge')), view };
}

function decodeEdge(raw: string | null): readonly [string, string] | null {
  if (!raw) return null;
  const at = raw.indexOf(EDGE_SEPARATOR);
  if (at <= 0 || at + EDGE_SEPARATOR.length >= raw.length) return null;
  return [raw.slice(0, at), raw.slice(at + EDGE_SEPARATOR.length)];
}

/** Writes the state into `search`, keeping parameters this module does not own. */
export function encodeUrlState(state: UrlState, search = ''): string {
  const p = new URLSearchParams(search);
  setOrDelete(p, 'dc', state.dc);
  setOrDelete(p, 'service', state.dc ? state.service : '');
  setOrDelete(p, 'edge', state.edge ? `${state.edge[0]}${EDGE_SEPARATOR}${state.edge[1]}` : '');
  setOrDelete(p, 'view', state.view === 'map' ? '' : state.view);
  const text = p.toString();
  return text ? `?${text}` : '';
}

function setOrDelete(p: URLSearchParams, key: string, value: string): void {
  if (value) p.set(key, value);
  else p.delete(key);
}

/** The Vizceral view array for a state: [] global, [dc], or [dc, service]. */
export function toRendererView(state: UrlState): string[] {
  if (!state.dc) return [];
  return state.service ? [state.dc, state.service] : [state.dc];
}
