import { describe, expect, it } from 'vitest';
import { decide } from './allowlist.ts';

describe('the proxy forwards the read API the app uses and nothing else', () => {
  const forwarded: { desc: string; method: string; path: string; to: string }[] = [
    { desc: 'instant query', method: 'GET', path: '/api/v1/query', to: 'api/v1/query' },
    { desc: 'instant query, POSTed', method: 'POST', path: '/api/v1/query', to: 'api/v1/query' },
    { desc: 'range query, POSTed', method: 'POST', path: '/api/v1/query_range', to: 'api/v1/query_range' },
    { desc: 'scrape interval', method: 'GET', path: '/api/v1/status/config', to: 'api/v1/status/config' },
    { desc: 'build info', method: 'GET', path: '/api/v1/status/buildinfo', to: 'api/v1/status/buildinfo' },
    { desc: 'alerts', method: 'GET', path: '/api/v1/alerts', to: 'api/v1/alerts' },
    { desc: 'labels', method: 'GET', path: '/api/v1/labels', to: 'api/v1/labels' },
    { desc: 'series', method: 'POST', path: '/api/v1/series', to: 'api/v1/series' },
    { desc: 'label values', method: 'GET', path: '/api/v1/label/datacenter/values', to: 'api/v1/label/datacenter/values' },
    { desc: 'label values of __name__', method: 'GET', path: '/api/v1/label/__name__/values', to: 'api/v1/label/__name__/values' },
  ];
  it.each(forwarded)('$desc: $method $path', ({ method, path, to }) => expect(decide(method, path)).toEqual({ kind: 'forward', path: to }));

  const refused: { desc: string; method: string; path: string; status: number }[] = [
    { desc: 'admin API', method: 'POST', path: '/api/v1/admin/tsdb/snapshot', status: 403 },
    { desc: 'admin API, delete series', method: 'PUT', path: '/api/v1/admin/tsdb/delete_series', status: 403 },
    { desc: 'remote write', method: 'POST', path: '/api/v1/write', status: 403 },
    { desc: 'OTLP write', method: 'POST', path: '/api/v1/otlp/v1/metrics', status: 403 },
    { desc: 'federation', method: 'GET', path: '/federate', status: 403 },
    { desc: 'lifecycle: quit', method: 'POST', path: '/-/quit', status: 403 },
    { desc: 'lifecycle: reload', method: 'POST', path: '/-/reload', status: 403 },
    { desc: 'the base itself', method: 'GET', path: '', status: 403 },
    { desc: 'TSDB status', method: 'GET', path: '/api/v1/status/tsdb', status: 403 },
    { desc: 'targets (a map of the network)', method: 'GET', path: '/api/v1/targets', status: 403 },
    { desc: 'dot segments', method: 'GET', path: '/api/v1/query/../admin/tsdb/snapshot', status: 403 },
    { desc: 'encoded dot segments in a label name', method: 'GET', path: '/api/v1/label/..%2f..%2fadmin/values', status: 403 },
    { desc: 'encoded slash', method: 'GET', path: '/api/v1%2fadmin%2ftsdb%2fsnapshot', status: 403 },
    { desc: 'double slash', method: 'GET', path: '//api/v1/query', status: 403 },
    { desc: 'trailing slash', method: 'GET', path: '/api/v1/query/', status: 403 },
    { desc: 'a label name with a dot', method: 'GET', path: '/api/v1/label/a.b/values', status: 403 },
    { desc: 'a query string in the path is not a path', method: 'GET', path: '/api/v1/admin?x=/api/v1/query', status: 403 },
    { desc: 'DELETE of a read endpoint', method: 'DELETE', path: '/api/v1/query', status: 405 },
    { desc: 'POST of label values (Prometheus takes GET only)', method: 'POST', path: '/api/v1/label/job/values', status: 405 },
    { desc: 'POST of the config', method: 'POST', path: '/api/v1/status/config', status: 405 },
    { desc: 'HEAD', method: 'HEAD', path: '/api/v1/query', status: 405 },
  ];
  it.each(refused)('$desc: $method $path is refused ($status)', ({ method, path, status }) => {
    const decision = decide(method, path);
    expect(decision.kind).toBe('refuse');
    expect(decision.kind === 'refuse' && decision.status).toBe(status);
  });

  it('405 says which methods are allowed', () => {
    expect(decide('PUT', '/api/v1/query')).toMatchObject({ status: 405, allow: ['GET', 'POST'] });
  });

  it('the graph page (linked from the details panel) is a redirect, GET only', () => {
    expect(decide('GET', '/graph')).toEqual({ kind: 'graph' });
    expect(decide('POST', '/graph').kind).toBe('refuse');
  });
});
