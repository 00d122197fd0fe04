import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../config/parse.ts';
import type { AppConfig } from '../../config/types.ts';
import { planServers } from './servers.ts';
import type { ServerPlan } from './servers.ts';

function config(json: unknown): AppConfig {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.config;
}

const G = 'http://thanos.example:9090';
const A = 'http://prom-a.example:9090';
const B = 'http://prom-b.example:9090';

describe('planServers', () => {
  const cases: { desc: string; json: unknown; want: ServerPlan[] }[] = [
    {
      desc: 'one URL, datacenters discovered: one server for everything',
      json: { prometheus: { url: G } },
      want: [{ url: G, datacenters: null }],
    },
    {
      desc: 'one URL, "discover" written out',
      json: { prometheus: { url: G }, datacenters: 'discover' },
      want: [{ url: G, datacenters: null }],
    },
    {
      desc: 'one URL, listed datacenters without their own: one unrestricted server',
      json: { prometheus: { url: G }, datacenters: ['eu', 'us'] },
      want: [{ url: G, datacenters: null }],
    },
    {
      desc: 'a relative URL (behind the same reverse proxy)',
      json: { prometheus: { url: '/prometheus/' }, datacenters: ['eu'] },
      want: [{ url: '/prometheus/', datacenters: null }],
    },
    {
      desc: 'one Prometheus per datacenter, no global URL',
      json: { datacenters: [{ name: 'eu', prometheus: A }, { name: 'us', prometheus: B }] },
      want: [{ url: A, datacenters: ['eu'] }, { url: B, datacenters: ['us'] }],
    },
    {
      desc: 'per datacenter with a global URL that nobody uses: the global one is not asked',
      json: { prometheus: { url: G }, datacenters: [{ name: 'eu', prometheus: A }, { name: 'us', prometheus: B }] },
      want: [{ url: A, datacenters: ['eu'] }, { url: B, datacenters: ['us'] }],
    },
    {
      desc: 'two datacenters sharing one Prometheus: one server for both',
      json: { datacenters: [{ name: 'eu', prometheus: A }, { name: 'us', prometheus: A }] },
      want: [{ url: A, datacenters: ['eu', 'us'] }],
    },
    {
      desc: 'mixed: datacenters without their own go to the global URL, each server asked once',
      json: { prometheus: { url: G }, datacenters: ['eu', { name: 'us', prometheus: B }, { name: 'asia' }] },
      want: [{ url: G, datacenters: ['eu', 'asia'] }, { url: B, datacenters: ['us'] }],
    },
    {
      desc: 'mixed: a datacenter naming the global URL itself joins the global server',
      json: { prometheus: { url: G }, datacenters: [{ name: 'eu', prometheus: G }, 'us', { name: 'asia', prometheus: A }] },
      want: [{ url: G, datacenters: ['eu', 'us'] }, { url: A, datacenters: ['asia'] }],
    },
    {
      desc: 'mixed: servers in the order of the datacenter list',
      json: { prometheus: { url: G }, datacenters: [{ name: 'us', prometheus: B }, 'eu'] },
      want: [{ url: B, datacenters: ['us'] }, { url: G, datacenters: ['eu'] }],
    },
    {
      desc: 'a single datacenter with its own Prometheus',
      json: { datacenters: [{ name: 'eu', prometheus: A }] },
      want: [{ url: A, datacenters: ['eu'] }],
    },
  ];

  it.each(cases)('$desc', ({ json, want }) => {
    expect(planServers(config(json))).toEqual(want);
  });

  it.each(cases)('every listed datacenter is served exactly once: $desc', ({ json }) => {
    const c = config(json);
    const plans = planServers(c);
    expect(new Set(plans.map((p) => p.url)).size).toBe(plans.length);
    if (c.datacenters.mode === 'listed' && plans.some((p) => p.datacenters !== null)) {
      const served = plans.flatMap((p) => p.datacenters ?? []);
      expect([...served].sort()).toEqual(c.datacenters.list.map((d) => d.name).sort());
    }
  });
});
