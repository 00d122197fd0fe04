import { describe, expect, it } from 'vitest';
import { toRateRows } from '../conventions/rows.ts';
import type { Convention } from '../conventions/types.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { parseConfig } from './parse.ts';
import { PRESET_NAMES, PRESETS } from './presets.ts';

const PROM = { url: 'http://prometheus:9090' };

function convention(value: unknown): Convention {
  const result = parseConfig({ prometheus: PROM, convention: value });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.convention;
}

function problems(value: unknown): { path: string; message: string }[] {
  const result = parseConfig({ prometheus: PROM, convention: value });
  return result.ok ? [] : [...result.problems];
}

describe('presets by name', () => {
  it.each(PRESET_NAMES.map((name) => ({ desc: name, name })))('$desc', ({ name }) => {
    const c = convention(name);
    expect(c.name).toBe(name);
    expect(c.labels).toEqual(PRESETS[name].labels);
    expect(c.overridden).toBeUndefined();
  });
});

describe('overrides', () => {
  const cases: { desc: string; value: unknown; check: (c: Convention) => void }[] = [
    {
      desc: 'istio with a service label renamed',
      value: { preset: 'istio', labels: { destinationWorkload: 'app' } },
      check: (c) => {
        expect(c.labels.destinationWorkload).toBe('app');
        expect(c.overridden).toEqual(['destinationWorkload']);
      },
    },
    {
      desc: 'otel-http reading job instead of service_name',
      value: { preset: 'otel-http', labels: { serviceName: 'job' } },
      check: (c) => expect(c.labels.serviceName).toBe('job'),
    },
    {
      desc: 'istio without namespaces: "" switches an optional role off',
      value: { preset: 'istio', labels: { sourceNamespace: '', destinationNamespace: '' } },
      check: (c) => expect(c.labels.sourceNamespace).toBe(''),
    },
    {
      desc: 'otel-servicegraph with one cluster label for both ends',
      value: { preset: 'otel-servicegraph', labels: { clientCluster: 'cluster', serverCluster: 'cluster' } },
      check: (c) => expect([c.labels.clientCluster, c.labels.serverCluster]).toEqual(['cluster', 'cluster']),
    },
    {
      desc: 'micrometer metric renamed',
      value: { preset: 'micrometer', metrics: { ingressRequests: 'http_server_requests_count' } },
      check: (c) => expect(c.metrics.ingressRequests).toBe('http_server_requests_count'),
    },
  ];
  it.each(cases)('$desc', ({ value, check }) => check(convention(value)));
});

describe('bad overrides name the field', () => {
  const cases: { desc: string; value: unknown; path: string; message: RegExp }[] = [
    { desc: 'a role of another preset', value: { preset: 'istio', labels: { service: 'app' } }, path: 'convention.labels.service', message: /^unknown field "service" for preset "istio": expected one of "reporter", "sourceWorkload"/ },
    { desc: 'unknown metric role', value: { preset: 'linkerd', metrics: { egressRequests: 'x' } }, path: 'convention.metrics.egressRequests', message: /for preset "linkerd": expected one of "requests", "duration"/ },
    { desc: '"" for a required role', value: { preset: 'istio', labels: { destinationWorkload: '' } }, path: 'convention.labels.destinationWorkload', message: /expected a label name.*got ""/ },
    { desc: 'histogram with _bucket', value: { preset: 'istio', metrics: { duration: 'x_bucket' } }, path: 'convention.metrics.duration', message: /without _bucket/ },
    { desc: 'two non-datacenter roles, one label', value: { preset: 'micrometer', labels: { clientName: 'application' } }, path: 'convention.labels', message: /application and clientName are both "application"/ },
  ];
  it.each(cases)('$desc', ({ value, path, message }) => {
    const found = problems(value).find((p) => p.path === path);
    expect(found, JSON.stringify(problems(value))).toBeDefined();
    expect(found?.message).toMatch(message);
  });
});

describe('a wrong label override gives a problem naming the label, not an empty map without a word', () => {
  const istioSeries: InstantSample = {
    metric: {
      destination_cluster: 'eu-west', destination_workload: 'catalog', destination_workload_namespace: 'shop',
      source_cluster: 'eu-west', source_workload: 'frontend', source_workload_namespace: 'shop', tm_class: '2xx',
    },
    value: [1732521600, '12'],
  };
  const cases: { desc: string; value: unknown; kind: 'egressRate' | 'ingressRate'; expected: string; label: string }[] = [
    { desc: 'ingress service label', value: { preset: 'istio', labels: { destinationWorkload: 'app' } }, kind: 'ingressRate', label: 'app', expected: 'destinationWorkload label "app" (convention istio, overridden)' },
    { desc: 'egress peer label', value: { preset: 'istio', labels: { destinationWorkload: 'app' } }, kind: 'egressRate', label: 'app', expected: 'destinationWorkload label "app" (convention istio, overridden)' },
    { desc: 'datacenter label', value: { preset: 'istio', labels: { sourceCluster: 'region' } }, kind: 'egressRate', label: 'region', expected: 'sourceCluster label "region" (convention istio, overridden)' },
  ];
  it.each(cases)('$desc', ({ value, kind, label, expected }) => {
    const { rows, problems: found } = toRateRows(convention(value), kind, [istioSeries]);
    expect(rows).toEqual([]);
    expect(found).toEqual([{ kind: 'missing-label', query: kind, label, count: 1, expected, example: expect.stringContaining('source_workload="frontend"') }]);
  });

  it('a preset label missing without override says so too', () => {
    const { problems: found } = toRateRows(convention('istio'), 'ingressRate', [{ ...istioSeries, metric: { source_workload: 'x' } }]);
    expect(found[0]).toMatchObject({ label: 'destination_workload', expected: 'destinationWorkload label "destination_workload" (convention istio)' });
  });
});

describe('preset fields survive the config', () => {
  it('istio keeps its "unknown" values (a callee outside the mesh is outside every datacenter)', () => {
    const result = parseConfig({ prometheus: { url: 'http://p:9090' }, convention: 'istio' });
    expect(result.ok && result.config.convention.unknownValues).toEqual(['unknown']);
  });
});
