import { isLabelName } from '../conventions/promql.ts';
import type { Convention } from '../conventions/types.ts';
import type { GroupSource, Grouping } from '../graph/scope.ts';
import { checkedString } from './fields.ts';
import { literal, optional, strictObject, union } from './validate.ts';
import type { Output } from './validate.ts';

/** The default rule for conventions without namespaces: services named like `team-thing`. */
export const DEFAULT_GROUP_RULE = '([^-]+)-.+';

const RULE_TEXT = 'expected a regular expression whose first capture is the group, such as "([^-]+)-.+"';

/**
 * A group rule must mean the same to Prometheus (RE2, in `label_replace`) and to the browser (JS):
 * it compiles, has a capture, and uses nothing only one of them knows (look-arounds, back-references).
 */
export function checkGroupRule(regex: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${regex})$`);
  } catch (e) {
    return `${RULE_TEXT}; it does not compile (${e instanceof Error ? e.message : String(e)})`;
  }
  if (/\(\?<?[=!]/.test(regex)) return `${RULE_TEXT}; look-arounds are not supported by Prometheus (RE2)`;
  if (/\\[1-9]/.test(regex)) return `${RULE_TEXT}; back-references are not supported by Prometheus (RE2)`;
  if (/\(\?<[a-zA-Z]/.test(regex)) return `${RULE_TEXT}; write a named group as a plain capture "( )"`;
  const captures = (new RegExp(`${regex}|`).exec('')?.length ?? 1) - 1;
  if (captures < 1) return `${RULE_TEXT}; it has no capture "( )"`;
  void re;
  return null;
}

const labelName = checkedString('expected a label name such as "team"', (s) => (isLabelName(s) ? null : 'expected a label name such as "team"'));
const when = optional(union([literal('auto', 'expected "auto"'), literal('always', 'expected "always"')], 'expected "auto" (group a datacenter with more than maxNodesPerView services) or "always"'));

export const groupBySchema = union(
  [
    literal('auto', 'expected "auto"'),
    literal('off', 'expected "off"'),
    literal('namespace', 'expected "namespace"'),
    strictObject({ rule: checkedString(RULE_TEXT, checkGroupRule), when }, 'expected {"rule": "([^-]+)-.+"}'),
    strictObject({ label: labelName, peerLabel: labelName, when }, 'expected {"label": "team", "peerLabel": "peer_team"}'),
  ],
  'expected "auto", "off", "namespace", {"rule": "([^-]+)-.+"} or {"label": "team", "peerLabel": "peer_team"}',
);

export const GROUP_BY_FIELDS = ['rule', 'label', 'peerLabel', 'when'] as const;

/** Whether the convention names each end's namespace (Istio, Linkerd). */
export function hasNamespaces(convention: Convention): boolean {
  const label = (role: string | undefined): string => (role && Object.hasOwn(convention.labels, role) ? (convention.labels[role] ?? '') : '');
  return label(convention.egress.roles.serviceNamespace) !== '' && label(convention.ingress.roles.serviceNamespace) !== '';
}

/** The grouping a config asks for: `auto` groups by namespace where the convention has one, else by the default rule. */
export function toGrouping(input: Output<typeof groupBySchema> | undefined, convention: Convention): Grouping {
  const auto = (): GroupSource => (hasNamespaces(convention) ? { kind: 'namespace' } : { kind: 'rule', regex: DEFAULT_GROUP_RULE });
  if (input === undefined || input === 'auto') return { source: auto(), when: 'auto' };
  if (input === 'off') return { source: null, when: 'auto' };
  if (input === 'namespace') return { source: { kind: 'namespace' }, when: 'auto' };
  if ('rule' in input) return { source: { kind: 'rule', regex: input.rule }, when: input.when ?? 'auto' };
  return { source: { kind: 'label', label: input.label, peerLabel: input.peerLabel }, when: input.when ?? 'auto' };
}
