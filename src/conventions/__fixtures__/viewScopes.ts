import type { ViewScope } from '../../graph/scope.ts';

/** One view of each level (a datacenter flat and as groups), in eu-west: the view-query tests' table. */
export const VIEW_SCOPES: readonly ViewScope[] = [
  { level: 'global' },
  { level: 'datacenter', dc: 'eu-west', grouped: false },
  { level: 'datacenter', dc: 'eu-west', grouped: true },
  { level: 'group', dc: 'eu-west', group: 'shop' },
  { level: 'focus', dc: 'eu-west', service: 'checkout' },
];

/** "datacenter (grouped)", "focus", …: a test case's name for a scope. */
export function scopeDesc(scope: ViewScope): string {
  return `${scope.level}${'grouped' in scope && scope.grouped ? ' (grouped)' : ''}`;
}
