import { istioConvention } from '../conventions/presets/istio.ts';
import { linkerdConvention } from '../conventions/presets/linkerd.ts';
import { micrometerConvention } from '../conventions/presets/micrometer.ts';
import { otelHttpConvention } from '../conventions/presets/otelHttp.ts';
import { otelServicegraphConvention } from '../conventions/presets/otelServicegraph.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { Convention } from '../conventions/types.ts';

/**
 * The conventions a config can name with `"convention": "<name>"` or `{ "preset": "<name>" }`.
 * Adding a preset is one line here (and a section in docs/METRICS.md, checked by a test).
 */
export const PRESETS = {
  standard: standardConvention,
  istio: istioConvention,
  linkerd: linkerdConvention,
  'otel-servicegraph': otelServicegraphConvention,
  micrometer: micrometerConvention,
  'otel-http': otelHttpConvention,
} as const satisfies Readonly<Record<string, Convention>>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as readonly PresetName[];

export const DEFAULT_PRESET: PresetName = 'standard';

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
