import type { VizConnection, VizNode, VizNotice } from './traffic.ts';

/**
 * Whether two traffic objects draw the same map: equal in everything but `updated` (the time of
 * the read, which changes every refresh). The map skips `updateData` when nothing it shows
 * changed (a platform at rest, a refresh that read the same numbers): Vizceral's update walks
 * every node and connection of the shown graph and its particles. Numbers compare with
 * `Object.is` (NaN equals NaN: a missing metric stays missing).
 */
export function sameTraffic(a: VizNode | null | undefined, b: VizNode | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return sameNode(a, b);
}

function sameNode(a: VizNode, b: VizNode): boolean {
  return a.name === b.name && a.displayName === b.displayName && a.renderer === b.renderer && a.class === b.class
    && a.focused === b.focused && Object.is(a.maxVolume, b.maxVolume) && a.entryNode === b.entryNode
    && sameNotices(a.notices, b.notices) && sameMetadata(a.metadata, b.metadata)
    && sameList(a.nodes, b.nodes, sameNode) && sameList(a.connections, b.connections, sameConnection);
}

function sameConnection(a: VizConnection, b: VizConnection): boolean {
  return a.source === b.source && a.target === b.target && a.class === b.class
    && Object.is(a.metrics.normal, b.metrics.normal)
    && Object.is(a.metrics.warning, b.metrics.warning) && Object.is(a.metrics.danger, b.metrics.danger)
    && sameNotices(a.notices, b.notices);
}

function sameNotices(a: readonly VizNotice[] | undefined, b: readonly VizNotice[] | undefined): boolean {
  return sameList(a, b, (x, y) => x.title === y.title && x.severity === y.severity);
}

function sameMetadata(a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && (Object.is(a[k], b[k]) || samePoint(a[k], b[k])));
}

/** A node's `metadata.position` (layout.ts), made anew on every build. */
function samePoint(a: unknown, b: unknown): boolean {
  const p = a as { x?: unknown; y?: unknown } | null;
  const q = b as { x?: unknown; y?: unknown } | null;
  return typeof p === 'object' && typeof q === 'object' && p !== null && q !== null
    && typeof p.x === 'number' && Object.is(p.x, q.x) && typeof p.y === 'number' && Object.is(p.y, q.y);
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i] as T, b[i] as T)) return false;
  return true;
}
