import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config/presets.ts';
import { DOC_PATH, presetBlock } from './__fixtures__/presetDocs.ts';

/*
 * docs/METRICS.md shows, per preset, the series read, the PromQL run and the override table,
 * generated from the code. After a change: `npx tsx src/conventions/__fixtures__/presetDocs.ts`.
 */
describe('docs/METRICS.md matches the presets', () => {
  const doc = readFileSync(DOC_PATH, 'utf8');
  it.each(Object.values(PRESETS).map((c) => ({ desc: c.name, c })))('$desc', ({ c }) => {
    expect(doc).toContain(presetBlock(c));
  });
});
