import { nodeText } from '../graph/displayNames.ts';
import type { TrafficGraph } from '../graph/types.ts';

export interface ServiceHit {
  readonly dc: string;
  readonly service: string;
}

/**
 * Services matching a search text across every datacenter: exact names first, then prefixes,
 * then substrings; case-insensitive. Pure.
 */
export function searchServices(graph: TrafficGraph, text: string, limit = 20): ServiceHit[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const scored: { hit: ServiceHit; score: number }[] = [];
  for (const [dc, view] of Object.entries(graph.datacenters)) {
    for (const n of view.nodes) {
      if (n.kind !== 'service' || (n.datacenter as string | undefined) !== dc) continue;
      // Matched on the text people read (a service named INTERNET is found as INTERNET).
      const name = nodeText(n).toLowerCase();
      const score = name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : -1;
      if (score >= 0) scored.push({ hit: { dc, service: n.id }, score });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.hit.service.localeCompare(b.hit.service) || a.hit.dc.localeCompare(b.hit.dc));
  return scored.slice(0, limit).map((s) => s.hit);
}

/** Every service name (as text), once, for the search box's suggestions. */
export function allServiceNames(graph: TrafficGraph): string[] {
  const names = new Set<string>();
  for (const [dc, view] of Object.entries(graph.datacenters)) {
    for (const n of view.nodes) if (n.kind === 'service' && (n.datacenter as string | undefined) === dc) names.add(nodeText(n));
  }
  return [...names].sort();
}
