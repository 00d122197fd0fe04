import { describe, expect, it } from 'vitest';
import { istioConvention } from './presets/istio.ts';
import { micrometerConvention } from './presets/micrometer.ts';
import { selectionQueries } from './selection.ts';
import type { SelectionSpec } from './selection.ts';
import { standardConvention } from './standard.ts';
import { splitStringLiterals } from './__fixtures__/promqlStrings.ts';

const skeleton = (q: string) => splitStringLiterals(q).skeleton;

const ERRORS = ['5xx', 'none'] as const;

describe('selectionQueries (standard)', () => {
  const cases: { desc: string; spec: SelectionSpec; rate: string; errors: string; p99: string }[] = [
    {
      desc: 'an edge from the caller\'s egress',
      spec: { side: 'egress', datacenter: 'eu-west', service: 'frontend', peer: { kind: 'service', name: 'checkout', datacenter: 'eu-west' } },
      rate: 'sum(rate(traffic_egress_requests_total{datacenter="eu-west", service="frontend", peer_service="checkout"}[1m]))',
      errors: '(sum(rate(traffic_egress_requests_total{datacenter="eu-west", service="frontend", peer_service="checkout"}[1m])) - (sum(rate(traffic_egress_requests_total{datacenter="eu-west", service="frontend", peer_service="checkout", status=~"[1234][0-9][0-9]"}[1m])) or vector(0)))',
      p99: 'histogram_quantile(0.99, sum by (le) (rate(traffic_egress_request_duration_seconds_bucket{datacenter="eu-west", service="frontend", peer_service="checkout"}[1m])))',
    },
    {
      desc: 'internet traffic into a service from its ingress',
      spec: { side: 'ingress', datacenter: 'eu-west', service: 'edge-lb', peer: { kind: 'internet' } },
      rate: 'sum(rate(traffic_ingress_requests_total{datacenter="eu-west", service="edge-lb", peer_service=~"|internet"}[1m]))',
      errors: '(sum(rate(traffic_ingress_requests_total{datacenter="eu-west", service="edge-lb", peer_service=~"|internet"}[1m])) - (sum(rate(traffic_ingress_requests_total{datacenter="eu-west", service="edge-lb", peer_service=~"|internet", status=~"[1234][0-9][0-9]"}[1m])) or vector(0)))',
      p99: 'histogram_quantile(0.99, sum by (le) (rate(traffic_ingress_request_duration_seconds_bucket{datacenter="eu-west", service="edge-lb", peer_service=~"|internet"}[1m])))',
    },
    {
      desc: 'every call from one datacenter into another (a dc: node)',
      spec: { side: 'egress', datacenter: 'us-east', peer: { kind: 'datacenter', datacenter: 'eu-west' } },
      rate: 'sum(rate(traffic_egress_requests_total{datacenter="us-east", peer_datacenter="eu-west"}[1m]))',
      errors: '(sum(rate(traffic_egress_requests_total{datacenter="us-east", peer_datacenter="eu-west"}[1m])) - (sum(rate(traffic_egress_requests_total{datacenter="us-east", peer_datacenter="eu-west", status=~"[1234][0-9][0-9]"}[1m])) or vector(0)))',
      p99: 'histogram_quantile(0.99, sum by (le) (rate(traffic_egress_request_duration_seconds_bucket{datacenter="us-east", peer_datacenter="eu-west"}[1m])))',
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const q = selectionQueries(standardConvention, c.spec, '1m', ERRORS);
      expect(q.rate).toBe(c.rate);
      expect(q.errors).toBe(c.errors);
      expect(q.latency(0.99)).toBe(c.p99);
    });
  }

  it('an edge read from hosts selects exactly those values of the peer label', () => {
    const q = selectionQueries(micrometerConvention, {
      side: 'egress', datacenter: 'eu-west', service: 'storefront',
      peer: { kind: 'service', name: 'catalog', datacenter: 'eu-west', hosts: ['catalog.shop.svc.cluster.local', 'catalog:8080'] },
    }, '1m', ERRORS);
    expect(q.rate).toBe('sum(rate(http_client_requests_seconds_count{cluster="eu-west", application="storefront", client_name=~"catalog\\\\.shop\\\\.svc\\\\.cluster\\\\.local|catalog:8080"}[1m]))');
  });

  it('a dc: node read from hosts: those hosts (the convention has no peer datacenter label)', () => {
    const q = selectionQueries(micrometerConvention, { side: 'egress', datacenter: 'us-east', peer: { kind: 'datacenter', datacenter: 'eu-west', hosts: ['orders.eu-west.internal'] } }, '1m', ERRORS);
    expect(q.rate).toBe('sum(rate(http_client_requests_seconds_count{cluster="us-east", client_name=~"orders\\\\.eu-west\\\\.internal"}[1m]))');
  });

  it('errors without "none": only the listed classes', () => {
    const q = selectionQueries(standardConvention, { side: 'ingress', datacenter: 'd', service: 's' }, '30s', ['4xx', '5xx']);
    expect(q.errors).toBe('(sum(rate(traffic_ingress_requests_total{datacenter="d", service="s", status=~"[45][0-9][0-9]"}[30s])) or vector(0))');
  });

  it('a crafted service name stays inside one string literal', () => {
    const evil = 'a"} or vector(1) or {x="';
    const q = selectionQueries(standardConvention, { side: 'egress', datacenter: 'd', service: evil, peer: { kind: 'service', name: evil } }, '1m', ERRORS);
    const harmless = selectionQueries(standardConvention, { side: 'egress', datacenter: 'd', service: 'x', peer: { kind: 'service', name: 'x' } }, '1m', ERRORS);
    expect(skeleton(q.rate)).toBe(skeleton(harmless.rate));
    expect(skeleton(q.errors)).toBe(skeleton(harmless.errors));
    expect(splitStringLiterals(q.rate).literals).toContain(evil);
  });
});

describe('selectionQueries (istio)', () => {
  it('splits workload.namespace into both labels and selects the reporter', () => {
    const q = selectionQueries(istioConvention, { side: 'egress', datacenter: 'c1', service: 'cart.shop', peer: { kind: 'service', name: 'pricing.shop', datacenter: 'c1' } }, '1m', ERRORS);
    expect(q.rate).toContain('reporter="source"');
    expect(q.rate).toContain('source_workload="cart"');
    expect(q.rate).toContain('source_workload_namespace="shop"');
    expect(q.rate).toContain('destination_workload="pricing"');
    expect(q.latency(0.5)).toMatch(/\/ 1000$/);
  });
});
