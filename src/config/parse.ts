import { issuesToProblems } from './errors.ts';
import { configSchema, KNOWN_FIELDS } from './schema.ts';
import type { ConfigProblem, ConfigResult } from './types.ts';

/** Validates parsed config JSON; never throws. */
export function parseConfig(json: unknown): ConfigResult {
  const result = configSchema.run(json);
  if (result.issues.length === 0) return { ok: true, config: result.value };
  return { ok: false, problems: issuesToProblems(result.issues, KNOWN_FIELDS) };
}

/** "thresholds.danger: expected ..." — one line per problem, for screens and logs. */
export function formatProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
