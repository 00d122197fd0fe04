import { focusView } from '../graph/focus.ts';
import { ESCAPED_PREFIX } from '../graph/views.ts';
import type { Health, NodeId, StatusClass, TrafficEdge, TrafficGraph, TrafficNode, TrafficStats, TrafficView } from '../graph/types.ts';

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
}

export const ROOT_NAME = 'edge';

export function toVizceralTraffic(graph: TrafficGraph, options: TrafficOptions): VizNode {
  const regions = Object.values(graph.datacenters).map((view) => regionNode(view, options));
  const global = graph.global;
  return {
    name: ROOT_NAME,
    renderer: 'global',
    class: 'normal',
    // Vizceral's global view adds its own 1.5x headroom.
    maxVolume: maxVolume(global),
    updated: options.updated,
    nodes: [
      ...global.nodes.map((n) => {
        const region = regions.find((r) => r.name === n.id);
        return region ? { ...region, class: n.health, notices: notices(n) } : { ...baseNode(n), renderer: 'region' as const };
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
  return {
    name: view.datacenter,
    renderer: 'region',
    class: 'normal',
    maxVolume: maxVolume(view) * 1.5,
    updated: options.updated,
    entryNode: 'INTERNET',
    nodes: view.nodes.map((n) => (n.id === focus ? focusedNode(view, n, options) : baseNode(n))),
    connections: view.edges.map((e) => connection(e, options.errorClasses)),
  };
}

/** The focused service carries its own little graph: Vizceral's "focused" view of it. */
function focusedNode(view: TrafficView, node: TrafficNode, options: TrafficOptions): VizNode {
  const focus = focusView(view, node.id as NodeId);
  return {
    ...baseNode(node),
    renderer: 'focused',
    maxVolume: focus ? maxVolume(focus) * 1.5 : 0,
    updated: options.updated,
    entryNode: node.id,
    nodes: (focus?.nodes ?? [node]).map((n) => (n.id === node.id ? { ...baseNode(n), focused: true } : baseNode(n))),
    connections: (focus?.edges ?? []).map((e) => connection(e, options.errorClasses)),
  };
}

function baseNode(n: TrafficNode): VizNode & { class: Health } {
  return {
    name: n.id,
    displayName: displayName(n),
    class: n.health,
    notices: notices(n),
    metadata: { kind: n.kind },
  };
}

export function displayName(n: TrafficNode): string {
  if (n.kind === 'remote' && n.datacenter) return `${n.datacenter} (other DC)`;
  // A service whose name could pass for a reserved id carries an escaping prefix in its id only.
  if ((n.kind === 'service' || n.kind === 'external') && n.id.startsWith(ESCAPED_PREFIX)) return n.id.slice(ESCAPED_PREFIX.length);
  return n.id;
}

function notices(item: { readonly health: Health; readonly notice?: string }): VizNotice[] | undefined {
  if (!item.notice || item.health === 'normal') return undefined;
  return [{ title: item.notice, severity: item.health === 'danger' ? 2 : 1 }];
}

function connection(e: TrafficEdge, errorClasses: readonly StatusClass[]): VizConnection {
  const { normal, danger } = split(e.stats, errorClasses);
  // Caller and callee disagree (timeouts, refused connections, a proxy between): flag it on the edge.
  const disagreement: VizNotice[] = e.disagreement ? [{ title: e.disagreement.text, severity: 1 }] : [];
  const all = [...(notices(e) ?? []), ...disagreement];
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
