import { describe, expect, it } from 'vitest';
import { smallGraph } from '../app/__fixtures__/graph.ts';
import { placeAlerts } from '../alerts/place.ts';
import type { AlertPlace } from '../alerts/locate.ts';
import type { FiringAlert } from '../graph/types.ts';
import { toVizceralTraffic } from './traffic.ts';
import type { VizNode } from './traffic.ts';

// The small graph: eu has web -> api -> postgres (api 5xx 10 of 60: danger) and dc:us; us has search.
const alert = (name: string, severity: string): FiringAlert => ({ name, severity, labels: new Map([['alertname', name]]), summary: '', description: '', since: null });
const OPTIONS = { errorClasses: ['5xx', 'none'] as const, updated: 1 };
const byName = (nodes: readonly VizNode[] | undefined, name: string): VizNode | undefined => nodes?.find((n) => n.name === name);

function traffic(placed: [FiringAlert, AlertPlace][]): VizNode {
  return toVizceralTraffic(placeAlerts(smallGraph(), placed.map(([a, place]) => ({ alert: a, place })), () => ''), { ...OPTIONS, errorClasses: [...OPTIONS.errorClasses] });
}

describe('alerts as Vizceral notices', () => {
  const cases: { desc: string; placed: [FiringAlert, AlertPlace][]; region: string; node: string; expected: { title: string; severity: number }[] | undefined }[] = [
    { desc: 'a critical alert on a healthy node', placed: [[alert('Down', 'critical'), { kind: 'service', at: { dc: 'eu', service: 'web' } }]], region: 'eu', node: 'web', expected: [{ title: 'alert Down (critical)', severity: 2 }] },
    { desc: 'a warning, no severity', placed: [[alert('Slow', 'warning'), { kind: 'service', at: { dc: 'eu', service: 'web' } }], [alert('Odd', ''), { kind: 'service', at: { dc: 'eu', service: 'web' } }]], region: 'eu', node: 'web', expected: [{ title: 'alert Slow (warning)', severity: 1 }, { title: 'alert Odd', severity: 0 }] },
    { desc: 'before the health notice of an unhealthy node', placed: [[alert('Errors', 'page'), { kind: 'service', at: { dc: 'eu', service: 'api' } }]], region: 'eu', node: 'api', expected: [{ title: 'alert Errors (page)', severity: 2 }, { title: expect.stringMatching(/errors/) as unknown as string, severity: 2 }] },
    {
      desc: 'more than three: three and a count at the loudest of the rest',
      placed: ['A', 'B', 'C', 'D', 'E'].map((n, i) => [alert(n, i === 4 ? 'critical' : 'info'), { kind: 'service', at: { dc: 'eu', service: 'web' } }]),
      region: 'eu', node: 'web',
      expected: [{ title: 'alert E (critical)', severity: 2 }, { title: 'alert A (info)', severity: 0 }, { title: 'alert B (info)', severity: 0 }, { title: '+2 more firing alerts', severity: 0 }],
    },
    { desc: "another datacenter's service: on its remote node", placed: [[alert('Far', 'critical'), { kind: 'service', at: { dc: 'us', service: 'search' } }]], region: 'eu', node: 'dc:us', expected: [{ title: 'alert Far (critical)', severity: 2 }] },
    { desc: 'no alerts, healthy: no notices', placed: [], region: 'eu', node: 'web', expected: undefined },
  ];
  it.each(cases)('$desc', ({ placed, region, node, expected }) => {
    const t = traffic(placed);
    expect(byName(byName(t.nodes, region)?.nodes, node)?.notices).toEqual(expected);
  });

  it('a datacenter node of the global view carries its services’ alerts', () => {
    const t = traffic([[alert('Far', 'critical'), { kind: 'service', at: { dc: 'us', service: 'search' } }]]);
    expect(byName(t.nodes, 'us')?.notices).toEqual([{ title: 'alert Far (critical)', severity: 2 }]);
  });

  it('an alert on an edge is a notice of its connection', () => {
    const t = traffic([[alert('Calls', 'warning'), { kind: 'call', from: { dc: 'eu', service: 'web' }, to: { dc: 'eu', service: 'api' }, directed: true }]]);
    const c = byName(t.nodes, 'eu')?.connections?.find((x) => x.source === 'web' && x.target === 'api');
    expect(c?.notices?.[0]).toEqual({ title: 'alert Calls (warning)', severity: 1 });
  });
});
