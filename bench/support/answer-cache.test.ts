import { describe, expect, it } from 'vitest';
import { buildBaselineQueries, buildViewQuery } from '../../src/conventions/viewQueries.ts';
import { buildServiceListQuery } from '../../src/conventions/serviceListQuery.ts';
import { standardConvention } from '../../src/conventions/standard.ts';
import { AnswerCache, answerKey, atTime, queryKind, serverTiming, warmSeconds } from './answer-cache.ts';

const PARAMS = { rateWindow: '1m', latencyQuantile: 0.95, grouping: null };
const GROUP = { level: 'group', dc: 'eu-west', group: 'payments' } as const;

describe('queryKind', () => {
  const cases: { desc: string; promql: string; kind: string }[] = [
    { desc: 'a view query', promql: buildViewQuery(standardConvention, PARAMS, GROUP, 'ingressLatency'), kind: 'ingressLatency' },
    { desc: 'a baseline query', promql: buildBaselineQueries(standardConvention, PARAMS, GROUP, '7d')[0]?.promql ?? '', kind: 'baseline-egressRate' },
    { desc: 'the service list', promql: buildServiceListQuery(standardConvention, null, undefined, undefined), kind: 'services' },
    { desc: 'plain PromQL', promql: 'sum(rate(x[1m]))', kind: 'other' },
    { desc: 'a broken plan comment', promql: '# traffic-map {"kind":\nsum(x)', kind: 'other' },
    { desc: 'a kind that is not a name', promql: '# traffic-map {"kind":"a;dur=1"}\nsum(x)', kind: 'other' },
  ];
  it.each(cases)('$desc', ({ promql, kind }) => expect(queryKind(promql)).toBe(kind));
});

describe('answerKey', () => {
  const cases: { desc: string; path: string; params: string; key: string | null }[] = [
    { desc: 'an instant query at a time', path: '/api/v1/query', params: 'query=up&time=1700000000', key: '/api/v1/query?query=up&time=1700000000' },
    { desc: 'the parameters in another order', path: '/api/v1/query', params: 'time=1700000000&query=up', key: '/api/v1/query?query=up&time=1700000000' },
    { desc: 'no time: evaluated at the clock, never kept', path: '/api/v1/query', params: 'query=up', key: null },
    { desc: 'an empty time', path: '/api/v1/query', params: 'query=up&time=', key: null },
    { desc: 'a range query', path: '/api/v1/query_range', params: 'query=up&time=1', key: null },
  ];
  it.each(cases)('$desc', ({ path, params, key }) => expect(answerKey(path, new URLSearchParams(params))).toBe(key));
});

describe('warming', () => {
  it('asks a recorded query again at each whole second from now on, other parameters kept', () => {
    expect(warmSeconds(1_700_000_000_999, 2)).toEqual(['1700000000', '1700000001', '1700000002']);
    const params = atTime({ path: '/api/v1/query', params: [['query', 'up'], ['time', '5']] }, '1700000001');
    expect(answerKey('/api/v1/query', params)).toBe('/api/v1/query?query=up&time=1700000001');
  });

  it('keeps answers until they are older than keepS seconds', () => {
    const cache = new AnswerCache(60);
    const answer = (timeS: number) => ({ status: 200, headers: {}, body: Buffer.from('{}'), timeS });
    cache.set('old', answer(1000));
    cache.set('new', answer(1050));
    cache.evict(1070);
    expect([cache.has('old'), cache.has('new'), cache.size]).toEqual([false, true, 1]);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('names the kind, the server time and whether the answer was kept', () => {
    expect(serverTiming('egressRate', 12.345, true)).toBe('egressRate;dur=12.3;desc=cached');
    expect(serverTiming('other', 0, false)).toBe('other;dur=0.0;desc=evaluated');
  });
});
