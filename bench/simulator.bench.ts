/**
 * The simulator on a large platform: what one step of the counters costs and what a scrape of
 * each datacenter's targets gives (bytes, samples, series, ms), per convention. Prints; asserts
 * nothing about speed.
 *
 *   npx tsx bench/simulator.bench.ts [--services 2000] [--groups 40] [--conventions standard,istio]
 *
 * Counters grow for 2 simulated minutes in 5 s steps first (quiet edges take a while to show
 * their first request, so series keep appearing for a while; see README for a real scrape).
 */
import { largePlatform } from '../src/mocks/platform/large.ts';
import { EXPORTED_CONVENTIONS, isExportedConvention } from '../simulator/exporters/byConvention.ts';
import { COMPACT_BUCKETS } from '../simulator/metrics.ts';
import { Simulation } from '../simulator/simulation.ts';
import { createTargets, endpointsOf } from '../simulator/targets.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] ?? fallback : fallback;
};
const services = Number(arg('services', '2000'));
const groups = Number(arg('groups', '40'));
const conventions = arg('conventions', EXPORTED_CONVENTIONS.join(',')).split(',').filter(isExportedConvention);
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const START = Date.UTC(2025, 0, 1, 12);
const STEP_MS = 5000;
const STEPS = 24;

let t = cpuMs();
const platform = largePlatform({ services, groups });
console.log(`platform: ${services} services per datacenter, ${groups} groups, ${platform.calls.length / platform.datacenters.length} calls per datacenter (generated in ${(cpuMs() - t).toFixed(0)} ms CPU)\n`);
console.log('| convention | step ms (CPU, both datacenters) | targets / datacenter | scrape of one datacenter: bytes | samples | series families | render ms (CPU) |');
console.log('|---|---|---|---|---|---|---|');
for (const convention of conventions) {
  const targets = createTargets({ platform, convention, groupOf: (s) => platform.groupOf.get(s) ?? '' });
  const sim = new Simulation({ targets, startMs: START, schedule: false, platform, buckets: COMPACT_BUCKETS });
  const steps: number[] = [];
  for (let i = 1; i <= STEPS; i++) {
    t = cpuMs();
    sim.advance(START + i * STEP_MS);
    steps.push(cpuMs() - t);
  }
  const dc = platform.datacenters[0] ?? '';
  const endpoints = endpointsOf(targets).filter((e) => e.datacenter === dc);
  t = cpuMs();
  const texts = await Promise.all(endpoints.map((e) => e.registry.metrics()));
  const renderMs = cpuMs() - t;
  let bytes = 0;
  let samples = 0;
  const families = new Set<string>();
  for (const text of texts) {
    bytes += Buffer.byteLength(text);
    for (const line of text.split('\n')) {
      if (line.startsWith('# TYPE ')) families.add(line.split(' ')[2] ?? '');
      else if (line !== '' && !line.startsWith('#')) samples++;
    }
  }
  const median = [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)] ?? 0;
  console.log(`| ${convention} | ${median.toFixed(0)} (median of ${STEPS}) | ${endpoints.length} | ${(bytes / 1e6).toFixed(1)} MB | ${samples.toLocaleString('en')} | ${families.size} | ${renderMs.toFixed(0)} |`);
}
