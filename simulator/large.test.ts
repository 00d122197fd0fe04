import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largePlatform } from '../src/mocks/platform/large.ts';
import { EXPORTED_CONVENTIONS } from './exporters/byConvention.ts';
import type { ExportedConvention } from './exporters/byConvention.ts';
import { exposedTypes, parseExposition } from './exporters/exposition.ts';
import type { ExposedSample } from './exporters/exposition.ts';
import { COMPACT_BUCKETS } from './metrics.ts';
import { Simulation } from './simulation.ts';
import { startSimulator } from './start.ts';
import type { RunningSimulator } from './start.ts';
import { createTargets, endpointsOf } from './targets.ts';

const START = Date.UTC(2024, 0, 1, 12);
const SHAPE = { services: 60, groups: 4 } as const;
const platform = largePlatform(SHAPE);
const groupOf = (service: string): string => platform.groupOf.get(service) ?? '';

/** Each endpoint's exposition after `seconds` of simulated traffic. */
async function endpointTexts(convention: ExportedConvention, seconds = 30): Promise<{ dc: string; group: string; text: string }[]> {
  const targets = createTargets({ platform, groupOf, convention });
  const sim = new Simulation({ targets, startMs: START, schedule: false, platform, buckets: COMPACT_BUCKETS });
  for (let ms = 1000; ms <= seconds * 1000; ms += 1000) sim.advance(START + ms);
  return Promise.all(endpointsOf(targets).map(async (e) => ({ dc: e.datacenter, group: e.targets[0]?.group ?? '', text: await e.registry.metrics() })));
}

describe.each(EXPORTED_CONVENTIONS.map((name) => ({ desc: name, name })))('a large platform in $desc', ({ name }) => {
  let texts: { dc: string; group: string; text: string }[] = [];
  let samples: ExposedSample[] = [];
  beforeAll(async () => {
    texts = await endpointTexts(name);
    samples = texts.flatMap((t) => parseExposition(t.text));
  });

  it('serves one endpoint per group and datacenter (one more for the services without a group)', () => {
    expect(texts).toHaveLength(platform.datacenters.length * (SHAPE.groups + 1));
    expect(new Set(texts.map((t) => `${t.dc}/${t.group}`)).size).toBe(texts.length);
  });

  it('writes an exposition that parses, one TYPE per family, histograms with the compact buckets', () => {
    expect(samples.length).toBeGreaterThan(500);
    for (const t of texts) {
      expect((t.text.match(/^# TYPE /gm) ?? []).length).toBe(exposedTypes(t.text).size);
    }
    const bounds = new Set(samples.filter((s) => s.name.endsWith('_bucket')).map((s) => s.labels.le));
    const unit = name === 'istio' || name === 'linkerd' ? 1000 : 1;
    expect([...bounds].sort()).toEqual([...COMPACT_BUCKETS.map((b) => String(Math.round(b * unit * 1e6) / 1e6)), '+Inf'].sort());
    for (const s of samples) expect(Number.isFinite(s.value), `${s.name} ${JSON.stringify(s.labels)}`).toBe(true);
  });
});

describe('the group naming contract in the series', () => {
  it.each([
    { desc: 'standard: service is <group>-<thing>-<n>, the group its first part', convention: 'standard' as const, name: 'traffic_egress_requests_total', service: 'service', namespace: undefined },
    { desc: 'istio: the group is the namespace, the workload without the group prefix', convention: 'istio' as const, name: 'istio_requests_total', service: 'source_workload', namespace: 'source_workload_namespace' },
    { desc: 'linkerd: the group is the namespace, the deployment without the group prefix', convention: 'linkerd' as const, name: 'response_total', service: 'deployment', namespace: 'namespace' },
  ])('$desc', async ({ convention, name, service, namespace }) => {
    const texts = await endpointTexts(convention, 10);
    for (const t of texts) {
      const own = parseExposition(t.text).filter((s) => s.name === name && (convention !== 'istio' || s.labels.reporter === 'source'));
      expect(own.length, `${t.dc}/${t.group}`).toBeGreaterThan(0);
      for (const s of own) {
        const value = s.labels[service] ?? '';
        if (namespace === undefined) {
          expect(value.includes('-') ? /^([^-]+)-/.exec(value)?.[1] : '', value).toBe(t.group);
        } else {
          expect(s.labels[namespace], value).toBe(t.group);
          if (t.group !== '') expect(value.startsWith(`${t.group}-`), value).toBe(false);
        }
      }
    }
  });
});

describe('startSimulator with a large platform', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, schedule: false, convention: 'istio', large: SHAPE, tickMs: 200, scrapeCatchUpMs: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('lists one target per group and datacenter with its group and service count', () => {
    expect(sim.targets).toHaveLength(platform.datacenters.length * (SHAPE.groups + 1));
    const eu = sim.targets.filter((t) => t.dc === 'eu-west');
    expect(eu.reduce((n, t) => n + (t.services ?? 0), 0)).toBe(SHAPE.services);
    expect(new Set(eu.map((t) => t.group))).toEqual(new Set(['', ...platform.groups]));
  });

  it('takes faults by the model name or by the workload name, and a scrape-down takes the group\'s endpoint down', async () => {
    const service = platform.services.find((s) => s.namespace === platform.groups[1] && s.kind === 'java')?.name ?? '';
    const workload = service.slice(`${platform.groups[1] ?? ''}-`.length);
    sim.setFaults([{ kind: 'errors', service: workload, share: 0.5 }, { kind: 'scrape-down', service, datacenter: 'us-east', mode: '503' }]);
    expect(sim.simulation.faults[0]).toMatchObject({ kind: 'errors', service });
    const endpoint = (dc: string) => sim.targets.find((t) => t.dc === dc && t.group === platform.groups[1])?.url ?? '';
    expect((await fetch(endpoint('us-east'))).status).toBe(503);
    expect((await fetch(endpoint('eu-west'))).status).toBe(200);
    sim.setFaults([]);
    expect((await fetch(endpoint('us-east'))).status).toBe(200);
  });
});
