import { describe, expect, it } from 'vitest';
import { input, latency, PARAMS, rate, THRESHOLDS } from './__fixtures__/rows.ts';
import { buildGraph } from './build.ts';
import { HealthRules, globRegExp } from './healthRules.ts';
import type { RuleSubject } from './healthRules.ts';
import { buildScopedGraph } from './scopedBuild.ts';
import type { ScopeContext } from './scopedBuild.ts';
import type { ViewScope } from './scope.ts';
import type { Health, Thresholds, ThresholdOverride, TrafficInput, TrafficStats, TrafficView } from './types.ts';

function stats(rateValue: number, errorShare: number, latencySeconds: number): TrafficStats {
  const errors = Number.isFinite(errorShare) ? rateValue * errorShare : 0;
  return {
    rate: rateValue,
    byClass: { '1xx': 0, '2xx': rateValue - errors, '3xx': 0, '4xx': 0, '5xx': errors, none: 0 },
    errorShare,
    latency: latencySeconds,
  };
}

const LATENCY: Thresholds = { ...THRESHOLDS, latency: { warning: 0.3, danger: 1 } };

describe('HealthRules.judge: error share and latency, worst wins', () => {
  const cases: { desc: string; thresholds: Thresholds; stats: TrafficStats; health: Health; notice?: string; reason?: string }[] = [
    { desc: 'errors only, no latency limits: latency colours nothing', thresholds: THRESHOLDS, stats: stats(10, 0.002, 30), health: 'normal' },
    { desc: 'errors only: the reason names the default', thresholds: THRESHOLDS, stats: stats(10, 0.1, 0.01), health: 'danger', notice: '10% errors', reason: 'errors 10% ≥ danger 5% (default)' },
    { desc: 'healthy under latency limits says which limits', thresholds: LATENCY, stats: stats(10, 0, 0.2), health: 'normal', reason: 'within the default: errors < 1%, latency < 300 ms' },
    { desc: 'latency warning', thresholds: LATENCY, stats: stats(10, 0, 0.35), health: 'warning', notice: '350 ms latency', reason: 'latency 350 ms ≥ warning 300 ms (default)' },
    { desc: 'latency danger beats an errors warning', thresholds: LATENCY, stats: stats(10, 0.02, 1.2), health: 'danger', notice: '1.20 s latency', reason: 'latency 1.20 s ≥ danger 1 s (default)' },
    { desc: 'errors danger beats a latency warning', thresholds: LATENCY, stats: stats(10, 0.06, 0.5), health: 'danger', notice: '6.0% errors', reason: 'errors 6.0% ≥ danger 5% (default)' },
    {
      desc: 'both at the same level: both named, the errors in the notice', thresholds: LATENCY, stats: stats(10, 0.02, 0.5),
      health: 'warning', notice: '2.0% errors', reason: 'errors 2.0% ≥ warning 1% and latency 500 ms ≥ warning 300 ms (default)',
    },
    { desc: 'exactly at the limit counts', thresholds: LATENCY, stats: stats(10, 0, 1), health: 'danger', notice: '1.00 s latency' },
    { desc: 'unknown latency (NaN) is not slow', thresholds: LATENCY, stats: stats(10, 0, NaN), health: 'normal' },
    { desc: 'no traffic: nothing to judge', thresholds: LATENCY, stats: stats(0, NaN, NaN), health: 'normal', reason: 'under 0.05 req/s: too little traffic to judge' },
    { desc: 'under minRate even a slow edge is normal', thresholds: LATENCY, stats: stats(0.01, 0, 5), health: 'normal' },
    { desc: 'only a danger limit: no warning band', thresholds: { ...THRESHOLDS, latency: { danger: 1 } }, stats: stats(10, 0, 0.9), health: 'normal', reason: 'within the default: errors < 1%, latency < 1 s' },
  ];
  it.each(cases)('$desc', ({ thresholds, stats: s, health, notice, reason }) => {
    const rules = HealthRules.of(thresholds);
    const verdict = rules.judge(s, rules.fallback);
    expect(verdict.health).toBe(health);
    if (notice !== undefined) expect(verdict.notice).toBe(notice);
    if (reason !== undefined) expect(verdict.healthReason).toBe(reason);
    if (health === 'normal') expect(verdict.notice).toBeUndefined();
  });

  it('healthy items carry no reason when there is no latency limit and no override (the map as before)', () => {
    const rules = HealthRules.of(THRESHOLDS);
    expect(rules.judge(stats(10, 0, 0.1), rules.fallback)).toEqual({ health: 'normal' });
  });

  it('compiles once per thresholds object and shares verdicts of the same texts', () => {
    expect(HealthRules.of(LATENCY)).toBe(HealthRules.of(LATENCY));
    const rules = HealthRules.of(LATENCY);
    expect(rules.judge(stats(10, 0, 1.201), rules.fallback)).toBe(rules.judge(stats(99, 0, 1.199), rules.fallback));
    expect(rules.judge(stats(10, 0, 1.21), rules.fallback)).not.toBe(rules.judge(stats(10, 0, 1.2), rules.fallback));
  });
});

describe('HealthRules.ruleFor: the first override whose patterns all match, else the default', () => {
  const overrides: ThresholdOverride[] = [
    { match: 'payment-gw', danger: 0.2 },
    { match: 'payment-*', danger: 0.01, latency: { warning: 0.3, danger: 1 } },
    { group: 'batch', latency: 'off' },
    { match: '*-db', datacenter: 'eu-*', latency: { danger: 0.05 } },
    { datacenter: 'us-east', warning: 0.1, danger: 0.2 },
    { match: 'a.c', warning: 0.3 },
    { match: '__proto__', warning: 0.4 },
  ];
  const rules = HealthRules.of({ ...THRESHOLDS, latency: { warning: 0.5 }, overrides });
  const cases: { desc: string; subject: RuleSubject; label: string }[] = [
    { desc: 'an exact name before a pattern that also matches (first wins)', subject: { name: 'payment-gw', datacenter: 'eu-west' }, label: 'override payment-gw' },
    { desc: 'a pattern with *', subject: { name: 'payment-api', datacenter: 'us-east' }, label: 'override payment-*' },
    { desc: '* matches the empty text', subject: { name: 'payment-' }, label: 'override payment-*' },
    { desc: 'the whole name, not a part', subject: { name: 'old-payment-api' }, label: 'default' },
    { desc: 'a group pattern applies to the group node', subject: { group: 'batch', datacenter: 'eu-west' }, label: 'override group batch' },
    { desc: 'and to a service whose group is known', subject: { name: 'nightly', group: 'batch', datacenter: 'eu-west' }, label: 'override group batch' },
    { desc: 'not to a service whose group is unknown', subject: { name: 'nightly', datacenter: 'eu-west' }, label: 'default' },
    { desc: 'name and datacenter both must match', subject: { name: 'orders-db', datacenter: 'eu-west' }, label: 'override *-db, datacenter eu-*' },
    { desc: 'name matches, datacenter does not', subject: { name: 'orders-db', datacenter: 'ap-south' }, label: 'default' },
    { desc: 'a datacenter pattern applies to the datacenter node', subject: { datacenter: 'us-east' }, label: 'override datacenter us-east' },
    { desc: 'and to everything in it', subject: { name: 'orders', datacenter: 'us-east' }, label: 'override datacenter us-east' },
    { desc: 'a name pattern never applies to a group node', subject: { group: 'payment-x', datacenter: 'ap-south' }, label: 'default' },
    { desc: 'the internet has no name: default', subject: {}, label: 'default' },
    { desc: 'a dot is a dot, not any character', subject: { name: 'abc' }, label: 'default' },
    { desc: 'the literal dot matches', subject: { name: 'a.c' }, label: 'override a.c' },
    { desc: '__proto__ is a name like any other', subject: { name: '__proto__' }, label: 'override __proto__' },
    { desc: 'constructor matches no override', subject: { name: 'constructor' }, label: 'default' },
  ];
  it.each(cases)('$desc', ({ subject, label }) => expect(rules.ruleFor(subject).label).toBe(label));

  it('an override inherits what it leaves out; "off" turns latency off', () => {
    const pay = rules.ruleFor({ name: 'payment-api' });
    expect([pay.warning, pay.danger, pay.latencyWarning, pay.latencyDanger]).toEqual([0.01, 0.01, 0.3, 1]);
    const db = rules.ruleFor({ name: 'x-db', datacenter: 'eu-west' });
    expect([db.warning, db.danger, db.latencyWarning, db.latencyDanger]).toEqual([0.01, 0.05, 0.5, 0.05]);
    const batch = rules.ruleFor({ group: 'batch' });
    expect([batch.latencyWarning, batch.latencyDanger]).toEqual([Infinity, Infinity]);
    expect(rules.judge(stats(10, 0, 60), batch).health).toBe('normal');
  });

  it('an override whose danger is not above the inherited warning goes straight to danger', () => {
    const pay = rules.ruleFor({ name: 'payment-api' });
    expect(rules.judge(stats(100, 0.012, 0.1), pay)).toMatchObject({ health: 'danger', healthReason: 'errors 1.2% ≥ danger 1% (override payment-*)' });
  });
});

describe('globRegExp', () => {
  const cases: { desc: string; pattern: string; yes: string[]; no: string[] }[] = [
    { desc: 'no star: the exact name', pattern: 'checkout', yes: ['checkout'], no: ['checkout-v2', 'Checkout'] },
    { desc: 'star in the middle', pattern: 'pay*-api', yes: ['pay-api', 'payments-api'], no: ['pay-api-2'] },
    { desc: 'regex characters are literal', pattern: '(a|b)+[x]$', yes: ['(a|b)+[x]$'], no: ['a', 'ax'] },
    { desc: 'a star matches newlines in hostile names', pattern: 'a*', yes: ['a\nb'], no: ['\na'] },
    { desc: 'a lone star matches everything', pattern: '*', yes: ['', 'x'], no: [] },
  ];
  it.each(cases)('$desc', ({ pattern, yes, no }) => {
    const re = globRegExp(pattern);
    for (const s of yes) expect(re.test(s), s).toBe(true);
    for (const s of no) expect(re.test(s), s).toBe(false);
  });
});

// ---------------------------------------------------------------- through the builds

const node = (v: TrafficView | undefined, id: string) => v?.nodes.find((n) => n.id === id);
const edge = (v: TrafficView | undefined, s: string, t: string) => v?.edges.find((e) => e.source === s && e.target === t);

/** web calls payment-api (2% errors, 400 ms) which calls its db (0.5 % errors, 80 ms). */
const PAYMENTS: TrafficInput = input({
  egressRate: [...rate('eu/web', 'eu/payment-api', { '2xx': 98, '5xx': 2 }), ...rate('eu/payment-api', 'eu/pay-db', { '2xx': 99.5, '5xx': 0.5 })],
  ingressRate: rate('eu/web', '/internet', { '2xx': 100 }),
  egressLatency: [latency('eu/web', 'eu/payment-api', 0.4), latency('eu/payment-api', 'eu/pay-db', 0.08)],
});

describe('buildGraph: nodes by their own rule, edges by their callee\'s', () => {
  const cases: { desc: string; overrides: ThresholdOverride[]; latency?: Thresholds['latency']; expect: Record<string, [Health, string?]> }[] = [
    {
      desc: 'defaults: payment-api is a warning for its errors',
      overrides: [],
      expect: { 'payment-api': ['warning'], 'web->payment-api': ['warning', 'errors 2.0% ≥ warning 1% (default)'], 'payment-api->pay-db': ['normal'] },
    },
    {
      desc: 'an override on the callee colours the edge into it, not the edge out of it',
      overrides: [{ match: 'payment-*', danger: 0.01 }],
      expect: {
        'payment-api': ['danger', 'errors 2.0% ≥ danger 1% (override payment-*)'],
        'web->payment-api': ['danger', 'errors 2.0% ≥ danger 1% (override payment-*)'],
        'payment-api->pay-db': ['normal', 'within the default: errors < 1%'],
        web: ['normal', 'within the default: errors < 1%'],
      },
    },
    {
      desc: 'a latency limit in an override',
      overrides: [{ match: 'pay-db', latency: { danger: 0.05 } }],
      expect: { 'payment-api->pay-db': ['danger', 'latency 80 ms ≥ danger 50 ms (override pay-db)'] },
    },
    {
      desc: 'latency thresholds for all, turned off for one',
      overrides: [{ match: 'payment-api', latency: 'off' }],
      latency: { warning: 0.3 },
      expect: { 'web->payment-api': ['warning', 'errors 2.0% ≥ warning 1% (override payment-api)'], 'payment-api->pay-db': ['normal', 'within the default: errors < 1%, latency < 300 ms'] },
    },
    {
      desc: 'a datacenter pattern, then the datacenter in the global view names its worst service',
      overrides: [{ datacenter: 'e*', danger: 0.015 }],
      expect: { 'payment-api': ['danger', 'errors 2.0% ≥ danger 1.5% (override datacenter e*)'], 'global:eu': ['danger', 'payment-api: errors 2.0% ≥ danger 1.5% (override datacenter e*)'] },
    },
  ];
  it.each(cases)('$desc', ({ overrides, latency: lat, expect: wanted }) => {
    const g = buildGraph(PAYMENTS, { ...PARAMS, thresholds: { ...THRESHOLDS, overrides, ...(lat ? { latency: lat } : {}) } });
    const eu = g.datacenters.eu;
    for (const [key, [health, reason]] of Object.entries(wanted)) {
      const [s, t] = key.split('->');
      const item = key.startsWith('global:') ? node(g.global, key.slice(7)) : t === undefined ? node(eu, s ?? '') : edge(eu, s ?? '', t);
      expect(item?.health, key).toBe(health);
      if (reason !== undefined) expect(item?.healthReason, key).toBe(reason);
    }
  });
});

describe('buildScopedGraph: group and datacenter aggregates by their pattern', () => {
  const groups = new Map([['payments', 3], ['shop', 2]]);
  const cases: { desc: string; scope: ViewScope; input: TrafficInput; context: ScopeContext; overrides: ThresholdOverride[]; id: string | [string, string]; health: Health; reason?: string }[] = [
    {
      desc: 'a group node by its group pattern',
      scope: { level: 'datacenter', dc: 'eu', grouped: true },
      input: input({ egressRate: rate('eu/shop', 'eu/payments', { '2xx': 90, '5xx': 10 }), ingressRate: rate('eu/payments', 'eu/shop', { '2xx': 90, '5xx': 10 }) }),
      context: { groups }, overrides: [{ group: 'pay*', danger: 0.5, warning: 0.2 }], id: 'payments', health: 'normal', reason: 'within override group pay*: errors < 20%',
    },
    {
      desc: 'the edge into a group by the group\'s rule',
      scope: { level: 'datacenter', dc: 'eu', grouped: true },
      input: input({ egressRate: rate('eu/shop', 'eu/payments', { '2xx': 99, '5xx': 1 }), ingressRate: rate('eu/payments', 'eu/shop', { '2xx': 100 }), egressLatency: [latency('eu/shop', 'eu/payments', 0.7)] }),
      context: { groups }, overrides: [{ group: 'payments', latency: { danger: 0.5 } }], id: ['shop', 'payments'], health: 'danger',
      reason: 'latency 700 ms ≥ danger 500 ms (override group payments)',
    },
    {
      desc: 'a name pattern does not reach a group node',
      scope: { level: 'datacenter', dc: 'eu', grouped: true },
      input: input({ egressRate: rate('eu/shop', 'eu/payments', { '2xx': 90, '5xx': 10 }), ingressRate: rate('eu/payments', 'eu/shop', { '2xx': 90, '5xx': 10 }) }),
      context: { groups }, overrides: [{ match: 'payments', danger: 0.5 }], id: 'payments', health: 'danger', reason: 'errors 10% ≥ danger 5% (default)',
    },
    {
      desc: 'in a group view, its services fall under the group pattern (before the service list)',
      scope: { level: 'group', dc: 'eu', group: 'payments' },
      input: input({ egressRate: rate('eu/pay-api', 'eu/pay-db', { '2xx': 100 }), egressLatency: [latency('eu/pay-api', 'eu/pay-db', 0.2)] }),
      context: { groups }, overrides: [{ group: 'payments', latency: { warning: 0.1 } }], id: ['pay-api', 'pay-db'], health: 'warning',
      reason: 'latency 200 ms ≥ warning 100 ms (override group payments)',
    },
    {
      desc: 'in a focus view, a neighbour\'s group comes from the service list',
      scope: { level: 'focus', dc: 'eu', service: 'web' },
      input: input({ egressRate: rate('eu/web', 'eu/ledger', { '2xx': 100 }), egressLatency: [latency('eu/web', 'eu/ledger', 0.2)] }),
      context: { groupOf: (dc, name) => (dc === 'eu' && name === 'ledger' ? 'payments' : undefined) },
      overrides: [{ group: 'payments', latency: { warning: 0.1 } }], id: 'ledger', health: 'warning',
    },
    {
      desc: 'a datacenter node in the global view by its datacenter pattern',
      scope: { level: 'global' },
      input: input({ egressRate: rate('eu/web', 'us/api', { '2xx': 97, '5xx': 3 }) }),
      context: { datacenters: ['eu', 'us'] }, overrides: [{ datacenter: 'us', warning: 0.1, danger: 0.2 }], id: 'us', health: 'normal',
    },
    {
      desc: 'the datacenter default elsewhere',
      scope: { level: 'global' },
      input: input({ egressRate: rate('us/web', 'eu/api', { '2xx': 97, '5xx': 3 }) }),
      context: { datacenters: ['eu', 'us'] }, overrides: [{ datacenter: 'us', warning: 0.1, danger: 0.2 }], id: ['us', 'eu'], health: 'warning',
      reason: 'errors 3.0% ≥ warning 1% (default)',
    },
  ];
  it.each(cases)('$desc', ({ scope, input: rows, context, overrides, id, health, reason }) => {
    const g = buildScopedGraph(rows, { ...PARAMS, thresholds: { ...THRESHOLDS, overrides } }, scope, context);
    const view = scope.level === 'global' ? g.global : g.datacenters[scope.dc];
    const item = typeof id === 'string' ? node(view, id) : edge(view, id[0], id[1]);
    expect(item, JSON.stringify(id)).toBeDefined();
    expect(item?.health).toBe(health);
    if (reason !== undefined) expect(item?.healthReason).toBe(reason);
  });
});
