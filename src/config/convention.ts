import * as z from 'zod';
import type { Convention, ConventionLabels } from '../conventions/types.ts';
import { checkedString, histogramName, labelName, metricName } from './fields.ts';
import { DEFAULT_PRESET, PRESET_NAMES, PRESETS } from './presets.ts';
import type { PresetName } from './presets.ts';

const PRESET_TEXT = PRESET_NAMES.map((n) => `"${n}"`).join(', ');

const presetName = checkedString(`expected a preset name: ${PRESET_TEXT}`, (s) =>
  s in PRESETS ? null : `expected a preset name: ${PRESET_TEXT}`,
).transform((s) => s as PresetName);

/** Metric names replacing the preset's (each optional). */
const metricsSchema = z.strictObject(
  {
    /** Counter of requests a service received. */
    ingressRequests: metricName.optional(),
    /** Histogram (base name, without _bucket) of the duration of received requests. */
    ingressDuration: histogramName.optional(),
    /** Counter of requests a service sent. */
    egressRequests: metricName.optional(),
    /** Histogram (base name) of the duration of sent requests. */
    egressDuration: histogramName.optional(),
  },
  { error: 'expected an object of metric names such as {"ingressRequests": "http_requests_total"}' },
);

/** Label names replacing the preset's (each optional). */
const labelsSchema = z.strictObject(
  {
    /** The service that exposes the series. */
    service: labelName.optional(),
    /** Its datacenter. */
    datacenter: labelName.optional(),
    /** The other end of the call (caller on ingress, callee on egress). */
    peerService: labelName.optional(),
    /** The datacenter of the other end. */
    peerDatacenter: labelName.optional(),
    /** The HTTP status code. */
    status: labelName.optional(),
  },
  { error: 'expected an object of label names such as {"service": "app"}' },
);

const conventionObject = z.strictObject(
  {
    /** The preset the overrides apply to; default "standard". */
    preset: presetName.optional(),
    metrics: metricsSchema.optional(),
    labels: labelsSchema.optional(),
    /** Peer-service values meaning "from outside" (replaces the preset's list). */
    internetPeers: z.array(z.string({ error: 'expected a text' }), { error: 'expected a list of texts such as ["internet"]' }).optional(),
  },
  { error: `expected a preset name (${PRESET_TEXT}) or an object {"preset": ..., "metrics": {...}, "labels": {...}}` },
);

type ConventionInput = PresetName | z.output<typeof conventionObject>;

/** The preset with the overrides merged on top. */
export function mergeConvention(input: ConventionInput): Convention {
  if (typeof input === 'string') return PRESETS[input];
  const base = PRESETS[input.preset ?? DEFAULT_PRESET];
  const labels: ConventionLabels = { ...base.labels, ...defined(input.labels ?? {}) };
  return {
    ...base,
    ...defined(input.metrics ?? {}),
    labels,
    internetPeers: input.internetPeers ?? base.internetPeers,
  };
}

/** The convention field: a preset name, or a preset with overrides. */
export const conventionSchema = z
  .union([presetName, conventionObject], {
    error: `expected a preset name (${PRESET_TEXT}) or an object {"preset": ..., "metrics": {...}, "labels": {...}}`,
  })
  .transform(mergeConvention)
  .superRefine((convention, ctx) => {
    const clash = firstClash(convention.labels);
    if (clash) {
      ctx.addIssue({
        code: 'custom',
        path: ['labels'],
        message: `expected a different label for each role, but ${clash[0]} and ${clash[1]} are both "${clash[2]}"`,
        params: { showValue: false },
      });
    }
  });

export const CONVENTION_FIELDS = {
  convention: Object.keys(conventionObject.shape),
  'convention.metrics': Object.keys(metricsSchema.shape),
  'convention.labels': Object.keys(labelsSchema.shape),
};

function firstClash(labels: ConventionLabels): [string, string, string] | null {
  const seen = new Map<string, string>();
  for (const [role, name] of Object.entries(labels)) {
    const other = seen.get(name);
    if (other !== undefined) return [other, role, name];
    seen.set(name, role);
  }
  return null;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
