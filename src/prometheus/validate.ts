import type { AlertsData, BuildInfo, QueryData } from './types.ts';

/**
 * Shape checks of API `data` payloads. They walk the data once without copying it (answers can
 * hold thousands of series) and say what is wrong, for a 'parse' error.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(reason: string): Checked<T> => ({ ok: false, reason });

export function checkQueryData(data: unknown): Checked<QueryData> {
  if (!isRecord(data)) return fail('"data" is not an object');
  const { resultType, result } = data;
  switch (resultType) {
    case 'vector':
      return checkSeriesList(result, 'value', resultType) ?? ok(data as unknown as QueryData);
    case 'matrix':
      return checkSeriesList(result, 'values', resultType) ?? ok(data as unknown as QueryData);
    case 'scalar':
    case 'string':
      return isSamplePair(result) ? ok(data as unknown as QueryData) : fail(`${resultType} result is not [time, "value"]`);
    default:
      return fail(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}

function checkSeriesList(result: unknown, field: 'value' | 'values', resultType: string): Checked<QueryData> | null {
  if (!Array.isArray(result)) return fail(`${resultType} result is not a list`);
  for (let i = 0; i < result.length; i++) {
    const series: unknown = result[i];
    if (!isRecord(series) || !isLabels(series.metric)) {
      return fail(`${resultType} series ${i} has no "metric" label set`);
    }
    const sample = series[field];
    const good = field === 'value' ? isSamplePair(sample) : Array.isArray(sample) && sample.every(isSamplePair);
    if (!good) {
      const histogram = 'histogram' in series || 'histograms' in series;
      return fail(
        `${resultType} series ${i} has no valid "${field}"` +
          (histogram ? ' (a native histogram? query a float expression)' : ''),
      );
    }
  }
  return null;
}

export function checkStringList(data: unknown): Checked<readonly string[]> {
  return Array.isArray(data) && data.every((v) => typeof v === 'string')
    ? ok(data as readonly string[])
    : fail('"data" is not a list of strings');
}

export function checkBuildInfo(data: unknown): Checked<BuildInfo> {
  if (!isRecord(data) || typeof data.version !== 'string') return fail('"data.version" is not a string');
  return ok(data as unknown as BuildInfo);
}

export function checkAlertsData(data: unknown): Checked<AlertsData> {
  return isRecord(data) && Array.isArray(data.alerts) ? ok(data as unknown as AlertsData) : fail('"data.alerts" is not a list');
}

export function checkConfigYaml(data: unknown): Checked<string> {
  return isRecord(data) && typeof data.yaml === 'string' ? ok(data.yaml) : fail('"data.yaml" is not a string');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings only; anything else becomes []. */
export function stringList(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isLabels(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}

function isSamplePair(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string';
}
