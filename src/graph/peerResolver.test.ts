import { describe, expect, it } from 'vitest';
import { expandTemplate, groupCount, hostLabels, PeerResolver, suggestRule, templateGroups } from './peerResolver.ts';
import type { PeerDirectory, PeerResolution, PeerRule } from './peerResolver.ts';

/** eu-west: orders, frontend, payments.shop (a namespaced name); us-east: orders, catalog. */
function directory(services: Readonly<Record<string, readonly string[]>>): PeerDirectory {
  const byDc = new Map(Object.entries(services).map(([dc, names]) => [dc, new Set(names)]));
  return {
    hasService: (dc, name) => byDc.get(dc)?.has(name) ?? false,
    hasDatacenter: (dc) => byDc.has(dc),
  };
}

const DIR = directory({ 'eu-west': ['orders', 'frontend', 'payments.shop', 'constructor'], 'us-east': ['orders', 'catalog'] });
const EU = { callerDatacenter: 'eu-west', peerDatacenter: '' };

const svc = (service: string, datacenter: string, via: 'name' | 'host' | 'rule', rule?: number): PeerResolution =>
  ({ kind: 'service', service, datacenter, via, ...(rule === undefined ? {} : { rule }) });
const ext = (name: string, datacenter = '', via: 'rule' | 'none' = 'none', rule?: number): PeerResolution =>
  ({ kind: 'external', name, datacenter, via, ...(rule === undefined ? {} : { rule }) });

describe('PeerResolver: defaults', () => {
  const cases: { desc: string; peer: string; context?: { callerDatacenter: string; peerDatacenter: string }; want: PeerResolution }[] = [
    { desc: 'a service name is that service', peer: 'orders', want: svc('orders', 'eu-west', 'name') },
    { desc: 'a name from Object.prototype is data, not a key', peer: 'constructor', want: svc('constructor', 'eu-west', 'name') },
    { desc: 'namespace-qualified host: the first label', peer: 'orders.shop', want: svc('orders', 'eu-west', 'host') },
    { desc: 'Kubernetes FQDN', peer: 'orders.shop.svc.cluster.local', want: svc('orders', 'eu-west', 'host') },
    { desc: 'FQDN with the root dot', peer: 'orders.shop.svc.cluster.local.', want: svc('orders', 'eu-west', 'host') },
    { desc: 'host:port', peer: 'orders:8080', want: svc('orders', 'eu-west', 'host') },
    { desc: 'FQDN:port', peer: 'orders.shop.svc.cluster.local:8080', want: svc('orders', 'eu-west', 'host') },
    { desc: 'the longest leading labels that are a service win', peer: 'payments.shop.svc.cluster.local', want: svc('payments.shop', 'eu-west', 'host') },
    { desc: 'a label naming a datacenter places the service there', peer: 'orders.us-east.internal', want: svc('orders', 'us-east', 'host') },
    { desc: 'a datacenter label limits the service to the labels before it', peer: 'catalog.us-east.internal:443', want: svc('catalog', 'us-east', 'host') },
    { desc: 'a service of another datacenter without a datacenter label: external', peer: 'catalog.shop.svc.cluster.local', want: ext('catalog.shop.svc.cluster.local') },
    { desc: 'the peer datacenter label is where the service is looked for', peer: 'catalog:80', context: { callerDatacenter: 'eu-west', peerDatacenter: 'us-east' }, want: svc('catalog', 'us-east', 'host') },
    { desc: 'a provider outside stays external, under its own name', peer: 'api.payments.example', want: ext('api.payments.example') },
    { desc: 'IPv4 stays external', peer: '10.0.0.7', want: ext('10.0.0.7') },
    { desc: 'IPv4:port stays external', peer: '10.0.0.7:8080', want: ext('10.0.0.7:8080') },
    { desc: 'IPv6 stays external', peer: '[fd00::7]:8080', want: ext('[fd00::7]:8080') },
    { desc: 'bare IPv6 stays external', peer: 'fd00::7', want: ext('fd00::7') },
    { desc: 'a port that is not a number: not a host', peer: 'orders:http', want: ext('orders:http') },
    { desc: 'empty labels: not a host', peer: 'orders..shop', want: ext('orders..shop') },
    { desc: 'no dc label, unknown name: external, keeping the peer datacenter', peer: 'redis', context: { callerDatacenter: 'eu-west', peerDatacenter: 'us-east' }, want: ext('redis', 'us-east') },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      expect(new PeerResolver([], DIR).resolve(c.peer, c.context ?? EU)).toEqual(c.want);
    });
  }
});

describe('PeerResolver: rules', () => {
  const PROD: PeerRule = { match: '^([a-z-]+)\\.prod\\.example\\.com$', service: '$1' };
  const GSLB: PeerRule = { match: '^([a-z-]+)-(eu-west|us-east)\\.global\\.example$', service: '$1', datacenter: '$2' };
  const cases: { desc: string; rules: PeerRule[]; peer: string; want: PeerResolution }[] = [
    { desc: 'a rule maps a host to a known service', rules: [PROD], peer: 'orders.prod.example.com', want: svc('orders', 'eu-west', 'rule', 0) },
    { desc: 'a rule with a datacenter', rules: [PROD, GSLB], peer: 'catalog-us-east.global.example', want: svc('catalog', 'us-east', 'rule', 1) },
    { desc: 'a rule naming no known service: external under the rule\'s name', rules: [PROD], peer: 'ledger.prod.example.com', want: ext('ledger', '', 'rule', 0) },
    { desc: 'a rule can name an IP address', rules: [{ match: '^10\\.0\\.0\\.7(:\\d+)?$', service: 'orders' }], peer: '10.0.0.7:8080', want: svc('orders', 'eu-west', 'rule', 0) },
    { desc: 'rules come before the defaults', rules: [{ match: '^orders\\.shop$', service: 'frontend' }], peer: 'orders.shop', want: svc('frontend', 'eu-west', 'rule', 0) },
    { desc: 'a known name comes before rules', rules: [{ match: '^orders$', service: 'frontend' }], peer: 'orders', want: svc('orders', 'eu-west', 'name') },
    { desc: 'an empty capture: the rule does not apply (the defaults do)', rules: [{ match: '^([a-z]*)\\.?shop\\.svc$', service: '$1' }], peer: '.shop.svc', want: ext('.shop.svc') },
    { desc: 'a rule may name Object.prototype names', rules: [{ match: '^c\\.x$', service: 'constructor' }], peer: 'c.x', want: svc('constructor', 'eu-west', 'rule', 0) },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      expect(new PeerResolver(c.rules, DIR).resolve(c.peer, EU)).toEqual(c.want);
    });
  }

  it('two rules mapping one host differently: the first wins, and a notice says so', () => {
    const r = new PeerResolver([{ match: '^orders\\.', service: 'orders' }, { match: '\\.shop$', service: 'frontend' }, { match: '^x', service: 'x' }], DIR);
    expect(r.resolve('orders.shop', EU)).toEqual(svc('orders', 'eu-west', 'rule', 0));
    expect(r.resolve('orders.shop', { callerDatacenter: 'us-east', peerDatacenter: '' })).toEqual(svc('orders', 'us-east', 'rule', 0));
    expect(r.problems()).toEqual([{
      kind: 'peer-rule-conflict', count: 1,
      examples: ['"orders.shop": rule 1 says "orders", rule 2 says "frontend"; the first wins'],
    }]);
  });

  it('two rules that agree are no conflict', () => {
    const r = new PeerResolver([{ match: '^orders\\.', service: 'orders' }, { match: '^([a-z]+)\\.shop$', service: '$1' }], DIR);
    expect(r.resolve('orders.shop', EU)).toEqual(svc('orders', 'eu-west', 'rule', 0));
    expect(r.problems()).toEqual([]);
  });
});

describe('PeerResolver: notices', () => {
  it('hosts that map to nothing are listed once each, with bounded examples and a rule to add', () => {
    const r = new PeerResolver([], DIR);
    for (const peer of ['zeta.prod.example.com', 'alpha.prod.example.com', 'alpha.prod.example.com', '10.1.2.3:80', 'beta.prod.example.com', 'redis']) {
      r.resolve(peer, EU);
      r.resolve(peer, { callerDatacenter: 'us-east', peerDatacenter: '' });
    }
    const [p] = r.problems();
    expect(p).toEqual({
      kind: 'unresolved-peer', count: 4, examples: ['10.1.2.3:80', 'alpha.prod.example.com', 'beta.prod.example.com'],
      hint: '{"match":"^([^.:]+)\\\\.prod\\\\.example\\\\.com(:\\\\d+)?$","service":"$1"}',
    });
  });

  it('a peer a rule maps to an unknown name is no notice (the rule says what it is)', () => {
    const r = new PeerResolver([{ match: '^api\\.stripe\\.com$', service: 'stripe' }], DIR);
    expect(r.resolve('api.stripe.com', EU)).toEqual(ext('stripe', '', 'rule', 0));
    expect(r.problems()).toEqual([]);
  });

  it('the suggested rule maps the host it was made from', () => {
    for (const host of ['orders.prod.example.com', 'orders.prod.example.com:8443', 'a-b.c']) {
      const rule = JSON.parse(suggestRule(host)) as PeerRule;
      const r = new PeerResolver([rule], directory({ dc: [hostLabels(host)?.[0] ?? ''] }));
      expect(r.resolve(host, { callerDatacenter: 'dc', peerDatacenter: '' }).kind, host).toBe('service');
    }
  });
});

describe('rule templates', () => {
  const cases: { desc: string; template: string; groups: (string | undefined)[]; want: string | null }[] = [
    { desc: 'a group', template: '$1', groups: ['orders.x', 'orders'], want: 'orders' },
    { desc: 'the whole match and text', template: 'svc-$0', groups: ['a'], want: 'svc-a' },
    { desc: 'a dollar', template: '$$1', groups: ['a', 'b'], want: '$1' },
    { desc: 'a group that did not take part', template: '$1', groups: ['a', undefined], want: '' },
    { desc: 'a group the expression lacks', template: '$2', groups: ['a', 'b'], want: null },
    { desc: 'a trailing dollar', template: 'a$', groups: ['x'], want: 'a$' },
  ];
  for (const c of cases) it(c.desc, () => expect(expandTemplate(c.template, c.groups)).toBe(c.want));

  it('counts groups and references', () => {
    expect(groupCount(/^([a-z]+)\.(?:x)\.(y)?$/)).toBe(2);
    expect(groupCount(/abc/)).toBe(0);
    expect(templateGroups('$1-$$2-$3')).toEqual([1, 3]);
  });
});
