/**
 * The soak's tour of the view levels (bench/soak.ts) on the `churn:groups` platform, and how it
 * tells which level each refresh read: the plan header of the view queries
 * (src/conventions/viewQueries.ts), not the URL it asked for.
 */
import { PLAN_COMMENT } from '../../src/conventions/viewQueries.ts';
import type { PlanHeader } from '../../src/conventions/viewQueries.ts';
import { CHURN_GROUPS_SHAPE, churnServices } from '../../src/mocks/scenarios.ts';

/** The datacenter drawn as groups (more services than maxNodesPerView) and the one drawn flat. */
export const GROUPED_DC = 'eu-west';
export const FLAT_DC = 'us-east';
/** Where the soak measures, at start and end. */
export const HOME = `?dc=${GROUPED_DC}`;

/** The levels a refresh can read, as the soak reports them. */
export const LEVELS = ['global', 'datacenter (flat)', 'datacenter (groups)', 'group', 'focus'] as const;
export type Level = (typeof LEVELS)[number];

export interface TourStop {
  /** What the stop shows, for the per-stop figures (one label for the same screen of different groups). */
  readonly label: string;
  /** The URL's search part. */
  readonly search: string;
}

const services = churnServices(CHURN_GROUPS_SHAPE);
const groupOf = (name: string): string => name.slice(0, name.indexOf('-'));
/** eu-west's groups (by the default rule) with their services, in order of first appearance. */
const groups = new Map<string, string[]>();
for (const name of services.get(GROUPED_DC) ?? []) groups.set(groupOf(name), [...(groups.get(groupOf(name)) ?? []), name]);
const groupNames = [...groups.keys()].filter((g) => (groups.get(g)?.length ?? 0) > 1);
const flatServices = (services.get(FLAT_DC) ?? []).slice(1);

/**
 * One round of the tour: global, the flat datacenter and a focus in it, the grouped datacenter,
 * a group, a focus from it, back up through the group and the table to the datacenter. Round
 * `i` visits the `i`-th group and other services, so focused graphs keep coming and going.
 */
export function tourRound(i: number): readonly TourStop[] {
  const group = groupNames[i % groupNames.length] ?? '';
  const members = groups.get(group) ?? [];
  const member = members[1 + (i % Math.max(1, members.length - 1))] ?? members[0] ?? '';
  const flat = flatServices[(i * 7) % Math.max(1, flatServices.length)] ?? '';
  const inGroup = `${HOME}&group=${encodeURIComponent(group)}`;
  return [
    { label: 'global', search: '' },
    { label: 'datacenter, flat', search: `?dc=${FLAT_DC}` },
    { label: 'focus, flat datacenter', search: `?dc=${FLAT_DC}&service=${encodeURIComponent(flat)}` },
    { label: 'datacenter, groups', search: HOME },
    { label: 'group', search: inGroup },
    { label: 'focus, from a group', search: `${inGroup}&service=${encodeURIComponent(member)}` },
    { label: 'group', search: inGroup },
    { label: 'table, group', search: `${inGroup}&view=table` },
    { label: 'datacenter, groups', search: HOME },
  ];
}

/** The level a view query read, from its plan header; null for other requests (and for the service list). */
export function levelOfQuery(promql: string): { kind: string; level: Level } | null {
  if (!promql.startsWith(PLAN_COMMENT)) return null;
  const end = promql.indexOf('\n');
  let header: Partial<PlanHeader>;
  try {
    header = JSON.parse(promql.slice(PLAN_COMMENT.length, end < 0 ? undefined : end)) as Partial<PlanHeader>;
  } catch {
    return null;
  }
  const scope = header.scope;
  if (!scope || typeof header.kind !== 'string') return null;
  const level: Level = scope.level === 'datacenter' ? (scope.grouped ? 'datacenter (groups)' : 'datacenter (flat)') : scope.level;
  return { kind: header.kind, level };
}

/** The PromQL of a request to the query API (POST form or GET), or null. */
export function queryOfRequest(url: string, postData: string | null): string | null {
  if (!/\/api\/v1\/query(\?|$)/.test(url)) return null;
  const params = postData ? new URLSearchParams(postData) : new URL(url).searchParams;
  return params.get('query');
}
