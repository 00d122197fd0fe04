/**
 * What one view shows and therefore what a refresh fetches: the level, and the datacenter, group
 * or service it is scoped to. Pure data, derived from the URL (app/viewScope.ts) and handed to the
 * query plan (conventions/viewQueries.ts) and the scoped build (graph/scopedBuild.ts).
 */

/** Where a service's group comes from. */
export type GroupSource =
  /** The convention's namespace labels (Istio, Linkerd): the group of `reviews-v1.bookinfo` is `bookinfo`. */
  | { readonly kind: 'namespace' }
  /** A label on the series (own end) and its counterpart for the other end, e.g. `team` / `peer_team`. */
  | { readonly kind: 'label'; readonly label: string; readonly peerLabel: string }
  /** A regular expression over the service name whose first capture is the group (anchored, RE2 and JS alike). */
  | { readonly kind: 'rule'; readonly regex: string };

export interface Grouping {
  /** null: never grouped (a datacenter is drawn flat, its quietest services folded into one node). */
  readonly source: GroupSource | null;
  /** `auto`: grouped only when a datacenter has more services than `maxNodesPerView`. */
  readonly when: 'auto' | 'always';
}

export type ViewScope =
  | { readonly level: 'global' }
  /** `grouped`: its groups (and services without one); else its services. */
  | { readonly level: 'datacenter'; readonly dc: string; readonly grouped: boolean }
  /** The services of one group, their neighbouring groups, datacenters and externals as single nodes. */
  | { readonly level: 'group'; readonly dc: string; readonly group: string }
  /** One service, its callers and its callees. */
  | { readonly level: 'focus'; readonly dc: string; readonly service: string };

/** A stable text key of a scope (query keys, renderer region names). */
export function scopeKey(scope: ViewScope): string {
  switch (scope.level) {
    case 'global': return 'global';
    case 'datacenter': return `datacenter\u0000${scope.dc}\u0000${scope.grouped ? 'grouped' : 'flat'}`;
    case 'group': return `group\u0000${scope.dc}\u0000${scope.group}`;
    case 'focus': return `focus\u0000${scope.dc}\u0000${scope.service}`;
  }
}

/** The group a rule gives a name: its first capture, or null when it does not match or captures nothing. */
export function groupByRule(rule: RegExp, name: string): string | null {
  const m = rule.exec(name);
  const g = m?.[1];
  return g ? g : null;
}

/** The anchored JS form of a group rule (Prometheus anchors `label_replace` regexes the same way). */
export function compileGroupRule(regex: string): RegExp {
  return new RegExp(`^(?:${regex})$`, 's');
}
