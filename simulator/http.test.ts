import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './start.ts';
import type { RunningSimulator } from './start.ts';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, schedule: false, tickMs: 50 });
});
afterAll(async () => {
  await sim.close();
});

const target = (dc: string, service: string) => {
  const t = sim.targets.find((x) => x.dc === dc && x.service === service);
  if (!t) throw new Error(`no target ${dc}/${service}`);
  return t;
};

describe('the /metrics exposition', () => {
  it('has the standard convention labels on every series', async () => {
    await new Promise((ok) => setTimeout(ok, 300));
    const text = await (await fetch(target('eu-west', 'edge-lb').url)).text();
    expect(text).toContain('# TYPE traffic_ingress_requests_total counter');
    expect(text).toContain('# TYPE traffic_egress_request_duration_seconds histogram');
    expect(text).toMatch(/^traffic_ingress_requests_total\{service="edge-lb",datacenter="eu-west",peer_service="internet",peer_datacenter="",status="200"\} \d+$/m);
    expect(text).toMatch(/^traffic_egress_requests_total\{service="edge-lb",datacenter="eu-west",peer_service="varnish",peer_datacenter="eu-west",status="200"\} \d+$/m);
    expect(text).toMatch(/^traffic_egress_request_duration_seconds_bucket\{le="0\.001",service="edge-lb",datacenter="eu-west",peer_service="varnish",peer_datacenter="eu-west"\} \d+$/m);
    expect(text).toMatch(/^traffic_egress_request_duration_seconds_bucket\{le="\+Inf",/m);
    // One target reports one service: nothing of the others.
    for (const line of text.split('\n').filter((l) => l.startsWith('traffic_'))) expect(line).toContain('service="edge-lb",datacenter="eu-west"');
  });

  it('reports the cross-datacenter calls with the peer datacenter', async () => {
    const text = await (await fetch(target('us-east', 'orders').url)).text();
    expect(text).toMatch(/traffic_egress_requests_total\{service="orders",datacenter="us-east",peer_service="inventory",peer_datacenter="eu-west",status="\d+"\}/);
  });

  it('lists the targets, all or by datacenter', async () => {
    const all = (await (await fetch(`${sim.controlUrl}/targets`)).json()) as unknown[];
    expect(all).toHaveLength(sim.targets.length);
    const lines = (await (await fetch(`${sim.controlUrl}/targets.txt?datacenter=us-east`)).text()).trim().split('\n');
    expect(lines).toHaveLength(sim.targets.filter((t) => t.dc === 'us-east').length);
    expect(lines[0]).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});

describe('the control endpoint', () => {
  it('adds, lists and clears faults', async () => {
    const post = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'errors', service: 'checkout', share: 0.4 }) });
    expect(post.status).toBe(200);
    await fetch(`${sim.controlUrl}/faults`, { method: 'POST', body: JSON.stringify([{ kind: 'latency', service: 'search', factor: 3 }]) });
    expect(await (await fetch(`${sim.controlUrl}/faults`)).json()).toEqual([
      { kind: 'errors', service: 'checkout', share: 0.4 },
      { kind: 'latency', service: 'search', factor: 3 },
    ]);
    await fetch(`${sim.controlUrl}/faults`, { method: 'DELETE' });
    expect(sim.getFaults()).toEqual([]);
  });

  it('takes a traffic drop', async () => {
    const post = await fetch(`${sim.controlUrl}/faults`, { method: 'PUT', body: JSON.stringify([{ kind: 'drop', service: 'checkout', share: 0.1, datacenter: 'eu-west' }]) });
    expect(post.status).toBe(200);
    expect(sim.getFaults()).toEqual([{ kind: 'drop', service: 'checkout', share: 0.1, datacenter: 'eu-west' }]);
    const bad = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'drop', service: 'checkout' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('"share" between 0 and 1');
    await fetch(`${sim.controlUrl}/faults`, { method: 'DELETE' });
  });

  it('rejects a bad fault with a message naming the field', async () => {
    const res = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'errors', service: 'checkout', share: 4 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('"share" between 0 and 1');
  });

  it('scrape-down answers 503 or hangs until cleared', async () => {
    const url = target('eu-west', 'checkout').url;
    sim.setFaults([{ kind: 'scrape-down', service: 'checkout', datacenter: 'eu-west', mode: '503' }]);
    expect((await fetch(url)).status).toBe(503);
    expect((await fetch(target('us-east', 'checkout').url)).status).toBe(200);
    sim.setFaults([{ kind: 'scrape-down', service: 'checkout' }]);
    await expect(fetch(url, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    sim.setFaults([]);
    expect((await fetch(url)).status).toBe(200);
  });
});
