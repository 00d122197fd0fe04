import type { ConfigProblem } from './types.ts';
import type { Issue } from './validate.ts';

type Path = readonly PropertyKey[];

/**
 * Schema issues as problems a person can act on: the field path ("thresholds.danger",
 * "datacenters[1].prometheus"), the expected form, the bad value shortened. Union failures are
 * narrowed to the alternative the value was meant as; unknown fields get a "did you mean".
 */
export function issuesToProblems(
  issues: readonly Issue[],
  knownFields: Readonly<Record<string, readonly string[]>> = {},
): ConfigProblem[] {
  const problems = issues.flatMap((issue) => explain(issue, [], knownFields));
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explain(issue: Issue, base: Path, known: Readonly<Record<string, readonly string[]>>): ConfigProblem[] {
  const path = [...base, ...issue.path];
  if (issue.kind === 'union' && issue.alternatives) {
    const meant = issue.alternatives.find((branch) => branch.length > 0 && !branch.some(isTypeMismatch));
    if (meant) return meant.flatMap((inner) => explain(inner, path, known));
  }
  if (issue.kind === 'unknown-keys' && issue.keys) {
    const candidates = known[formatPath(path, true)] ?? [];
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: unknownField(key, candidates) }));
  }
  if (issue.showValue === false) return [{ path: formatPath(path), message: issue.message }];
  return [{ path: formatPath(path), message: withValue(issue.message, issue.input) }];
}

/** The value is not of this alternative at all (a string where an object was expected). */
function isTypeMismatch(issue: Issue): boolean {
  return issue.path.length === 0 && issue.kind === 'type';
}

function unknownField(key: string, candidates: readonly string[]): string {
  const guess = closest(key, candidates);
  if (guess) return `unknown field "${key}": did you mean "${guess}"?`;
  if (candidates.length === 0) return `unknown field "${key}"`;
  return `unknown field "${key}": expected one of ${candidates.map((c) => `"${c}"`).join(', ')}`;
}

/** "thresholds.danger", "datacenters[1].name"; with `pattern`, indices become "[]". */
export function formatPath(path: Path, pattern = false): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += pattern ? '[]' : `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function withValue(message: string, input: unknown): string {
  if (input === undefined) return `${message}, but it is missing`;
  const shown = showValue(input);
  return message.startsWith('expected') ? `${message}, got ${shown}` : `${message} (got ${shown})`;
}

/** A bad value as JSON, cut to about 40 characters. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The candidate within two edits of `word` (case ignored), if any. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
