import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelValue, NASTY_VALUES } from '../app/__fixtures__/hostileArbitraries.ts';
import { BLANK_NAME, EMPTY_NAME, MAX_LABEL, cut, fullName, nodeText, serviceName, shortLabels, viewLabels } from './displayNames.ts';
import { INTERNET } from './types.ts';
import type { NodeId, NodeKind, TrafficNode } from './types.ts';
import { nodeIdOf, remoteNodeId } from './views.ts';

const BOOKINFO = [
  'productpage-v1.bookinfo', 'details-v1.bookinfo', 'reviews-v1.bookinfo', 'reviews-v2.bookinfo', 'reviews-v3.bookinfo',
  'ratings-v1.bookinfo', 'istio-ingressgateway.istio-system',
];

describe('shortLabels', () => {
  const cases: { desc: string; names: string[]; context?: Parameters<typeof shortLabels>[1]; want: string[] }[] = [
    { desc: 'Istio: the shared namespace is left out, versions stay', names: BOOKINFO,
      want: ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1', '…ingressgateway'] },
    { desc: 'a namespace met once stays when the name fits', names: ['reviews.bookinfo', 'db.data'], want: ['reviews.bookinfo', 'db.data'] },
    { desc: 'the view inside a group leaves that group out even when met once', names: ['reviews.bookinfo', 'db.data'], context: { group: 'bookinfo' },
      want: ['reviews', 'db.data'] },
    { desc: 'one workload in two namespaces keeps both namespaces', names: ['reviews.bookinfo', 'reviews.staging', 'ratings.bookinfo'],
      want: ['reviews.bookinfo', 'reviews.staging', 'ratings'] },
    { desc: 'a name equal to a workload keeps the namespace of the other', names: ['reviews', 'reviews.bookinfo', 'ratings.bookinfo'],
      want: ['reviews', 'reviews.bookinfo', 'ratings'] },
    { desc: 'not a namespace: IP addresses and host names with several dots', names: ['10.0.0.1', '10.0.0.2', 'api.stripe.com'],
      want: ['10.0.0.1', '10.0.0.2', 'api.stripe.com'] },
    { desc: 'long siblings keep their start and their differing end', names: ['checkout-payments-adapter-eu-west-v1', 'checkout-payments-adapter-eu-west-v2'],
      want: ['checkout…west-v1', 'checkout…west-v2'] },
    { desc: 'a long name alone keeps its start and last word', names: ['api.payment-provider.example'], want: ['api.paymen…example'] },
    { desc: 'one endless word: its start', names: ['x'.repeat(300)], want: [`${'x'.repeat(17)}…`] },
    { desc: 'empty and blank names get placeholders', names: ['', ' ', '\t'], want: [EMPTY_NAME, BLANK_NAME, `${BLANK_NAME} #2`] },
    { desc: 'JavaScript property names are ordinary names', names: ['constructor', '__proto__', 'toString'], want: ['constructor', '__proto__', 'toString'] },
    { desc: 'rewrites apply in order before shortening', names: ['reviews.bookinfo.svc.cluster.local', 'ratings.bookinfo.svc.cluster.local'],
      context: { rewrites: [{ match: '\\.svc\\.cluster\\.local$', replace: '' }, { match: '^(.*)\\.bookinfo$', replace: 'bi/$1' }] }, want: ['bi/reviews', 'bi/ratings'] },
    { desc: 'a rewrite to nothing keeps the name', names: ['abc'], context: { rewrites: [{ match: '.*', replace: '' }] }, want: ['abc'] },
    { desc: 'a rewrite that makes two names equal: the second is numbered', names: ['a-1', 'a-2'], context: { rewrites: [{ match: '-\\d$', replace: '' }] },
      want: ['a', 'a #2'] },
    { desc: 'maxLength', names: ['frontend-ssr', 'frontend-api'], context: { maxLength: 8 }, want: ['…ssr', '…api'] },
  ];
  for (const c of cases) {
    it(c.desc, () => expect(shortLabels(c.names, c.context)).toEqual(c.want));
  }

  it('property: labels are never blank, at most the length allowed, and different for different names', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.oneof(labelValue, fc.constantFrom(...BOOKINFO)), { maxLength: 12 }), fc.integer({ min: 5, max: 40 }), (names, maxLength) => {
      const labels = shortLabels(names, { maxLength });
      expect(labels).toHaveLength(names.length);
      for (const l of labels) {
        expect(l.trim()).not.toBe('');
        expect(l.replace(/ #\d+$/, '').length).toBeLessThanOrEqual(Math.max(maxLength, EMPTY_NAME.length));
      }
      expect(new Set(labels).size).toBe(names.length);
    }), { numRuns: 500 });
  });
});

describe('cut', () => {
  it('never cuts a name that fits', () => expect(cut('reviews-v3', [], 10)).toBe('reviews-v3'));
  it('property: a cut label is the name\'s start, end or a piece of it, joined by one or two ellipses', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.array(fc.string({ maxLength: 80 })), fc.integer({ min: 5, max: 30 }), (name, others, max) => {
      const label = cut(name, others, max);
      expect(label.length).toBeLessThanOrEqual(Math.max(max, name.length));
      for (const piece of label.split('…')) expect(name.includes(piece)).toBe(true);
    }), { numRuns: 500 });
  });
});

const node = (id: string, kind: NodeKind, datacenter?: string): Pick<TrafficNode, 'id' | 'kind' | 'datacenter'> =>
  ({ id: id as NodeId, kind, ...(datacenter ? { datacenter: datacenter as TrafficNode['datacenter'] } : {}) }) as Pick<TrafficNode, 'id' | 'kind' | 'datacenter'>;

describe('node texts and view labels', () => {
  it('a service named INTERNET reads INTERNET, not its escaped id', () => {
    const id = nodeIdOf('INTERNET');
    expect(id).not.toBe(INTERNET);
    expect(nodeText(node(id, 'service', 'eu'))).toBe('INTERNET');
    expect(nodeText(node(nodeIdOf('dc:x'), 'service', 'eu'))).toBe('dc:x');
    expect(nodeText(node(nodeIdOf('svc:a'), 'external'))).toBe('svc:a');
  });
  it('serviceName undoes nodeIdOf for every name', () => {
    for (const name of [...NASTY_VALUES, 'svc:svc:x']) expect(serviceName(nodeIdOf(name))).toBe(name);
  });
  it('fullName: placeholders only for empty and blank names', () => {
    expect([fullName(''), fullName('  '), fullName('a')]).toEqual([EMPTY_NAME, BLANK_NAME, 'a']);
  });
  it('the internet and a service named INTERNET in one view: both read INTERNET, keyed apart', () => {
    const labels = viewLabels({ nodes: [node(INTERNET, 'internet'), node(nodeIdOf('INTERNET'), 'service', 'eu'), node(remoteNodeId('us-east'), 'remote', 'us-east')] as TrafficNode[] });
    expect([...labels]).toEqual([[nodeIdOf('INTERNET'), 'INTERNET'], [INTERNET, 'INTERNET'], [remoteNodeId('us-east'), 'us-east (other DC)']]);
  });
  it('labels stay within MAX_LABEL for a remote datacenter with a long name', () => {
    const labels = viewLabels({ nodes: [node(remoteNodeId('d'.repeat(40)), 'remote', 'd'.repeat(40))] as TrafficNode[] });
    expect([...labels.values()][0]).toMatch(/^d+… \(other DC\)$/);
    expect([...labels.values()][0]?.length).toBeLessThanOrEqual(MAX_LABEL + 2);
  });
});

describe('labels inside a group named by a rule', () => {
  it('drop the group prefix, and stay distinct', async () => {
    const { shortLabels } = await import('./displayNames.ts');
    expect(shortLabels(['payments-ledger-19', 'payments-api-1', 'identity', 'paymentsx'], { group: 'payments' })).toEqual(['ledger-19', 'api-1', 'identity', 'paymentsx']);
    expect(shortLabels(['payments-api', 'api'], { group: 'payments' })).toEqual(['api', 'api #2']);
  });
});
