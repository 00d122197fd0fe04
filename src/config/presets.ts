import { standardConvention } from '../conventions/standard.ts';
import type { Convention } from '../conventions/types.ts';

/**
 * The conventions a config can name with `"convention": "<name>"` or `{ "preset": "<name>" }`.
 * Adding a preset is one line here.
 */
export const PRESETS = {
  standard: standardConvention,
} as const satisfies Readonly<Record<string, Convention>>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as readonly PresetName[];

export const DEFAULT_PRESET: PresetName = 'standard';
