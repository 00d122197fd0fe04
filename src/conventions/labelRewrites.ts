import { escapeLabelValue, escapeRegex } from './promql.ts';
import type { GroupSource } from '../graph/scope.ts';

/**
 * The PromQL label rewrites the view queries (viewQueries.ts) and the service list
 * (serviceListQuery.ts) are made of: each returns the expression `x` with one label set.
 */

/** A scratch label, set and read within one rewrite. */
export const SCRATCH = 'traffic_map_tmp';
/** PromQL text of a separator no label value holds (U+0001). */
export const SEP = '\\x01';

/** `label_replace(x, dst, replacement, src, regex)` with the strings quoted. */
export function replace(x: string, dst: string, replacement: string, src: string, regex: string): string {
  return `label_replace(${x}, ${escapeLabelValue(dst)}, ${escapeLabelValue(replacement)}, ${escapeLabelValue(src)}, ${escapeLabelValue(regex)})`;
}

/** `dst` := `src` when `dst` is empty (a join with a separator no value holds, matched from its start). */
export function fillEmpty(x: string, dst: string, src: string): string {
  const joined = `label_join(${x}, ${escapeLabelValue(SCRATCH)}, "${SEP}", ${escapeLabelValue(dst)}, ${escapeLabelValue(src)})`;
  return `label_replace(${joined}, ${escapeLabelValue(dst)}, "$1", ${escapeLabelValue(SCRATCH)}, "${SEP}(.*)")`;
}

/** `dst` := `src` when `cond` equals `value` (else unchanged). */
export function setIfEquals(x: string, dst: string, src: string, cond: string, value: string): string {
  const joined = `label_join(${x}, ${escapeLabelValue(SCRATCH)}, "${SEP}", ${escapeLabelValue(cond)}, ${escapeLabelValue(src)})`;
  const regex = escapeLabelValue(escapeRegex(value)).slice(0, -1);
  return `label_replace(${joined}, ${escapeLabelValue(dst)}, "$1", ${escapeLabelValue(SCRATCH)}, ${regex}${SEP}(.*)")`;
}

/**
 * `dst` := the value of `dc` when `dc` is set and is none of `inside`, else unchanged; with
 * `emptyIsInside`, an empty `dc` counts as inside (a callee's datacenter is its caller's when
 * unsaid), else an empty `dc` leaves `dst` unchanged too. One join and one replace: the first
 * alternative (leftmost-first) keeps the end, the second names it by its datacenter.
 */
export function setToOtherDc(x: string, dst: string, dc: string, inside: readonly string[], emptyIsInside: boolean): string {
  const joined = `label_join(${x}, ${escapeLabelValue(SCRATCH)}, "${SEP}", ${escapeLabelValue(dc)}, ${escapeLabelValue(dst)})`;
  const values = inside.map((v) => escapeLabelValue(escapeRegex(v)).slice(1, -1)).join('|');
  const regex = `(?:${values})${emptyIsInside ? '?' : ''}${SEP}(.*)|([^${SEP}]+)${SEP}.*`;
  return `label_replace(${joined}, ${escapeLabelValue(dst)}, "$1$2", ${escapeLabelValue(SCRATCH)}, "${regex}")`;
}

/** The qualified name (`name.namespace`, or the name) of one end into `dst`. */
export function nameOf(x: string, dst: string, service: string, namespace: string): string {
  if (!namespace) return replace(x, dst, '$1', service, '(.*)');
  const joined = `label_join(${x}, ${escapeLabelValue(dst)}, ".", ${escapeLabelValue(service)}, ${escapeLabelValue(namespace)})`;
  return replace(joined, dst, '$1', dst, '(.*)\\.');
}

/** The group of one end into `dst` (its name when it has none). */
export function groupOf(x: string, dst: string, name: string, source: GroupSource, label: string): string {
  let out: string;
  if (source.kind === 'rule') out = replace(x, dst, '$1', name, source.regex);
  else out = label ? replace(x, dst, '$1', label, '(.*)') : x;
  return fillEmpty(out, dst, name);
}

/**
 * `a` and `b` both removed where both equal `value` (else unchanged), the scratch label removed
 * too: one join, three replaces. Meant for after a sum, where the series are few. Each replace
 * matches every series and writes the label back (its own value, or '' to remove it): a replace
 * that matches nothing and leaves an absent label as it is came back from VictoriaMetrics with
 * another label's value in it (seen with Debian's 1.79.5: a callee's status code as its datacenter).
 */
export function clearIfBothEqual(x: string, a: string, b: string, value: string): string {
  const joined = `label_join(${x}, ${escapeLabelValue(SCRATCH)}, "${SEP}", ${escapeLabelValue(a)}, ${escapeLabelValue(b)})`;
  const v = escapeLabelValue(escapeRegex(value)).slice(1, -1);
  const both = `${v}${SEP}${v}`;
  const keepA = `label_replace(${joined}, ${escapeLabelValue(a)}, "$1", ${escapeLabelValue(SCRATCH)}, "${both}|([^${SEP}]*)${SEP}.*")`;
  const keepB = `label_replace(${keepA}, ${escapeLabelValue(b)}, "$1", ${escapeLabelValue(SCRATCH)}, "${both}|[^${SEP}]*${SEP}(.*)")`;
  return `label_replace(${keepB}, ${escapeLabelValue(SCRATCH)}, "", "", "")`;
}
