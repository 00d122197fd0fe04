import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from './parse.ts';
import type { AppConfig } from './types.ts';

const PROM = { url: 'http://prometheus.example:9090' };

function config(json: unknown): AppConfig {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.config;
}

describe('thresholds.latency and thresholds.overrides: good files', () => {
  const cases: { desc: string; thresholds: unknown; expected: Partial<AppConfig['thresholds']> }[] = [
    { desc: 'left out: no latency limits, no overrides', thresholds: {}, expected: {} },
    { desc: 'latency limits in seconds', thresholds: { latency: { warning: '300ms', danger: '1s' } }, expected: { latency: { warning: 0.3, danger: 1 } } },
    { desc: 'a danger limit alone', thresholds: { latency: { danger: '1m30s' } }, expected: { latency: { danger: 90 } } },
    {
      desc: 'the issue\'s example: an override whose danger is the default warning (it goes straight to danger)',
      thresholds: { overrides: [{ match: 'payment-*', danger: 0.01, latency: { warning: '300ms', danger: '1s' } }] },
      expected: { overrides: [{ match: 'payment-*', danger: 0.01, latency: { warning: 0.3, danger: 1 } }] },
    },
    {
      desc: 'group and datacenter patterns, latency off, in order',
      thresholds: { overrides: [{ group: 'batch', latency: 'off' }, { datacenter: 'eu-*', match: '*-db', warning: 0.02, danger: 0.1 }] },
      expected: { overrides: [{ group: 'batch', latency: 'off' }, { match: '*-db', datacenter: 'eu-*', warning: 0.02, danger: 0.1 }] },
    },
    { desc: 'an empty list is no overrides', thresholds: { overrides: [] }, expected: {} },
  ];
  it.each(cases)('$desc', ({ thresholds, expected }) => {
    const t = config({ prometheus: PROM, thresholds }).thresholds;
    expect({ latency: t.latency, overrides: t.overrides }).toEqual({ latency: expected.latency, overrides: expected.overrides });
  });
});

describe('thresholds.latency and thresholds.overrides: each problem names its field', () => {
  const cases: { desc: string; thresholds: unknown; path: string; message: RegExp }[] = [
    { desc: 'latency not a duration', thresholds: { latency: { warning: 300 } }, path: 'thresholds.latency.warning', message: /^expected a duration such as "300ms".*got 300$/ },
    { desc: 'latency zero', thresholds: { latency: { danger: '0s' } }, path: 'thresholds.latency.danger', message: /expected a duration such as "1s"/ },
    { desc: 'latency limits out of order', thresholds: { latency: { warning: '2s', danger: '1s' } }, path: 'thresholds.latency.danger', message: /^expected "danger" above "warning" \(2000 ms\), got "1000 ms"$/ },
    { desc: 'latency without limits', thresholds: { latency: {} }, path: 'thresholds.latency', message: /expected "warning", "danger" or both/ },
    { desc: 'latency typo', thresholds: { latency: { danegr: '1s' } }, path: 'thresholds.latency.danegr', message: /did you mean "danger"/ },
    { desc: 'overrides not a list', thresholds: { overrides: { match: 'x', danger: 0.1 } }, path: 'thresholds.overrides', message: /^expected a list of overrides such as/ },
    { desc: 'override for no node', thresholds: { overrides: [{ danger: 0.1 }] }, path: 'thresholds.overrides[0]', message: /^expected "match", "group" or "datacenter"/ },
    { desc: 'override that changes nothing', thresholds: { overrides: [{ match: 'x' }] }, path: 'thresholds.overrides[0]', message: /^expected "warning", "danger" or "latency"/ },
    { desc: 'override with an empty pattern', thresholds: { overrides: [{ match: ' ', danger: 0.1 }] }, path: 'thresholds.overrides[0].match', message: /pattern of service names/ },
    { desc: 'override danger above 1', thresholds: { overrides: [{ match: 'a', danger: 0.1 }, { match: 'b', danger: 5 }] }, path: 'thresholds.overrides[1].danger', message: /between 0 and 1.*got 5/ },
    { desc: 'override warning not below its danger', thresholds: { overrides: [{ match: 'a', warning: 0.2, danger: 0.1 }] }, path: 'thresholds.overrides[0].danger', message: /^expected "danger" above "warning" \(0.2\), got 0.1$/ },
    {
      desc: 'override latency out of order, third in the list',
      thresholds: { overrides: [{ match: 'a', danger: 0.1 }, { match: 'b', danger: 0.1 }, { match: 'c', latency: { warning: '1s', danger: '300ms' } }] },
      path: 'thresholds.overrides[2].latency.danger',
      message: /^expected "danger" above "warning" \(1000 ms\), got "300 ms"$/,
    },
    { desc: 'override latency not a duration', thresholds: { overrides: [{ match: 'a', latency: { danger: 'slow' } }] }, path: 'thresholds.overrides[0].latency.danger', message: /expected a duration such as "1s".*got "slow"/ },
    { desc: 'override latency neither "off" nor an object', thresholds: { overrides: [{ match: 'a', latency: 'none' }] }, path: 'thresholds.overrides[0].latency', message: /^expected "off" or an object such as/ },
    { desc: 'override field typo', thresholds: { overrides: [{ mtach: 'a', danger: 0.1 }] }, path: 'thresholds.overrides[0].mtach', message: /did you mean "match"/ },
  ];
  it.each(cases)('$desc', ({ thresholds, path, message }) => {
    const result = parseConfig({ prometheus: PROM, thresholds });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path);
    expect(problem, `problems: ${JSON.stringify(result.problems)}`).toBeDefined();
    expect(problem?.message).toMatch(message);
  });
});
