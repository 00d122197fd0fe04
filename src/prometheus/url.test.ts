import { describe, expect, it } from 'vitest';
import { encodeParams, graphPageUrl, joinUrl, withQuery } from './url.ts';

describe('joinUrl', () => {
  const cases: { desc: string; base: string; path: string; expected: string }[] = [
    { desc: 'absolute, no slash', base: 'http://p:9090', path: 'api/v1/query', expected: 'http://p:9090/api/v1/query' },
    { desc: 'absolute, trailing slash', base: 'http://p:9090/', path: 'api/v1/query', expected: 'http://p:9090/api/v1/query' },
    { desc: 'path with a leading slash', base: 'http://p:9090/', path: '/api/v1/query', expected: 'http://p:9090/api/v1/query' },
    { desc: 'absolute sub-path', base: 'https://h/prom/', path: 'api/v1/query', expected: 'https://h/prom/api/v1/query' },
    { desc: 'root-relative', base: '/prometheus', path: 'api/v1/query', expected: '/prometheus/api/v1/query' },
    { desc: 'root-relative, trailing slash', base: '/prometheus/', path: 'api/v1/query', expected: '/prometheus/api/v1/query' },
    { desc: 'page-relative', base: './prom', path: 'api/v1/query', expected: './prom/api/v1/query' },
    { desc: 'the site root', base: '/', path: 'api/v1/query', expected: '/api/v1/query' },
    { desc: 'empty = the page folder', base: '', path: 'api/v1/query', expected: 'api/v1/query' },
  ];
  it.each(cases)('$desc', ({ base, path, expected }) => {
    expect(joinUrl(base, path)).toBe(expected);
  });
});

describe('encodeParams and withQuery', () => {
  it('encodes, repeats lists and skips undefined', () => {
    expect(encodeParams({ query: 'a{b="c d"}', time: 5, skip: undefined, 'match[]': ['x', 'y'] })).toBe(
      'query=a%7Bb%3D%22c+d%22%7D&time=5&match%5B%5D=x&match%5B%5D=y',
    );
  });
  const cases: { desc: string; url: string; params: string; expected: string }[] = [
    { desc: 'no params', url: '/a', params: '', expected: '/a' },
    { desc: 'first param', url: '/a', params: 'x=1', expected: '/a?x=1' },
    { desc: 'url with a query already', url: '/a?t=1', params: 'x=1', expected: '/a?t=1&x=1' },
  ];
  it.each(cases)('$desc', ({ url, params, expected }) => {
    expect(withQuery(url, params)).toBe(expected);
  });
});

describe('graphPageUrl', () => {
  it('puts the exact expression in g0.expr, encoded, with the range and the end', () => {
    const expr = 'sum(rate(x{service="a&b \\"q\\""}[1m]))';
    const url = new URL(graphPageUrl('http://prom:9090/', expr, { range: '1h', endUnix: 1_790_000_000 }));
    expect(url.origin + url.pathname).toBe('http://prom:9090/graph');
    expect(url.searchParams.get('g0.expr')).toBe(expr);
    expect(url.searchParams.get('g0.range_input')).toBe('1h');
    expect(url.searchParams.get('g0.end_input')).toBe('2026-09-21 14:13:20');
    expect(url.searchParams.get('g0.tab')).toBe('0');
  });
  it('leaves the end out for a live view', () => {
    const url = new URL(graphPageUrl('http://prom:9090', 'up'));
    expect(url.searchParams.has('g0.end_input')).toBe(false);
  });
});
