import { oneOfMatcher } from './promql.ts';
import { recordedName } from './recordingRules.ts';
import { labelOf } from './types.ts';
import type { Convention, ConventionSide } from './types.ts';
import { DC, GROUP, NAME, PLAN_COMMENT, eq, sideLabels } from './viewQueries.ts';
import { groupOf, nameOf, replace } from './labelRewrites.ts';
import type { GroupSource } from '../graph/scope.ts';

/**
 * The light list of every service (for search, counts and the group of each): one series per
 * datacenter, service and group, from both sides' request counters. Asked less often than the view.
 */
export function buildServiceListQuery(convention: Convention, grouping: GroupSource | null, datacenters?: readonly string[], recordedWindow?: string): string {
  const parts = [convention.egress, convention.ingress].map((side) => {
    const l = sideLabels(convention, side);
    const matchers = side.select.map((m) => eq(labelOf(convention, m.role), m.value));
    const restrict = oneOfMatcher(l.dc, datacenters ?? []);
    if (restrict) matchers.push(restrict);
    const raw = labelOfMetric(convention, side);
    // With recording rules (config `recordingRules`) the recorded series: fewer, the same labels.
    const metric = recordedWindow ? recordedName(raw, recordedWindow) : raw;
    let e = `${metric}${matchers.length > 0 ? `{${matchers.join(', ')}}` : ''}`;
    e = replace(e, DC, '$1', l.dc, '(.*)');
    e = nameOf(e, NAME, l.service, l.namespace);
    if (grouping) {
      const label = grouping.kind === 'namespace' ? l.namespace : grouping.kind === 'label' ? grouping.label : '';
      e = groupOf(e, GROUP, NAME, grouping, label);
    }
    return `group by (${DC}, ${NAME}${grouping ? `, ${GROUP}` : ''}) (${e})`;
  });
  return `${PLAN_COMMENT}${JSON.stringify({ kind: 'services', grouping, ...(datacenters && datacenters.length > 0 ? { datacenters } : {}), ...(recordedWindow ? { recorded: recordedWindow } : {}) })}\n${parts.join(' or ')}`;
}

function labelOfMetric(convention: Convention, side: ConventionSide): string {
  return Object.hasOwn(convention.metrics, side.requests) ? (convention.metrics[side.requests] ?? '') : '';
}

/** The labels of a service-list answer. */
export const SERVICE_LIST_LABELS = { datacenter: DC, service: NAME, group: GROUP } as const;
