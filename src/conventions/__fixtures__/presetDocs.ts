/**
 * The generated part of each preset's section in docs/METRICS.md: the series it reads, the PromQL
 * it runs and the label-override table, all from the preset data and the query builder, so the
 * doc cannot drift from the code (presetDocs.test.ts compares them).
 *
 *   npx tsx src/conventions/__fixtures__/presetDocs.ts    # rewrites the generated blocks in place
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRESETS } from '../../config/presets.ts';
import { buildQueries } from '../queries.ts';
import { describeRole, isOptionalRole } from '../roles.ts';
import type { Convention } from '../types.ts';

export const DOC_PATH = fileURLToPath(new URL('../../../docs/METRICS.md', import.meta.url));
export const DOC_PARAMS = { rateWindow: '1m', latencyQuantile: 0.95 } as const;

export const startMarker = (name: string): string => `<!-- generated: preset ${name} -->`;
export const endMarker = (name: string): string => `<!-- end of generated: preset ${name} -->`;

/** The generated block of one preset, markers included. */
export function presetBlock(c: Convention): string {
  const metricRows = Object.entries(c.metrics).map(([role, name]) => {
    const uses = (['egress', 'ingress'] as const)
      .filter((side) => c[side].requests === role || c[side].duration === role
        || (c[side].outcome.kind === 'failed-counter' && c[side].outcome.failedRequests === role))
      .map((side) => `${side} (${side === 'egress' ? "caller's view" : "callee's view"})`);
    const series = c.egress.duration === role || c.ingress.duration === role ? `${name}_bucket` : name;
    return `| \`${role}\` | \`${series}\` | ${uses.join(', ')} |`;
  });
  const labelRows = Object.entries(c.labels).map(([role, name]) =>
    `| \`${role}\` | ${name === '' ? '(not used)' : `\`${name}\``} | ${describeRole(c, role)}${isOptionalRole(c, role) ? '; may be ""' : ''} |`);
  const queries = buildQueries(c, DOC_PARAMS).map((q) => `# ${q.kind}\n${q.promql}`);
  return [
    startMarker(c.name),
    '',
    '| metric role | series | read for |',
    '| --- | --- | --- |',
    ...metricRows,
    '',
    '| label role | default label | used as |',
    '| --- | --- | --- |',
    ...labelRows,
    '',
    `Outside callers (\`internetPeers\`): ${c.internetPeers.length > 0 ? c.internetPeers.map((p) => `\`${p}\``).join(', ') : 'none'}.`,
    '',
    `PromQL with \`rateWindow: "${DOC_PARAMS.rateWindow}"\`, \`latencyQuantile: ${DOC_PARAMS.latencyQuantile}\`:`,
    '',
    '```promql',
    queries.join('\n\n'),
    '```',
    '',
    endMarker(c.name),
  ].join('\n');
}

/** The doc with every preset's generated block replaced (blocks must exist, markers included). */
export function regenerate(doc: string): string {
  let out = doc;
  for (const c of Object.values(PRESETS)) {
    const start = out.indexOf(startMarker(c.name));
    const end = out.indexOf(endMarker(c.name));
    if (start < 0 || end < start) throw new Error(`docs/METRICS.md lacks the markers of preset ${c.name}`);
    out = out.slice(0, start) + presetBlock(c) + out.slice(end + endMarker(c.name).length);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(DOC_PATH, regenerate(readFileSync(DOC_PATH, 'utf8')));
  console.log(`updated ${DOC_PATH}`);
}
