/**
 * Where each node of a view is drawn, computed here instead of by Vizceral's layouts, so that no
 * node or label lies over another. Vizceral's `ltrTree` puts every rank in one column (up to 30
 * nodes, 35 world units apart, then a half column more) whatever the labels' widths, and its
 * global `ringCenter` puts the internet in the middle, on the line between two datacenters. Its
 * `ring` layout instead takes a node's `metadata.position` as given: traffic.ts hands it these.
 *
 * Units are Vizceral's world units: a graph is 1800 × 1100, centred on 0, scaled to fit the
 * canvas (the same layout on a laptop and on a 4K wall, only bigger). A region node is a circle of
 * radius 16, its label a box 28 high beside it, on its left when the node is left of the centre
 * (x < 1), else on its right (Vizceral's NodeNameView); a global node has radius 120 and a label
 * 260 wide. Pure: positions depend on the view's nodes, edges and labels only, so a refresh with
 * the same shape keeps them (Vizceral lays out again only when nodes or edges come or go).
 */

export interface Point { readonly x: number; readonly y: number }
export interface LayoutNode {
  readonly id: string;
  /** The text Vizceral draws beside the node. */
  readonly label: string;
  /** The node's radius (world units): REGION_RADIUS, or FOCUSED_RADIUS for a focused service. */
  readonly radius: number;
}
export interface LayoutEdge { readonly source: string; readonly target: string }

export const WORLD = { width: 1800, height: 1100 } as const;
/** Vizceral's node radii (NodeViewStandard; FocusedNodeView takes the node's size, 120 by default). */
export const REGION_RADIUS = 16;
export const FOCUSED_RADIUS = 120;
export const GLOBAL_RADIUS = 120;
/** A label: 18px text, 8 px padding each side, 28 high (NodeNameView); global labels 260 wide at 22px. */
export const LABEL_HEIGHT = 28;
const LABEL_PADDING = 16;
export const GLOBAL_LABEL_WIDTH = 260;
/** Room left free at the graph's border, between two columns' footprints, and between two rows. */
const MARGIN = 12;
const COLUMN_GAP = 16;
const ROW_GAP = 8;
/** Rows no farther apart than this, columns no farther apart than this beyond their footprints. */
const MAX_ROW_PITCH = 96;
const MAX_COLUMN_GAP = 360;

/**
 * A label's width in world units: Vizceral measures the text at 18px and adds 16. Estimated per
 * character from DejaVu Sans (Debian's fallback for Vizceral's 'Source Sans Pro'; wider than it):
 * 10 units for most lower-case characters, 12.5 for capitals and digits, 18 for m/w.
 */
export function labelWidth(label: string): number {
  let width = LABEL_PADDING;
  for (const c of label) width += /[mwMW]/.test(c) ? 18 : /[A-Z0-9…]/.test(c) ? 12.5 : 10.5;
  return width;
}

/** How far a node's label reaches from its centre (node radius, Vizceral's buffer, the label). */
function labelReach(radius: number, label: string): number {
  return radius + Math.max(radius * 0.3, 7) + labelWidth(label);
}

/**
 * A datacenter / group / focus view: left to right by call depth (callers left of callees, the
 * entry node first), each depth in as many columns as its nodes need, each column's nodes spaced
 * evenly; the columns' footprints (node and label) side by side across the graph's width.
 */
export function layeredPositions(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], entry?: string): Map<string, Point> {
  const positions = new Map<string, Point>();
  if (nodes.length === 0) return positions;
  const sorted = [...nodes].sort((a, b) => (a.id === entry ? -1 : b.id === entry ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranks = rankByDepth(sorted, edges);
  const byRank: LayoutNode[][] = [];
  for (const n of sorted) (byRank[ranks.get(n.id)!] ??= []).push(n);
  const layers = orderWithinRanks(byRank.filter((r) => r.length > 0), edges);
  const columns = toColumns(layers, nodes);
  placeColumns(columns, positions);
  return positions;
}

/**
 * Depth of each node: the longest call path to it from a node nobody calls, over the graph with
 * each cycle broken at the call that closes it (a depth-first search from the entry node first).
 */
function rankByDepth(sorted: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, number> {
  const ids = new Set(sorted.map((n) => n.id));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || !ids.has(e.source) || !ids.has(e.target)) continue;
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
  }
  // Break cycles: keep the calls a depth-first search does not find going back up its stack.
  const kept = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (start: string): void => {
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = out.get(top.id) ?? [];
      if (top.next >= targets.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const t = targets[top.next++]!;
      if (state.get(t) === 'open') continue;
      const list = kept.get(top.id) ?? [];
      list.push(t);
      kept.set(top.id, list);
      if (!state.has(t)) {
        state.set(t, 'open');
        stack.push({ id: t, next: 0 });
      }
    }
  };
  for (const n of sorted) if (!state.has(n.id)) visit(n.id);
  // Longest path over the acyclic calls, in topological order (Kahn).
  const indegree = new Map<string, number>(sorted.map((n) => [n.id, 0]));
  for (const targets of kept.values()) for (const t of targets) indegree.set(t, indegree.get(t)! + 1);
  const rank = new Map<string, number>(sorted.map((n) => [n.id, 0]));
  const queue = sorted.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const t of kept.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t)!, rank.get(id)! + 1));
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) queue.push(t);
    }
  }
  return rank;
}

/** Orders each rank by the mean position of its neighbours in the ranks before (then after) it: fewer crossings. */
function orderWithinRanks(layers: LayoutNode[][], edges: readonly LayoutEdge[]): LayoutNode[][] {
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
    neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source]);
  }
  const place = new Map<string, number>();
  const setPlaces = (layer: readonly LayoutNode[]) => layer.forEach((n, i) => place.set(n.id, layer.length === 1 ? 0.5 : i / (layer.length - 1)));
  const sweep = (order: readonly number[]) => {
    for (const r of order) {
      const layer = layers[r]!;
      const key = new Map(layer.map((n, i) => {
        const known = (neighbours.get(n.id) ?? []).map((m) => place.get(m)).filter((p): p is number => p !== undefined);
        return [n.id, known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : (layer.length === 1 ? 0.5 : i / (layer.length - 1))];
      }));
      layer.sort((a, b) => key.get(a.id)! - key.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      setPlaces(layer);
    }
  };
  const forward = layers.map((_, i) => i);
  layers.forEach(setPlaces);
  sweep(forward.slice(1));
  sweep([...forward].reverse().slice(1));
  sweep(forward.slice(1));
  return layers;
}

interface Column { readonly nodes: readonly LayoutNode[]; readonly radius: number; readonly reach: number }

/** The rows a column holds, given the largest radius among its nodes. */
function rowsFor(radius: number): number {
  const pitch = Math.max(2 * radius, LABEL_HEIGHT) + ROW_GAP;
  const usable = WORLD.height - 2 * MARGIN - 2 * Math.max(radius, LABEL_HEIGHT / 2);
  return Math.max(1, Math.floor(usable / pitch) + 1);
}

/**
 * Splits ranks into columns that fit the graph's height. When the ranks' columns do not fit its
 * width, neighbouring ranks share columns (in rank order), in as few columns as the width allows.
 */
function toColumns(layers: readonly LayoutNode[][], all: readonly LayoutNode[]): Column[] {
  const column = (nodes: readonly LayoutNode[]): Column => {
    const radius = Math.max(...nodes.map((n) => n.radius));
    return { nodes, radius, reach: Math.max(...nodes.map((n) => labelReach(radius, n.label))) };
  };
  const split = (nodes: readonly LayoutNode[], perColumn: number): Column[] => {
    const count = Math.ceil(nodes.length / perColumn);
    const size = Math.ceil(nodes.length / count);
    const out: Column[] = [];
    for (let i = 0; i < nodes.length; i += size) out.push(column(nodes.slice(i, i + size)));
    return out;
  };
  const byRank = layers.flatMap((layer) => split(layer, rowsFor(Math.max(...layer.map((n) => n.radius)))));
  if (fitsWidth(byRank)) return byRank;
  // Too many columns for the width: fill the fewest columns that fit, keeping the ranks' order.
  const flat = layers.flat();
  const radius = Math.max(...all.map((n) => n.radius));
  for (let count = byRank.length - 1; count >= 1; count--) {
    const shared = split(flat, Math.ceil(flat.length / count));
    if (fitsWidth(shared) || count === 1) return shared;
  }
  return [column(flat.length > 0 ? flat : [{ id: '', label: '', radius }])];
}

function fitsWidth(columns: readonly Column[]): boolean {
  return footprints(columns, COLUMN_GAP).total <= WORLD.width - 2 * MARGIN;
}

/**
 * The columns' x: the first half's labels on the left of their nodes (left of the centre), the
 * other half's on the right, as Vizceral draws them; the halves meet at the centre.
 */
function footprints(columns: readonly Column[], gap: number): { xs: number[]; total: number } {
  const leftCount = Math.ceil(columns.length / 2);
  // Left of the centre: label, node; then the gap. Right: node, label.
  const widths = columns.map((c) => c.reach + c.radius);
  const left = columns.slice(0, leftCount);
  const leftWidth = left.reduce((s, c) => s + c.reach + c.radius, 0) + gap * Math.max(0, left.length - 1);
  const xs: number[] = [];
  // Left half ends at -gap/2 (its last node's right side), the right half starts at +gap/2.
  let cursor = -gap / 2 - leftWidth;
  columns.forEach((c, i) => {
    if (i < leftCount) {
      xs.push(cursor + c.reach);
      cursor += widths[i]! + gap;
    } else {
      if (i === leftCount) cursor = gap / 2;
      xs.push(cursor + c.radius);
      cursor += widths[i]! + gap;
    }
  });
  const first = columns.length > 0 ? xs[0]! - columns[0]!.reach : 0;
  const lastColumn = columns[columns.length - 1];
  const last = lastColumn ? xs[xs.length - 1]! + (columns.length - 1 < leftCount ? lastColumn.radius : lastColumn.reach) : 0;
  return { xs, total: Math.max(last, -first) * 2 };
}

function placeColumns(columns: readonly Column[], positions: Map<string, Point>): void {
  // Spread the columns out: the widest gap that still fits, at most MAX_COLUMN_GAP.
  let gap = COLUMN_GAP;
  const room = WORLD.width - 2 * MARGIN;
  for (let step = 64; step >= 1; step /= 2) {
    while (gap + step <= MAX_COLUMN_GAP && footprints(columns, gap + step).total <= room) gap += step;
  }
  const { xs } = footprints(columns, gap);
  columns.forEach((c, i) => {
    const extent = Math.max(c.radius, LABEL_HEIGHT / 2);
    const usable = WORLD.height - 2 * MARGIN - 2 * extent;
    const pitch = c.nodes.length > 1 ? Math.min(MAX_ROW_PITCH + 2 * c.radius, usable / (c.nodes.length - 1)) : 0;
    const top = (pitch * (c.nodes.length - 1)) / 2;
    c.nodes.forEach((n, j) => positions.set(n.id, { x: round(xs[i]!), y: round(top - j * pitch) }));
  });
}

/**
 * The global view: the internet at the top, the datacenters on an arc below it, so that a line
 * between two datacenters passes below the internet, never through it (Vizceral's default puts
 * the internet in the middle of the ring, on the line between two datacenters).
 */
export function globalPositions(ids: readonly string[], entry: string): Map<string, Point> {
  const positions = new Map<string, Point>();
  const others = ids.filter((id) => id !== entry);
  const hasEntry = others.length !== ids.length;
  // The arc's centre is the internet; the arc runs under it from lower left to lower right.
  const centre = { x: 0, y: hasEntry ? 300 : 0 };
  const rx = 620;
  const ry = hasEntry ? 560 : 300;
  if (hasEntry) positions.set(entry, centre);
  const count = others.length;
  others.forEach((id, i) => {
    // Angles from π to 2π (below the centre), evenly, leaving the ends out.
    const angle = Math.PI + ((i + 1) * Math.PI) / (count + 1);
    positions.set(id, { x: round(centre.x + rx * Math.cos(angle)), y: round(centre.y + ry * Math.sin(angle)) });
  });
  return positions;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
