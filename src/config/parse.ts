import { issuesToProblems } from './errors.ts';
import { configSchema, KNOWN_FIELDS } from './schema.ts';
import type { ConfigProblem, ConfigResult } from './types.ts';

/** Validates parsed config JSON; never throws. */
export function parseConfig(json: unknown): ConfigResult {
  const result = configSchema.safeParse(json, { reportInput: true });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: issuesToProblems(result.error.issues, KNOWN_FIELDS) };
}

/** "thresholds.danger: expected ..." — one line per problem, for screens and logs. */
export function formatProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
