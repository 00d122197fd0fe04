import { isLabelName, isMetricName } from '../conventions/promql.ts';
import { isOptionalRole, mayShareLabel } from '../conventions/roles.ts';
import type { Convention } from '../conventions/types.ts';
import { checkedString } from './fields.ts';
import { DEFAULT_PRESET, isPresetName, PRESET_NAMES, PRESETS } from './presets.ts';
import type { PresetName } from './presets.ts';
import { array, optional, record, refine, strictObject, string, transform, union, withParse } from './validate.ts';
import type { Output, Report } from './validate.ts';

const PRESET_TEXT = PRESET_NAMES.map((n) => `"${n}"`).join(', ');
const OBJECT_TEXT = `expected a preset name (${PRESET_TEXT}) or an object {"preset": ..., "metrics": {...}, "labels": {...}}`;

// A transform, so a bad name is a hard problem (validate.ts): the file's cross-field checks wait
// until the convention is fixed.
const presetName = transform(
  checkedString(`expected a preset name: ${PRESET_TEXT}`, (s) => (isPresetName(s) ? null : `expected a preset name: ${PRESET_TEXT}`)),
  (s) => s as PresetName,
);

/** Role -> name maps; which roles exist depends on the preset, checked below. */
const namesSchema = (example: string) => record(string('expected a text'), `expected an object of names such as ${example}`);

const conventionObject = strictObject(
  {
    /** The preset the overrides apply to; default "standard". */
    preset: optional(presetName),
    /** Metric names replacing the preset's, by role (the roles depend on the preset). */
    metrics: optional(namesSchema('{"ingressRequests": "http_requests_total"}')),
    /** Label names replacing the preset's, by role; "" switches off a namespace or peer datacenter. */
    labels: optional(namesSchema('{"service": "app"}')),
    /** Peer-service values meaning "from outside" (replaces the preset's list). */
    internetPeers: optional(array(string('expected a text'), 'expected a list of texts such as ["internet"]')),
  },
  OBJECT_TEXT,
);

type ConventionInput = PresetName | Output<typeof conventionObject>;

/** The preset with the overrides merged on top; roles the config renamed are listed in `overridden`. */
export function mergeConvention(input: ConventionInput): Convention {
  if (typeof input === 'string') return plain(PRESETS[isPresetName(input) ? input : DEFAULT_PRESET]);
  const name = input.preset ?? DEFAULT_PRESET;
  const base = PRESETS[isPresetName(name) ? name : DEFAULT_PRESET];
  const labels = input.labels ?? {};
  const overridden = Object.keys(labels).filter((role) => labels[role] !== base.labels[role]);
  return {
    ...plain(base),
    metrics: { ...base.metrics, ...(input.metrics ?? {}) },
    labels: { ...base.labels, ...labels },
    internetPeers: input.internetPeers ?? base.internetPeers,
    ...(overridden.length > 0 ? { overridden } : {}),
  };
}

/** Only the `Convention` fields (the standard preset also carries flat names for the mocks). */
function plain(c: Convention): Convention {
  return {
    name: c.name, metrics: c.metrics, labels: c.labels, egress: c.egress, ingress: c.ingress, internetPeers: c.internetPeers,
    ...(c.virtualNode ? { virtualNode: c.virtualNode } : {}),
    ...(c.unknownValues ? { unknownValues: c.unknownValues } : {}),
    ...(c.peersAreHosts ? { peersAreHosts: c.peersAreHosts } : {}),
  };
}

/** Role names checked against the preset they override. */
const checkedConvention = refine(union([presetName, conventionObject], OBJECT_TEXT), (input, report) => {
  if (typeof input === 'string') return;
  const name = input.preset ?? DEFAULT_PRESET;
  // A bad preset name is reported by its own field; this check still runs (the problem is soft).
  if (!isPresetName(name)) return;
  const preset = PRESETS[name];
  checkNames(report, 'metrics', input.metrics ?? {}, preset, (role, name) => {
    if (!isMetricName(name)) return 'expected a metric name (letters, digits, _ and :, not starting with a digit)';
    const histogram = role === preset.egress.duration || role === preset.ingress.duration;
    return histogram && name.endsWith('_bucket') ? 'expected the histogram base name, without _bucket' : null;
  });
  checkNames(report, 'labels', input.labels ?? {}, preset, (role, name) => {
    if (name === '' && isOptionalRole(preset, role)) return null;
    return isLabelName(name) ? null : 'expected a label name (letters, digits and _, not starting with a digit)';
  });
});

/** The convention field: a preset name, or a preset with overrides. `parse` is for fixtures. */
export const conventionSchema = withParse(
  refine(transform(checkedConvention, mergeConvention), (convention, report) => {
    const clash = firstClash(convention);
    if (clash) {
      report({
        path: ['labels'],
        message: `expected a different label for each role, but ${clash[0]} and ${clash[1]} are both "${clash[2]}"`,
        showValue: false,
      });
    }
  }),
);

function checkNames(
  report: Report,
  field: 'metrics' | 'labels',
  names: Readonly<Record<string, string>>,
  preset: Convention,
  check: (role: string, name: string) => string | null,
): void {
  const roles = Object.keys(preset[field]);
  for (const [role, name] of Object.entries(names)) {
    if (!roles.includes(role)) {
      const known = roles.map((r) => `"${r}"`).join(', ');
      report({
        path: [field, role],
        message: `unknown field "${role}" for preset "${preset.name}": expected one of ${known}`,
        showValue: false,
      });
      continue;
    }
    const why = check(role, name);
    if (why !== null) report({ path: [field, role], message: why, input: name });
  }
}

/** Field names for "did you mean" hints: every preset's roles. */
export const CONVENTION_FIELDS = {
  convention: Object.keys(conventionObject.shape),
  'convention.metrics': [...new Set(Object.values(PRESETS).flatMap((p) => Object.keys(p.metrics)))],
  'convention.labels': [...new Set(Object.values(PRESETS).flatMap((p) => Object.keys(p.labels)))],
};

function firstClash(convention: Convention): [string, string, string] | null {
  const seen = new Map<string, string>();
  for (const [role, name] of Object.entries(convention.labels)) {
    if (name === '') continue;
    const other = seen.get(name);
    if (other !== undefined && !mayShareLabel(convention, other, role)) return [other, role, name];
    seen.set(name, role);
  }
  return null;
}
