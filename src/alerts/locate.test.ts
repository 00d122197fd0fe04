import { describe, expect, it } from 'vitest';
import { istioConvention } from '../conventions/presets/istio.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { FiringAlert } from '../graph/types.ts';
import { DEFAULT_DATACENTER_LABELS, DEFAULT_SERVICE_LABELS, locateAlert, placementRules } from './locate.ts';
import type { AlertPlace, ServiceDirectory } from './locate.ts';

function alert(labels: Record<string, string>): FiringAlert {
  return { name: labels.alertname ?? 'A', severity: labels.severity ?? '', labels: new Map(Object.entries(labels)), summary: '', description: '', since: null };
}

/** east: checkout, orders, reviews-v1.bookinfo; west: orders, payments. */
const directory: ServiceDirectory = {
  datacentersOf: (s) => ({ checkout: ['east'], orders: ['east', 'west'], payments: ['west'], 'reviews-v1.bookinfo': ['east'], 'productpage-v1.bookinfo': ['east'] } as Record<string, string[]>)[s] ?? [],
};

const standard = placementRules(standardConvention, DEFAULT_SERVICE_LABELS, DEFAULT_DATACENTER_LABELS);
const istio = placementRules(istioConvention, DEFAULT_SERVICE_LABELS, DEFAULT_DATACENTER_LABELS);

describe('locateAlert', () => {
  const cases: { desc: string; rules?: typeof standard; labels: Record<string, string>; server?: string[] | null; dir?: ServiceDirectory | null; expected: AlertPlace | { kind: 'unplaced'; match: RegExp } }[] = [
    { desc: 'a service label and a datacenter label', labels: { service: 'checkout', datacenter: 'east' }, expected: { kind: 'service', at: { dc: 'east', service: 'checkout' } } },
    { desc: 'a service in one datacenter needs no datacenter label', labels: { service: 'checkout' }, expected: { kind: 'service', at: { dc: 'east', service: 'checkout' } } },
    { desc: 'a service in two datacenters without a datacenter label is ambiguous', labels: { service: 'orders' }, expected: { kind: 'unplaced', match: /"orders" runs in 2 datacenters \(east, west\)/ } },
    { desc: 'a per-datacenter server says which', labels: { service: 'orders' }, server: ['west'], expected: { kind: 'service', at: { dc: 'west', service: 'orders' } } },
    { desc: 'a config-like label (app) names the service', labels: { app: 'payments' }, expected: { kind: 'service', at: { dc: 'west', service: 'payments' } } },
    { desc: 'the cluster label names the datacenter', labels: { service: 'orders', cluster: 'west' }, expected: { kind: 'service', at: { dc: 'west', service: 'orders' } } },
    { desc: 'a name the service list lacks: an external node, if the view draws one', labels: { service: 'nosuch' }, expected: { kind: 'external', service: 'nosuch', reason: 'no service "nosuch" on the map' } },
    { desc: 'two names the list lacks: on no node', labels: { service: 'nosuch', peer_service: 'nothing' }, expected: { kind: 'unplaced', match: /no service "nosuch" on the map; no service "nothing" on the map/ } },
    { desc: 'a known service in the wrong datacenter', labels: { service: 'checkout', datacenter: 'west' }, expected: { kind: 'unplaced', match: /no service "checkout" in datacenter "west"/ } },
    { desc: 'no service or datacenter label (Watchdog)', labels: { alertname: 'Watchdog', severity: 'none' }, expected: { kind: 'unplaced', match: /name no service or datacenter/ } },
    { desc: 'a datacenter label only: the datacenter', labels: { alertname: 'NodeDown', datacenter: 'west' }, expected: { kind: 'datacenter', dc: 'west' } },
    {
      desc: 'service and peer_service: a call of unknown direction (standard)',
      labels: { service: 'checkout', peer_service: 'orders', datacenter: 'east', peer_datacenter: 'east' },
      expected: { kind: 'call', from: { dc: 'east', service: 'checkout' }, to: { dc: 'east', service: 'orders' }, directed: false },
    },
    {
      desc: 'three different services named: ambiguous',
      labels: { service: 'checkout', peer_service: 'orders', app: 'payments', datacenter: 'east' },
      expected: { kind: 'unplaced', match: /name 3 services \("checkout", "orders", "payments"\)/ },
    },
    {
      desc: 'two labels naming the same service are one end',
      labels: { service: 'checkout', app: 'checkout' },
      expected: { kind: 'service', at: { dc: 'east', service: 'checkout' } },
    },
    {
      desc: 'Istio destination labels: the callee, qualified by namespace',
      rules: istio,
      labels: { destination_workload: 'reviews-v1', destination_workload_namespace: 'bookinfo', destination_cluster: 'east' },
      expected: { kind: 'service', at: { dc: 'east', service: 'reviews-v1.bookinfo' } },
    },
    {
      desc: 'Istio source labels: the caller',
      rules: istio,
      labels: { source_workload: 'productpage-v1', source_workload_namespace: 'bookinfo' },
      expected: { kind: 'service', at: { dc: 'east', service: 'productpage-v1.bookinfo' } },
    },
    {
      desc: 'Istio both sides: a directed call, caller first whatever the label order',
      rules: istio,
      labels: { destination_workload: 'reviews-v1', destination_workload_namespace: 'bookinfo', source_workload: 'productpage-v1', source_workload_namespace: 'bookinfo' },
      expected: { kind: 'call', from: { dc: 'east', service: 'productpage-v1.bookinfo' }, to: { dc: 'east', service: 'reviews-v1.bookinfo' }, directed: true },
    },
    {
      desc: "Istio's unknown cluster reads as absent",
      rules: istio,
      labels: { destination_workload: 'reviews-v1', destination_workload_namespace: 'bookinfo', destination_cluster: 'unknown' },
      expected: { kind: 'service', at: { dc: 'east', service: 'reviews-v1.bookinfo' } },
    },
    {
      desc: 'one end unknown: the other end alone',
      rules: istio,
      labels: { destination_workload: 'reviews-v1', destination_workload_namespace: 'bookinfo', source_workload: 'ghost', source_workload_namespace: 'x' },
      expected: { kind: 'service', at: { dc: 'east', service: 'reviews-v1.bookinfo' } },
    },
    { desc: 'no list yet: labels trusted', labels: { service: 'anything', datacenter: 'east' }, dir: null, expected: { kind: 'service', at: { dc: 'east', service: 'anything' } } },
    { desc: 'no list yet and no datacenter label', labels: { service: 'anything' }, dir: null, expected: { kind: 'unplaced', match: /no datacenter label/ } },
    { desc: 'label names such as __proto__ are data', labels: JSON.parse('{"__proto__": "checkout", "constructor": "orders"}') as Record<string, string>, expected: { kind: 'unplaced', match: /name no service/ } },
  ];
  it.each(cases)('$desc', ({ rules, labels, server, dir, expected }) => {
    const place = locateAlert(alert(labels), rules ?? standard, dir === undefined ? directory : dir, server ?? null);
    if ('match' in expected) {
      expect(place.kind).toBe('unplaced');
      expect(place.kind === 'unplaced' ? place.reason : '').toMatch(expected.match);
    } else {
      expect(place).toEqual(expected);
    }
  });
});

describe('placementRules', () => {
  it('reads both Istio sides, directed, and adds the config labels', () => {
    const rules = placementRules(istioConvention, ['app'], ['cluster']);
    expect(rules.ends).toEqual([
      { service: 'source_workload', namespace: 'source_workload_namespace', datacenter: 'source_cluster', side: 'caller' },
      { service: 'destination_workload', namespace: 'destination_workload_namespace', datacenter: 'destination_cluster', side: 'callee' },
      { service: 'app', namespace: '', datacenter: '', side: 'either' },
    ]);
    expect(rules.unknownValues).toEqual(['unknown']);
  });
  it('the standard convention does not say which end `service` is', () => {
    const rules = placementRules(standardConvention, ['service'], []);
    expect(rules.ends).toEqual([
      { service: 'service', namespace: '', datacenter: 'datacenter', side: 'either' },
      { service: 'peer_service', namespace: '', datacenter: 'peer_datacenter', side: 'either' },
    ]);
  });
});
