import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../src/config/parse.ts';
import { prepareConfig } from './serverConfig.ts';
import type { PreparedConfig } from './serverConfig.ts';

const URL = 'http://prometheus.example:9090';

function prepared(json: unknown): PreparedConfig {
  const result = prepareConfig(json);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.config;
}

function problems(json: unknown): string[] {
  const result = prepareConfig(json);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('bad server-side settings name the field', () => {
  const cases: { desc: string; json: unknown; expected: string[] }[] = [
    {
      desc: 'a relative URL cannot be forwarded to',
      json: { prometheus: { url: '/prometheus' } },
      expected: ['prometheus.url: expected an absolute http(s) URL such as "http://prometheus:9090" (the server forwards to it), got "/prometheus"'],
    },
    {
      desc: 'credentials in the URL',
      json: { prometheus: { url: 'http://admin:pw@prom:9090' } },
      expected: ['prometheus.url: expected no credentials in the URL (use basicAuth)'],
    },
    {
      desc: 'basicAuth without a password',
      json: { prometheus: { url: URL, basicAuth: { username: 'viewer' } } },
      expected: ['prometheus.basicAuth.passwordFile: expected password or passwordFile, but it is missing'],
    },
    {
      desc: 'password and passwordFile, the value not shown',
      json: { prometheus: { url: URL, basicAuth: { username: 'viewer', password: 'hunter2', passwordFile: '/p' } } },
      expected: ['prometheus.basicAuth.passwordFile: expected either password or passwordFile, not both'],
    },
    {
      desc: 'a typo gets a "did you mean"',
      json: { prometheus: { url: URL, basicauth: { username: 'viewer', password: 'x' } } },
      expected: ['prometheus.basicauth: unknown field "basicauth": did you mean "basicAuth"?'],
    },
    {
      desc: 'basicAuth and a bearer token',
      json: { prometheus: { url: URL, basicAuth: { username: 'u', password: 'p' }, bearerTokenFile: '/t' } },
      expected: ['prometheus.bearerTokenFile: expected basicAuth or bearerTokenFile, not both'],
    },
    {
      desc: 'a header the server sets itself',
      json: { prometheus: { url: URL, headers: { Host: 'x', 'X-Scope-OrgID': 'tenant' } } },
      expected: ['prometheus.headers.Host: expected a header the server does not set itself (not Host)'],
    },
    {
      desc: 'a header value on two lines',
      json: { prometheus: { url: URL, headers: { 'X-Scope-OrgID': 'a\r\nX-Admin: 1' } } },
      expected: ['prometheus.headers.X-Scope-OrgID: expected a header value on one line, got "a\\r\\nX-Admin: 1"'],
    },
    {
      desc: 'an Authorization header next to basicAuth',
      json: { prometheus: { url: URL, basicAuth: { username: 'u', password: 'p' }, headers: { authorization: 'Bearer x' } } },
      expected: ['prometheus.headers.authorization: expected no Authorization header next to basicAuth or bearerTokenFile'],
    },
    {
      desc: 'tls on an http URL',
      json: { prometheus: { url: URL, tls: { insecureSkipVerify: true } } },
      expected: ['prometheus.tls: expected an https:// url with tls settings'],
    },
    {
      desc: 'insecureSkipVerify not a boolean',
      json: { prometheus: { url: 'https://prom', tls: { insecureSkipVerify: 'yes' } } },
      expected: ['prometheus.tls.insecureSkipVerify: expected true or false, got "yes"'],
    },
    {
      desc: 'credentials without a url',
      json: { prometheus: { bearerTokenFile: '/t' }, datacenters: [{ name: 'a', prometheus: URL }] },
      expected: ['prometheus.url: expected an absolute http(s) URL such as "http://prometheus:9090" (the server forwards to it), but it is missing'],
    },
    {
      desc: 'a datacenter object without a url',
      json: { prometheus: { url: URL }, datacenters: [{ name: 'eu', prometheus: { basicAuth: { username: 'u', password: 'p' } } }] },
      expected: ['datacenters[0].prometheus.url: expected an absolute http(s) URL such as "http://prometheus:9090" (the server forwards to it), but it is missing'],
    },
    {
      desc: 'a typo in a datacenter\'s basicAuth',
      json: { datacenters: [{ name: 'eu', prometheus: { url: URL, basicAuth: { username: 'u', pasword: 'p' } } }] },
      expected: [
        'datacenters[0].prometheus.basicAuth.pasword: unknown field "pasword": did you mean "password"?',
        'datacenters[0].prometheus.basicAuth.passwordFile: expected password or passwordFile, but it is missing',
      ],
    },
    { desc: 'not an object', json: [], expected: ['expected a JSON object such as {"prometheus": {"url": "http://prometheus:9090"}}'] },
  ];
  it.each(cases)('$desc', ({ json, expected }) => expect(problems(json)).toEqual(expected));

  it('a bad value of a secret is never shown', () => {
    const shown = problems({ prometheus: { url: URL, basicAuth: { username: 'u', password: 'hunter2', passwordFile: '/p' }, bearerTokenFile: '/t' } });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.join('\n')).not.toContain('hunter2');
  });
});

describe('the browser\'s config', () => {
  const full = {
    title: 'Shop',
    prometheus: {
      url: 'https://prometheus.example:9090/', timeout: '5s',
      basicAuth: { username: 'viewer', passwordFile: '/run/secrets/prom-password' },
      headers: { 'X-Scope-OrgID': 'tenant-secret-7' },
      tls: { caFile: '/etc/ca.pem' },
    },
    datacenters: [
      'eu-west',
      { name: 'us-east', prometheus: 'http://prom-us:9090' },
      { name: 'ap south', prometheus: { url: 'https://prom-ap', bearerTokenFile: '/run/secrets/token', tls: { insecureSkipVerify: true } } },
      { name: 'default', prometheus: 'http://prom-default:9090' },
    ],
    rateWindow: '2m',
  };

  it('each Prometheus is a path on this site; the rest of the file is as written', () => {
    expect(prepared(full).browserConfig).toEqual({
      title: 'Shop',
      prometheus: { url: '/prometheus/default', timeout: '7000ms' },
      datacenters: [
        'eu-west',
        { name: 'us-east', prometheus: '/prometheus/us-east' },
        { name: 'ap south', prometheus: '/prometheus/datacenter-2' },
        { name: 'default', prometheus: '/prometheus/datacenter-3' },
      ],
      rateWindow: '2m',
    });
  });

  it('holds nothing of the server-side settings', () => {
    const text = JSON.stringify(prepared(full).browserConfig);
    for (const secret of ['viewer', 'prom-password', 'tenant-secret-7', 'X-Scope-OrgID', '/etc/ca.pem', '/run/secrets', 'basicAuth', 'tls', 'prometheus.example', 'prom-us']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('is accepted by the browser\'s schema', () => {
    const result = parseConfig(prepared(full).browserConfig);
    expect(result.ok && result.config.prometheus).toEqual({ url: '/prometheus/default', timeoutMs: 7000 });
  });

  it('upstreams keep what the server needs, by route name', () => {
    const { upstreams } = prepared(full);
    expect([...upstreams.keys()]).toEqual(['default', 'us-east', 'datacenter-2', 'datacenter-3']);
    expect(upstreams.get('default')).toEqual({
      name: 'default', field: 'prometheus', url: 'https://prometheus.example:9090', timeoutMs: 5000,
      auth: { kind: 'basic', username: 'viewer', password: { file: '/run/secrets/prom-password', field: 'prometheus.basicAuth.passwordFile' } },
      headers: new Map([['X-Scope-OrgID', 'tenant-secret-7']]),
      tls: { caFile: '/etc/ca.pem', insecureSkipVerify: false },
    });
    expect(upstreams.get('datacenter-2')).toMatchObject({
      field: 'datacenters[2].prometheus', url: 'https://prom-ap', timeoutMs: 5000,
      auth: { kind: 'bearer', token: { file: '/run/secrets/token', field: 'datacenters[2].prometheus.bearerTokenFile' } },
      tls: { insecureSkipVerify: true },
    });
  });

  it('the default timeout, plus the margin, when none is set', () => {
    const { browserConfig, upstreams } = prepared({ prometheus: { url: URL } });
    expect(browserConfig.prometheus).toEqual({ url: '/prometheus/default', timeout: '12000ms' });
    expect(upstreams.get('default')?.timeoutMs).toBe(10_000);
  });

  it('every datacenter with its own Prometheus and no main one', () => {
    const { browserConfig, upstreams } = prepared({ datacenters: [{ name: 'a', prometheus: URL }, { name: 'b', prometheus: 'http://b:9090' }] });
    expect(browserConfig).toEqual({ datacenters: [{ name: 'a', prometheus: '/prometheus/a' }, { name: 'b', prometheus: '/prometheus/b' }] });
    expect(parseConfig(browserConfig).ok).toBe(true);
    expect([...upstreams.keys()]).toEqual(['a', 'b']);
  });

  it('names from the file are data: __proto__ and constructor stay plain values', () => {
    const { upstreams, browserConfig } = prepared({
      prometheus: { url: URL, headers: { constructor: 'c' } },
      datacenters: [{ name: 'constructor', prometheus: URL }, { name: '__proto__', prometheus: URL }],
    });
    expect([...upstreams.keys()]).toEqual(['default', 'constructor', 'datacenter-1']);
    expect(upstreams.get('default')?.headers.get('constructor')).toBe('c');
    expect(parseConfig(browserConfig).ok).toBe(true);
  });
});
