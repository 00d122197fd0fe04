/**
 * The view state that lives in the URL, so a pasted link reopens the same view. Pure encode and
 * decode with stable defaults; unknown parameters are kept untouched (other tools add their own).
 */
import { legacyHide } from '../graph/expressions/legacy.ts';
import { printExpression } from '../graph/expressions/print.ts';
import { formatDurationParam, formatTime, parseDurationParam, parseTime } from './urlValues.ts';

export type ViewMode = 'map' | 'table';

/**
 * Find and Hide expressions (src/graph/expressions), as text: a link with an expression that
 * does not parse keeps it, and the toolbar says what is wrong with it. '' = none.
 */
export interface Filters {
  /** Nodes and edges to highlight, e.g. `errors > 5% or alerts`. */
  readonly find: string;
  /** Nodes and edges to take off the map, e.g. `rate < 1 or name = canary-*`. */
  readonly hide: string;
}

export interface UrlState {
  /** Datacenter shown; '' = the global view. */
  readonly dc: string;
  /** Group of `dc` shown (or the focused service's group, for the way back up); '' = none. */
  readonly group: string;
  /** Focused service in `dc`; '' = none. */
  readonly service: string;
  /** Selected edge as [source, target] in the current view, or null. */
  readonly edge: readonly [string, string] | null;
  readonly view: ViewMode;
  /** Pinned moment (unix seconds): the map as it was then, not refreshing. null = live. */
  readonly time: number | null;
  /** Wall-screen mode: no controls, large type. */
  readonly kiosk: boolean;
  /** Rotate through the global view and each datacenter every so many ms; 0 = off. */
  readonly rotateMs: number;
  readonly filters: Filters;
}

export const DEFAULT_FILTERS: Filters = { find: '', hide: '' };

export const DEFAULT_URL_STATE: UrlState = {
  dc: '', group: '', service: '', edge: null, view: 'map', time: null, kiosk: false, rotateMs: 0, filters: DEFAULT_FILTERS,
};

const EDGE_SEPARATOR = ' -> ';
// Node names are label values and may contain the separator: inside a name, a backslash is
// doubled and a space before "->" gets a backslash after it, so the first " -> " of the parameter
// is always the separator. Names without a backslash or " ->" are written as they are.
const escapeName = (name: string): string => name.replace(/\\/g, '\\\\').replace(/ (?=->)/g, ' \\');
const unescapeName = (text: string): string => text.replace(/\\([\s\S])/g, '$1');
const TRUE = new Set(['1', 'true', 'yes', 'on']);
/** The filter parameters before expressions, read into `hide`. */
const LEGACY_FILTER_PARAMS = ['hideHealthy', 'minRate', 'match'];

export function decodeUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const dc = p.get('dc') ?? '';
  const service = dc ? (p.get('service') ?? '') : '';
  const group = dc ? (p.get('group') ?? '') : '';
  const view: ViewMode = p.get('view') === 'table' ? 'table' : 'map';
  return {
    dc,
    group,
    service,
    edge: decodeEdge(p.get('edge')),
    view,
    time: parseTime(p.get('time')),
    kiosk: TRUE.has(p.get('kiosk') ?? ''),
    rotateMs: parseDurationParam(p.get('rotate')),
    filters: { find: p.get('find') ?? '', hide: p.get('hide') ?? legacyHideText(p) },
  };
}

/**
 * Links made before expressions: `hideHealthy=1`, `minRate=5`, `match=checkout` read as the
 * Hide expression that shows the same (`health = normal or rate < 5 or not (name = *checkout*
 * or kind = datacenter)`). A `hide` parameter wins over them; encoding drops them.
 */
function legacyHideText(p: URLSearchParams): string {
  const minRate = Number(p.get('minRate') ?? '');
  return printExpression(legacyHide({
    hideHealthy: TRUE.has(p.get('hideHealthy') ?? ''),
    minRate: Number.isFinite(minRate) && minRate > 0 ? minRate : 0,
    match: p.get('match') ?? '',
  }));
}

function decodeEdge(raw: string | null): readonly [string, string] | null {
  if (!raw) return null;
  const at = raw.indexOf(EDGE_SEPARATOR);
  if (at <= 0 || at + EDGE_SEPARATOR.length >= raw.length) return null;
  return [unescapeName(raw.slice(0, at)), unescapeName(raw.slice(at + EDGE_SEPARATOR.length))];
}

/** Writes the state into `search`, keeping parameters this module does not own. */
export function encodeUrlState(state: UrlState, search = ''): string {
  const p = new URLSearchParams(search);
  setOrDelete(p, 'dc', state.dc);
  setOrDelete(p, 'group', state.dc ? state.group : '');
  setOrDelete(p, 'service', state.dc ? state.service : '');
  setOrDelete(p, 'edge', state.edge ? `${escapeName(state.edge[0])}${EDGE_SEPARATOR}${escapeName(state.edge[1])}` : '');
  setOrDelete(p, 'view', state.view === 'map' ? '' : state.view);
  setOrDelete(p, 'time', state.time === null ? '' : formatTime(state.time));
  setOrDelete(p, 'kiosk', state.kiosk ? '1' : '');
  setOrDelete(p, 'rotate', state.rotateMs > 0 ? formatDurationParam(state.rotateMs) : '');
  setOrDelete(p, 'find', state.filters.find);
  setOrDelete(p, 'hide', state.filters.hide);
  for (const old of LEGACY_FILTER_PARAMS) p.delete(old);
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
