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
/** Room kept free at the bottom, under the map's legend (an HTML overlay at the bottom left). */
export const LEGEND_ROOM = 72;
const COLUMN_GAP = 16;
const ROW_GAP = 4;
/** Nodes of a rank no farther apart than this (over its columns), columns no farther apart than this beyond their footprints. */
const MAX_ROW_PITCH = 220;
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
 * A datacenter / group / focus view: left to right by hops from the entry node (the internet, or
 * the focused service's callers, the service, its callees), each hop's nodes in the order that
 * keeps them near their neighbours, in as many columns as fit (a brick pattern: consecutive nodes
 * alternate columns), each column's node and label footprint side by side across the width.
 */
export function layeredPositions(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], entry?: string): Map<string, Point> {
  const positions = new Map<string, Point>();
  if (nodes.length === 0) return positions;
  const sorted = [...nodes].sort((a, b) => compareIds(a.id, b.id));
  const ranks = rankByHops(sorted, edges, entry);
  const byRank: LayoutNode[][] = [];
  for (const n of sorted) (byRank[ranks.get(n.id)!] ??= []).push(n);
  const layers = orderWithinRanks(byRank.filter((r) => r.length > 0), edges);
  placeBands(toBands(layers), positions);
  return positions;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hops from the roots (the nodes nobody calls: the internet, a focused service's callers),
 * following calls; a cycle nobody outside calls into starts one hop after its first placed caller.
 */
function rankByHops(sorted: readonly LayoutNode[], edges: readonly LayoutEdge[], entry?: string): Map<string, number> {
  const ids = new Set(sorted.map((n) => n.id));
  const out = new Map<string, string[]>();
  const inc = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || !ids.has(e.source) || !ids.has(e.target)) continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    inc.set(e.target, [...(inc.get(e.target) ?? []), e.source]);
  }
  const rank = new Map<string, number>();
  // Roots: the nodes nobody calls (the entry node first); the entry node itself when all are called.
  const roots = sorted.filter((n) => !inc.has(n.id)).map((n) => n.id).sort((a, b) => (a === entry ? -1 : b === entry ? 1 : 0));
  if (roots.length === 0 && entry !== undefined && ids.has(entry)) roots.push(entry);
  const bfs = (start: readonly string[], base: number) => {
    const queue = start.filter((id) => !rank.has(id));
    for (const id of queue) rank.set(id, base);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      for (const t of out.get(id) ?? []) {
        if (rank.has(t)) continue;
        rank.set(t, rank.get(id)! + 1);
        queue.push(t);
      }
    }
  };
  bfs(roots, 0);
  // Cycles nobody outside calls into: start at the node most called from placed nodes, else the first.
  for (const n of sorted) {
    if (rank.has(n.id)) continue;
    const placedCallers = (inc.get(n.id) ?? []).map((c) => rank.get(c)).filter((r): r is number => r !== undefined);
    bfs([n.id], placedCallers.length > 0 ? Math.min(...placedCallers) + 1 : 0);
  }
  return rank;
}

/** Orders each rank by the mean place of its neighbours (sweeps both ways): fewer crossings. */
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
      const key = new Map(layer.map((n) => {
        const known = (neighbours.get(n.id) ?? []).map((m) => place.get(m)!);
        return [n.id, known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : place.get(n.id)!];
      }));
      layer.sort((a, b) => key.get(a.id)! - key.get(b.id)! || compareIds(a.id, b.id));
      setPlaces(layer);
    }
  };
  layers.forEach(setPlaces);
  const forward = layers.map((_, i) => i);
  for (let pass = 0; pass < 2; pass++) {
    sweep(forward.slice(1));
    sweep([...forward].reverse().slice(1));
  }
  return layers;
}

/** A rank's nodes in `columns` columns: node k in column k mod columns, all at evenly spaced heights. */
interface Band { readonly nodes: readonly LayoutNode[]; readonly columns: Column[] }
interface Column { readonly nodes: LayoutNode[]; radius: number; reach: number }

function rowPitch(radius: number, gap = ROW_GAP): number {
  return Math.max(2 * radius, LABEL_HEIGHT) + gap;
}

function usableHeight(radius: number): number {
  return WORLD.height - 2 * MARGIN - LEGEND_ROOM - 2 * Math.max(radius, LABEL_HEIGHT / 2);
}

function band(nodes: readonly LayoutNode[], count: number): Band {
  const columns: Column[] = Array.from({ length: Math.min(count, nodes.length) }, () => ({ nodes: [], radius: 0, reach: 0 }));
  nodes.forEach((n, k) => columns[k % columns.length]!.nodes.push(n));
  for (const c of columns) {
    c.radius = Math.max(...c.nodes.map((n) => n.radius));
    c.reach = Math.max(...c.nodes.map((n) => labelReach(c.radius, n.label)));
  }
  return { nodes, columns };
}

/** Whether a band's nodes, evenly spaced over the height, are a row pitch apart within each column. */
function bandFits(b: Band, gap: number): boolean {
  const radius = Math.max(...b.columns.map((c) => c.radius));
  const n = b.nodes.length;
  if (n <= b.columns.length) return true;
  return (usableHeight(radius) / (n - 1)) * b.columns.length >= rowPitch(radius, gap);
}

/**
 * Each rank in the fewest columns its height allows; then, while the width has room, one more
 * column for the rank with the most nodes per column (down to 4 a column). When the ranks do not
 * fit the width, neighbouring ranks share bands (the fewest bands that fit).
 */
function toBands(layers: readonly LayoutNode[][]): Band[] {
  const fewest = (nodes: readonly LayoutNode[], gap: number): Band => {
    let b = band(nodes, 1);
    while (!bandFits(b, gap)) b = band(nodes, b.columns.length + 1);
    return b;
  };
  let bands = layers.map((l) => fewest(l, ROW_GAP));
  // Too wide: nodes of a column closer (touching, labels still apart), then ranks sharing bands.
  if (!fitsWidth(bands)) bands = layers.map((l) => fewest(l, 0));
  for (let merged = layers.length - 1; !fitsWidth(bands) && merged >= 1; merged--) {
    // Ranks into `merged` groups of consecutive ranks, of about the same number of nodes.
    const flat = layers.flat();
    const size = Math.ceil(flat.length / merged);
    bands = [];
    for (let i = 0; i < flat.length; i += size) bands.push(fewest(flat.slice(i, i + size), 0));
  }
  for (;;) {
    const widest = bands.reduce<Band | undefined>((best, b) => (!best || b.nodes.length / b.columns.length > best.nodes.length / best.columns.length ? b : best), undefined);
    if (!widest || widest.nodes.length / widest.columns.length <= 4) break;
    const grown = bands.map((b) => (b === widest ? band(b.nodes, b.columns.length + 1) : b));
    if (!fitsWidth(grown)) break;
    bands = grown;
  }
  return bands;
}

function fitsWidth(bands: readonly Band[]): boolean {
  return footprints(bands.flatMap((b) => b.columns), COLUMN_GAP).total <= WORLD.width - 2 * MARGIN;
}

/**
 * The columns' x: the first columns' labels on the left of their nodes (left of the centre), the
 * others' on their right, as Vizceral draws them; the two halves meet at the centre, split where
 * the wider half is narrowest. `total` is twice the wider half.
 */
function footprints(columns: readonly Column[], gap: number): { xs: number[]; total: number } {
  const width = (cs: readonly Column[]) => cs.reduce((s, c) => s + c.reach + c.radius, 0) + gap * Math.max(0, cs.length - 1) + (cs.length > 0 ? gap / 2 : 0);
  let leftCount = 0;
  let widest = Infinity;
  for (let k = 0; k <= columns.length; k++) {
    const w = Math.max(width(columns.slice(0, k)), width(columns.slice(k)));
    if (w < widest) { widest = w; leftCount = k; }
  }
  const xs: number[] = [];
  // The left half ends at -gap/2 (its last node's right side), the right half starts at +gap/2.
  let cursor = -width(columns.slice(0, leftCount));
  columns.forEach((c, i) => {
    if (i === leftCount) cursor = gap / 2;
    xs.push(cursor + (i < leftCount ? c.reach : c.radius));
    cursor += c.reach + c.radius + gap;
  });
  return { xs, total: 2 * widest };
}

function placeBands(bands: readonly Band[], positions: Map<string, Point>): void {
  const columns = bands.flatMap((b) => b.columns);
  // Spread the columns out: the widest gap that still fits, at most MAX_COLUMN_GAP.
  let gap = COLUMN_GAP;
  const room = WORLD.width - 2 * MARGIN;
  for (let step = 64; step >= 1; step /= 2) {
    while (gap + step <= MAX_COLUMN_GAP && footprints(columns, gap + step).total <= room) gap += step;
  }
  const { xs } = footprints(columns, gap);
  const xOf = new Map(columns.map((c, i) => [c, xs[i]!]));
  for (const b of bands) {
    const radius = Math.max(...b.columns.map((c) => c.radius));
    const n = b.nodes.length;
    const pitch = n > 1 ? Math.min(MAX_ROW_PITCH / b.columns.length + 2 * radius, usableHeight(radius) / (n - 1)) : 0;
    const top = (pitch * (n - 1)) / 2;
    b.nodes.forEach((node, k) => positions.set(node.id, { x: round(xOf.get(b.columns[k % b.columns.length]!)!), y: round(LEGEND_ROOM / 2 + top - k * pitch) }));
  }
}

/**
 * The global view: the internet at the top, the datacenters below it on a curve that dips in the
 * middle, so that a line between two datacenters passes below the internet and beside the other
 * datacenters (Vizceral's default puts the internet in the middle of a ring, on the line between
 * two datacenters). Up to 4 datacenters keep clear of each other's labels (layout.test.ts);
 * more overlap, Vizceral's global nodes and labels being that large.
 */
export function globalPositions(ids: readonly string[], entry: string): Map<string, Point> {
  const positions = new Map<string, Point>();
  const others = ids.filter((id) => id !== entry);
  if (others.length !== ids.length) positions.set(entry, { x: 0, y: 330 });
  const half = 480;
  const base = -60;
  const dip = 358;
  others.forEach((id, i) => {
    const x = others.length === 1 ? 0 : -half + (2 * half * i) / (others.length - 1);
    positions.set(id, { x: round(x), y: round(base - dip * (1 - (x / half) ** 2)) });
  });
  return positions;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
