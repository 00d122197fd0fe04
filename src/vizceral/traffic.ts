import { nodeText, viewLabels } from '../graph/displayNames.ts';
import type { NameRewrite } from '../graph/displayNames.ts';
import { focusView } from '../graph/focus.ts';
import { baselineNotice, DROP_MARK, SURGE_MARK } from '../baseline/notice.ts';
import { FOCUSED_RADIUS, globalPositions, layeredPositions, REGION_RADIUS } from './layout.ts';
import type { Point } from './layout.ts';
import { severityLevel } from '../alerts/severity.ts';
import type { FiringAlert, Health, NodeId, StatusClass, TrafficEdge, TrafficGraph, TrafficNode, TrafficStats, TrafficView } from '../graph/types.ts';

/**
 * The graph -> Vizceral traffic object (https://github.com/Netflix/Vizceral/wiki/How-to-Use#graph-data-format).
 * Pure: the component hands the result to the renderer's `updateData`, which updates the scene in
 * place (same names -> same objects), so a refresh changes numbers and colours, not the layout.
 */

export interface VizNotice { readonly title: string; readonly severity: 0 | 1 | 2 }
export interface VizConnection {
  readonly source: string;
  readonly target: string;
  readonly metrics: { readonly normal: number; readonly warning: number; readonly danger: number };
  readonly class: Health;
  readonly notices?: readonly VizNotice[];
}
export interface VizNode {
  readonly name: string;
  readonly displayName?: string;
  readonly renderer?: 'global' | 'region' | 'focused';
  /** Vizceral's layout for this node's graph: `ring` takes each node's `metadata.position` (layout.ts). */
  readonly layout?: 'ring';
  readonly class: Health;
  readonly focused?: boolean;
  readonly notices?: readonly VizNotice[];
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly maxVolume?: number;
  readonly updated?: number;
  readonly entryNode?: string;
  readonly nodes?: readonly VizNode[];
  readonly connections?: readonly VizConnection[];
}

export interface TrafficOptions {
  readonly errorClasses: readonly StatusClass[];
  /** The service whose focus view is open, in its datacenter. */
  readonly focus?: { readonly datacenter: string; readonly service: string };
  /** When the data was read (ms); Vizceral uses it to know the data changed. */
  readonly updated: number;
  /** The config's `displayName` rewrites, applied to labels (not to names). */
  readonly rewrites?: readonly NameRewrite[];
  /** The group the view is inside: its part is left out of the labels. */
  readonly group?: string;
  /** The config's baseline offset ("7d"): drops and surges get a notice of their own (src/baseline/notice.ts). */
  readonly baseline?: string;
}

/** Short labels by node id, per view (see displayNames.ts). */
type Labels = ReadonlyMap<string, string>;

export const ROOT_NAME = 'edge';

/**
 * The content of a datacenter read at the global level only (its services are read when it is
 * opened): Vizceral draws a datacenter without nodes as "loading" and ignores clicks on it. The
 * stub is never shown: opening the datacenter replaces it with the datacenter's own answers.
 */
const DATACENTER_STUB: readonly VizNode[] = [{ name: 'INTERNET', class: 'normal' }];

export function toVizceralTraffic(graph: TrafficGraph, options: TrafficOptions): VizNode {
  const regions = Object.values(graph.datacenters).map((view) => regionNode(view, options));
  const global = graph.global;
  const labels = labelsOf(global, options);
  const positions = globalPositions(global.nodes.map((n) => n.id), 'INTERNET');
  return {
    name: ROOT_NAME,
    renderer: 'global',
    layout: 'ring',
    class: 'normal',
    // Vizceral's global view adds its own 1.5x headroom.
    maxVolume: maxVolume(global),
    updated: options.updated,
    nodes: [
      ...global.nodes.map((n) => {
        const region = regions.find((r) => r.name === n.id);
        const node = region
          ? { ...region, displayName: marked(labels.get(n.id) ?? region.displayName ?? n.id, n, options), class: n.health, notices: withBaseline(notices(n), n, options) }
          : { ...baseNode(n, labels, options), renderer: 'region' as const, ...(n.kind === 'datacenter' ? { nodes: DATACENTER_STUB } : {}) };
        return at(node, positions.get(n.id));
      }),
      // A datacenter, group or focus view is read alone: the global level holds only its way in.
      ...regions.filter((r) => !global.nodes.some((n) => n.id === r.name)),
    ],
    // No notices on global connections: Vizceral puts them at the middle of the line, which for
    // two datacenters on either side of the internet is right on top of the internet's numbers.
    // The datacenter nodes carry the notice (naming the worst service) instead.
    connections: global.edges.map((e) => withoutNotices(connection(e, options.errorClasses))),
  };
}

function regionNode(view: TrafficView, options: TrafficOptions): VizNode & { class: Health } {
  const focus = options.focus?.datacenter === view.datacenter ? options.focus.service : undefined;
  const labels = labelsOf(view, options);
  return {
    name: view.datacenter,
    displayName: nodeText({ id: view.datacenter as NodeId, kind: 'datacenter' }),
    metadata: { kind: 'datacenter', title: nodeText({ id: view.datacenter as NodeId, kind: 'datacenter' }) },
    renderer: 'region',
    layout: 'ring',
    class: 'normal',
    maxVolume: maxVolume(view) * 1.5,
    updated: options.updated,
    entryNode: 'INTERNET',
    nodes: laidOut(view.nodes.map((n) => (n.id === focus ? focusedNode(view, n, options, labels) : baseNode(n, labels, options))), view.edges, 'INTERNET'),
    connections: view.edges.map((e) => connection(e, options.errorClasses, options)),
  };
}

/** The focused service carries its own little graph: Vizceral's "focused" view of it. */
function focusedNode(view: TrafficView, node: TrafficNode, options: TrafficOptions, regionLabels: Labels): VizNode {
  const focus = focusView(view, node.id as NodeId);
  const labels = focus ? labelsOf(focus, options) : regionLabels;
  return {
    ...baseNode(node, regionLabels, options),
    renderer: 'focused',
    layout: 'ring',
    maxVolume: focus ? maxVolume(focus) * 1.5 : 0,
    updated: options.updated,
    entryNode: node.id,
    nodes: laidOut((focus?.nodes ?? [node]).map((n) => (n.id === node.id ? { ...baseNode(n, labels, options), focused: true } : baseNode(n, labels, options))), focus?.edges ?? [], node.id),
    connections: (focus?.edges ?? []).map((e) => connection(e, options.errorClasses, options)),
  };
}

/**
 * A node: named by its id (the adapter gives Vizceral names that cannot collide, see vizNames.ts),
 * labelled with the view's short label, its full text in `metadata.title` (the map's hover title).
 */
function baseNode(n: TrafficNode, labels: Labels, options: Pick<TrafficOptions, 'baseline'>): VizNode & { class: Health } {
  const title = nodeText(n);
  return {
    name: n.id,
    displayName: marked(labels.get(n.id) ?? title, n, options),
    class: n.health,
    notices: withBaseline(notices(n), n, options),
    metadata: { kind: n.kind, title },
  };
}

/** The nodes of a region or focused graph, each with its place (layout.ts) in `metadata.position`. */
function laidOut<T extends VizNode>(nodes: readonly T[], edges: readonly TrafficEdge[], entry: string): T[] {
  const positions = layeredPositions(
    nodes.map((n) => ({ id: n.name, label: n.displayName ?? n.name, radius: n.focused ? FOCUSED_RADIUS : REGION_RADIUS })),
    edges,
    entry,
  );
  return nodes.map((n) => at(n, positions.get(n.name)));
}

function at<T extends VizNode>(node: T, position: Point | undefined): T {
  return position ? { ...node, metadata: { ...node.metadata, position } } : node;
}

function labelsOf(view: TrafficView, options: TrafficOptions): Labels {
  return viewLabels(view, { ...(options.rewrites ? { rewrites: options.rewrites } : {}), ...(options.group ? { group: options.group } : {}) });
}

/** The full text of a node (never an escaped id; a placeholder for an empty name). */
export function displayName(n: TrafficNode): string {
  return nodeText(n);
}

function notices(item: { readonly health: Health; readonly notice?: string; readonly alerts?: readonly FiringAlert[] }): VizNotice[] | undefined {
  const health: VizNotice[] = item.notice && item.health !== 'normal' ? [{ title: item.notice, severity: item.health === 'danger' ? 2 : 1 }] : [];
  const all = [...alertNotices(item.alerts), ...health];
  return all.length > 0 ? all : undefined;
}

/** The most alert notices one node or edge carries; the rest are counted in one more notice. */
const MAX_ALERT_NOTICES = 3;

/** Firing alerts as notices (loudest first, as placed): "alert HighErrorRate (critical)". */
function alertNotices(alerts: readonly FiringAlert[] | undefined): VizNotice[] {
  if (!alerts || alerts.length === 0) return [];
  const shown = alerts.slice(0, MAX_ALERT_NOTICES).map((a) => ({ title: `alert ${a.name}${a.severity ? ` (${a.severity})` : ''}`, severity: severityLevel(a.severity) }));
  const rest = alerts.length - shown.length;
  return rest > 0 ? [...shown, { title: `+${rest} more firing alerts`, severity: Math.max(...alerts.slice(MAX_ALERT_NOTICES).map((a) => severityLevel(a.severity))) as 0 | 1 | 2 }] : shown;
}

/** A node's label with the baseline's own mark (▼ drop, ▲ surge) after it: the map's sign of it, beside the notice. */
function marked(label: string, n: TrafficNode, options: Pick<TrafficOptions, 'baseline'>): string {
  const notice = baselineNotice(n.baseline, options.baseline);
  return notice ? `${label} ${n.baseline?.verdict === 'drop' ? DROP_MARK : SURGE_MARK}` : label;
}

/** The notices plus a drop or surge against the baseline, when there is one. */
function withBaseline(list: VizNotice[] | undefined, item: TrafficNode | TrafficEdge, options: Pick<TrafficOptions, 'baseline'>): VizNotice[] | undefined {
  const notice = baselineNotice(item.baseline, options.baseline);
  return notice ? [...(list ?? []), notice] : list;
}

function connection(e: TrafficEdge, errorClasses: readonly StatusClass[], options: Pick<TrafficOptions, 'baseline'> = {}): VizConnection {
  const { normal, danger } = split(e.stats, errorClasses);
  // Caller and callee disagree (timeouts, refused connections, a proxy between): flag it on the edge.
  const disagreement: VizNotice[] = e.disagreement ? [{ title: e.disagreement.text, severity: 1 }] : [];
  const all = [...(withBaseline(notices(e), e, options) ?? []), ...disagreement];
  const n = all.length > 0 ? all : undefined;
  return { source: e.source, target: e.target, metrics: { normal, warning: 0, danger }, class: e.health, ...(n ? { notices: n } : {}) };
}

function withoutNotices(c: VizConnection): VizConnection {
  if (!c.notices) return c;
  const { notices: _dropped, ...rest } = c;
  return rest;
}

/** Particles: errors (the configured error classes) are red, everything else is normal. */
function split(stats: TrafficStats, errorClasses: readonly StatusClass[]): { normal: number; danger: number } {
  let danger = 0;
  for (const cls of errorClasses) danger += stats.byClass[cls];
  return { normal: Math.max(0, stats.rate - danger), danger };
}

function maxVolume(view: TrafficView): number {
  let max = 0;
  for (const e of view.edges) if (e.stats.rate > max) max = e.stats.rate;
  return max;
}
