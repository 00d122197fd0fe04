/**
 * What a drawn view shows where, in screen pixels (the renderer's `layoutBoxes()` test hook reads
 * it from the scene), and the pure check of what covers what: a node's circle, a label's box, an
 * edge's straight line. Used by the e2e layout spec and by the layout's unit tests.
 */

export interface Box { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number }
export interface DrawnNode {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** The label's box, when the label is shown. */
  readonly label?: Box;
}
export interface DrawnEdge { readonly source: string; readonly target: string }
export interface DrawnView {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
}

export type Overlap =
  | { readonly kind: 'node-node'; readonly a: string; readonly b: string }
  | { readonly kind: 'label-label'; readonly a: string; readonly b: string }
  | { readonly kind: 'label-node'; readonly label: string; readonly node: string }
  | { readonly kind: 'off-screen'; readonly name: string }
  | { readonly kind: 'edge-through-node'; readonly source: string; readonly target: string; readonly node: string };

/** Pixels two things may share before they count as over each other (anti-aliased borders). */
export const TOLERANCE_PX = 1;

/** Every node, label and edge of the view that lies over another (edges only over nodes they do not join). */
export function overlaps(view: DrawnView, tolerance = TOLERANCE_PX): Overlap[] {
  const found: Overlap[] = [];
  const { nodes } = view;
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!;
    if (offScreen(a, view, tolerance)) found.push({ kind: 'off-screen', name: a.name });
    for (let j = i + 1; j < nodes.length; j++) {
      const b = nodes[j]!;
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - tolerance) found.push({ kind: 'node-node', a: a.name, b: b.name });
      if (a.label && b.label && boxesOverlap(a.label, b.label, tolerance)) found.push({ kind: 'label-label', a: a.name, b: b.name });
    }
    if (!a.label) continue;
    for (const b of nodes) {
      if (b !== a && boxMeetsCircle(a.label, b, tolerance)) found.push({ kind: 'label-node', label: a.name, node: b.name });
    }
  }
  return found;
}

/** Edges whose straight line crosses the circle of a node other than its two ends. */
export function edgesThroughNodes(view: DrawnView, tolerance = TOLERANCE_PX): Overlap[] {
  const byName = new Map(view.nodes.map((n) => [n.name, n]));
  const found: Overlap[] = [];
  for (const e of view.edges) {
    const s = byName.get(e.source);
    const t = byName.get(e.target);
    if (!s || !t) continue;
    for (const n of view.nodes) {
      if (n === s || n === t) continue;
      if (segmentPointDistance(s, t, n) < n.r - tolerance) found.push({ kind: 'edge-through-node', source: e.source, target: e.target, node: n.name });
    }
  }
  return found;
}

export function boxesOverlap(a: Box, b: Box, tolerance = 0): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > tolerance
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tolerance;
}

function boxMeetsCircle(box: Box, c: { readonly x: number; readonly y: number; readonly r: number }, tolerance: number): boolean {
  const dx = c.x - Math.max(box.left, Math.min(c.x, box.right));
  const dy = c.y - Math.max(box.top, Math.min(c.y, box.bottom));
  return Math.hypot(dx, dy) < c.r - tolerance;
}

function offScreen(n: DrawnNode, view: DrawnView, tolerance: number): boolean {
  const parts: Box[] = [{ left: n.x - n.r, top: n.y - n.r, right: n.x + n.r, bottom: n.y + n.r }, ...(n.label ? [n.label] : [])];
  return parts.some((p) => p.left < -tolerance || p.top < -tolerance || p.right > view.width + tolerance || p.bottom > view.height + tolerance);
}

/** Distance from point p to the segment a–b. */
export function segmentPointDistance(a: { x: number; y: number }, b: { x: number; y: number }, p: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
