import { describe, expect, it } from 'vitest';
import { standardConvention } from '../conventions/standard.ts';
import { formatProblem, parseConfig } from './parse.ts';
import type { AppConfig } from './types.ts';

const PROM = { url: 'http://prometheus.example:9090' };

function config(json: unknown): AppConfig {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.config;
}

describe('good files', () => {
  it('minimal: only prometheus.url, everything else defaulted', () => {
    expect(config({ prometheus: PROM })).toEqual({
      title: 'Traffic Map',
      prometheus: { url: PROM.url, timeoutMs: 10_000 },
      datacenters: { mode: 'discover' },
      convention: standardConvention,
      rateWindow: '1m',
      recordingRules: false,
      latencyQuantile: 0.95,
      refresh: { mode: 'auto', fallbackMs: 15_000 },
      queryDelay: { mode: 'auto' },
      thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 },
      links: {},
      maxNodesPerView: 80,
      grouping: { source: { kind: 'rule', regex: '([^-]+)-.+' }, when: 'auto' },
      displayName: [],
      peerRules: [],
      alerts: { enabled: true, serviceLabels: ['service', 'app', 'workload'], datacenterLabels: ['datacenter', 'cluster', 'dc'] },
      baseline: { offset: '7d', drop: -0.5, surge: 1, minRate: 1 },
    } satisfies AppConfig);
  });

  it('full file', () => {
    const c = config({
      title: 'Shop traffic',
      prometheus: { url: '/prometheus/', timeout: '30s' },
      datacenters: ['eu-west', 'us-east'],
      convention: 'standard',
      rateWindow: '5m',
      recordingRules: true,
      latencyQuantile: 0.99,
      refreshInterval: '1m30s',
      thresholds: { warning: 0.02, danger: 0.1, errorClasses: ['5xx', '4xx', '5xx'], minRate: 0 },
      links: { dashboard: 'https://grafana.example/d/abc?var-service={service}&var-datacenter={datacenter}' },
      maxNodesPerView: 80,
      displayName: [{ match: '^(.*)\\.svc\\.cluster\\.local$', replace: '$1' }],
    });
    expect(c.displayName).toEqual([{ match: '^(.*)\\.svc\\.cluster\\.local$', replace: '$1' }]);
    expect(c.recordingRules).toBe(true);
    expect(c.prometheus).toEqual({ url: '/prometheus/', timeoutMs: 30_000 });
    expect(c.datacenters).toEqual({ mode: 'listed', list: [{ name: 'eu-west' }, { name: 'us-east' }] });
    expect(c.refresh).toEqual({ mode: 'fixed', intervalMs: 90_000 });
    expect(c.thresholds).toEqual({ warning: 0.02, danger: 0.1, errorClasses: ['5xx', '4xx'], minRate: 0 });
    expect(c.links.dashboard).toContain('{service}');
    expect([c.title, c.rateWindow, c.latencyQuantile, c.maxNodesPerView]).toEqual(['Shop traffic', '5m', 0.99, 80]);
  });

  it('one Prometheus per datacenter: no global url needed; the first one is the default', () => {
    const c = config({
      datacenters: [
        { name: 'eu-west', prometheus: 'http://prom-eu:9090' },
        { name: 'us-east', prometheus: 'http://prom-us:9090/' },
      ],
    });
    expect(c.prometheus.url).toBe('http://prom-eu:9090');
    expect(c.datacenters).toEqual({
      mode: 'listed',
      list: [
        { name: 'eu-west', prometheusUrl: 'http://prom-eu:9090' },
        { name: 'us-east', prometheusUrl: 'http://prom-us:9090/' },
      ],
    });
  });

  it('mixed datacenter items with a global url', () => {
    const c = config({ prometheus: PROM, datacenters: ['eu-west', { name: 'us-east', prometheus: 'http://prom-us:9090' }, { name: 'ap' }] });
    expect(c.datacenters).toEqual({
      mode: 'listed',
      list: [{ name: 'eu-west' }, { name: 'us-east', prometheusUrl: 'http://prom-us:9090' }, { name: 'ap' }],
    });
  });

  it('discover', () => {
    expect(config({ prometheus: PROM, datacenters: 'discover' }).datacenters).toEqual({ mode: 'discover' });
  });

  it('convention overrides merged onto the preset', () => {
    const c = config({
      prometheus: PROM,
      convention: {
        preset: 'standard',
        metrics: { ingressRequests: 'http_server_requests_total', egressDuration: 'http_client_duration_seconds' },
        labels: { service: 'app', datacenter: 'dc' },
        internetPeers: ['internet', 'edge'],
      },
    });
    expect(c.convention).toEqual({
      name: 'standard',
      egress: standardConvention.egress,
      ingress: standardConvention.ingress,
      metrics: { ...standardConvention.metrics, ingressRequests: 'http_server_requests_total', egressDuration: 'http_client_duration_seconds' },
      labels: { ...standardConvention.labels, service: 'app', datacenter: 'dc' },
      internetPeers: ['internet', 'edge'],
      overridden: ['service', 'datacenter'],
    });
  });

  it('an override object without preset uses standard', () => {
    expect(config({ prometheus: PROM, convention: { labels: { status: 'code' } } }).convention.labels.status).toBe('code');
  });
});

describe('peerRules', () => {
  it('kept in order, as written', () => {
    const rules = [
      { match: '^([a-z-]+)\\.prod\\.example\\.com$', service: '$1' },
      { match: '^(?<svc>[a-z]+)-(eu|us)\\.global$', service: '$1', datacenter: '$2' },
      { match: '^10\\.0\\.0\\.7(:\\d+)?$', service: 'orders' },
    ];
    expect(config({ prometheus: PROM, peerRules: rules }).peerRules).toEqual(rules);
  });
});

describe('refreshInterval', () => {
  const cases: { desc: string; value: unknown; expected: AppConfig['refresh'] }[] = [
    { desc: 'auto', value: 'auto', expected: { mode: 'auto', fallbackMs: 15_000 } },
    { desc: 'absent = auto', value: undefined, expected: { mode: 'auto', fallbackMs: 15_000 } },
    { desc: 'fixed 15s', value: '15s', expected: { mode: 'fixed', intervalMs: 15_000 } },
    { desc: 'fixed 500ms', value: '500ms', expected: { mode: 'fixed', intervalMs: 500 } },
  ];
  it.each(cases)('$desc', ({ value, expected }) => {
    expect(config({ prometheus: PROM, refreshInterval: value }).refresh).toEqual(expected);
  });
});

describe('queryDelay', () => {
  const cases: { desc: string; value: unknown; expected: AppConfig['queryDelay'] }[] = [
    { desc: 'auto', value: 'auto', expected: { mode: 'auto' } },
    { desc: 'absent = auto', value: undefined, expected: { mode: 'auto' } },
    { desc: 'none: 0s', value: '0s', expected: { mode: 'fixed', ms: 0 } },
    { desc: 'fixed 30s', value: '30s', expected: { mode: 'fixed', ms: 30_000 } },
    { desc: 'fixed 1m30s', value: '1m30s', expected: { mode: 'fixed', ms: 90_000 } },
  ];
  it.each(cases)('$desc', ({ value, expected }) => {
    expect(config({ prometheus: PROM, queryDelay: value }).queryDelay).toEqual(expected);
  });
});

describe('bad files: each problem names its field', () => {
  const cases: { desc: string; json: unknown; path: string; message: RegExp }[] = [
    { desc: 'not an object', json: ['x'], path: '', message: /^expected a JSON object .*, got \["x"\]$/ },
    { desc: 'no prometheus url', json: {}, path: 'prometheus.url', message: /required unless every datacenter has its own "prometheus".*missing/ },
    { desc: 'one datacenter without its own Prometheus', json: { datacenters: [{ name: 'a', prometheus: 'http://a' }, 'b'] }, path: 'prometheus.url', message: /required/ },
    { desc: 'prometheus given as a string', json: { prometheus: 'http://p' }, path: 'prometheus', message: /^expected an object such as .*, got "http:\/\/p"$/ },
    { desc: 'javascript: url', json: { prometheus: { url: 'javascript:alert(1)' } }, path: 'prometheus.url', message: /expected an http\(s\) URL.*got "javascript:alert\(1\)"/ },
    { desc: 'url with /api/v1', json: { prometheus: { url: 'http://p:9090/api/v1/' } }, path: 'prometheus.url', message: /without \/api\/v1/ },
    { desc: 'bad timeout', json: { prometheus: { ...PROM, timeout: 10 } }, path: 'prometheus.timeout', message: /expected a duration such as "10s".*got 10$/ },
    { desc: 'danger not a number', json: { prometheus: PROM, thresholds: { danger: 'high' } }, path: 'thresholds.danger', message: /^expected a number between 0 and 1 \(0 excluded\), got "high"$/ },
    { desc: 'warning above 1', json: { prometheus: PROM, thresholds: { warning: 5 } }, path: 'thresholds.warning', message: /between 0 and 1.*got 5/ },
    { desc: 'warning not below danger', json: { prometheus: PROM, thresholds: { warning: 0.2, danger: 0.1 } }, path: 'thresholds.danger', message: /warning \(0.2\) below thresholds.danger \(0.1\)/ },
    { desc: 'warning above the default danger', json: { prometheus: PROM, thresholds: { warning: 0.5 } }, path: 'thresholds.warning', message: /below thresholds.danger \(0.05\)/ },
    { desc: 'unknown status class', json: { prometheus: PROM, thresholds: { errorClasses: ['5xx', 'oops'] } }, path: 'thresholds.errorClasses[1]', message: /expected one of "1xx".*got "oops"/ },
    { desc: 'negative minRate', json: { prometheus: PROM, thresholds: { minRate: -1 } }, path: 'thresholds.minRate', message: /0 or more, got -1/ },
    { desc: 'bad rate window', json: { prometheus: PROM, rateWindow: '1 minute' }, path: 'rateWindow', message: /expected a duration such as "1m".*got "1 minute"/ },
    { desc: 'recording rules as text', json: { prometheus: PROM, recordingRules: 'yes' }, path: 'recordingRules', message: /expected true .*npm run rules.* or false.*got "yes"/ },
    { desc: 'zero rate window', json: { prometheus: PROM, rateWindow: '0s' }, path: 'rateWindow', message: /got "0s"/ },
    { desc: 'quantile 1', json: { prometheus: PROM, latencyQuantile: 1 }, path: 'latencyQuantile', message: /between 0 and 1 \(0 and 1 excluded\), got 1/ },
    { desc: 'displayName not a list', json: { prometheus: PROM, displayName: 'x' }, path: 'displayName', message: /^expected a list of rewrites such as \[\{"match"/ },
    { desc: 'displayName rewrite with a bad regex', json: { prometheus: PROM, displayName: [{ match: '^(.*', replace: '$1' }] }, path: 'displayName[0].match', message: /^expected a valid regular expression .*Unterminated group.*got "\^\(\.\*"$/ },
    { desc: 'displayName rewrite with an empty regex', json: { prometheus: PROM, displayName: [{ match: '', replace: '' }] }, path: 'displayName[0].match', message: /not empty/ },
    { desc: 'displayName rewrite without replace', json: { prometheus: PROM, displayName: [{ match: 'a' }] }, path: 'displayName[0].replace', message: /expected the replacement text/ },
    { desc: 'displayName rewrite with a misspelt field', json: { prometheus: PROM, displayName: [{ match: 'a', replace: '', flags: 'g' }] }, path: 'displayName[0].flags', message: /./ },
    { desc: 'bad refresh', json: { prometheus: PROM, refreshInterval: 'often' }, path: 'refreshInterval', message: /^expected "auto" or a duration such as "15s", got "often"$/ },
    { desc: 'bad query delay', json: { prometheus: PROM, queryDelay: '30 seconds' }, path: 'queryDelay', message: /^expected "auto" or a duration such as "30s" \("0s": no delay\), got "30 seconds"$/ },
    { desc: 'negative query delay', json: { prometheus: PROM, queryDelay: '-5s' }, path: 'queryDelay', message: /^expected "auto" or a duration .*, got "-5s"$/ },
    { desc: 'query delay as a number', json: { prometheus: PROM, queryDelay: 30 }, path: 'queryDelay', message: /^expected "auto" or a duration .*, got 30$/ },
    { desc: 'fractional maxNodesPerView', json: { prometheus: PROM, maxNodesPerView: 1.5 }, path: 'maxNodesPerView', message: /whole number.*got 1.5/ },
    { desc: 'empty title', json: { prometheus: PROM, title: ' ' }, path: 'title', message: /non-empty title, got " "/ },
    { desc: 'datacenters typo', json: { prometheus: PROM, datacenters: 'discovery' }, path: 'datacenters', message: /expected "discover" or a list.*got "discovery"/ },
    { desc: 'empty datacenter list', json: { prometheus: PROM, datacenters: [] }, path: 'datacenters', message: /at least one datacenter, or "discover"/ },
    { desc: 'datacenter item a number', json: { prometheus: PROM, datacenters: ['a', 3] }, path: 'datacenters[1]', message: /expected a datacenter name or \{"name".*got 3/ },
    { desc: 'datacenter object without name', json: { prometheus: PROM, datacenters: [{ prometheus: 'http://p' }] }, path: 'datacenters[0].name', message: /datacenter name.*missing/ },
    { desc: 'datacenter object, bad prometheus', json: { datacenters: [{ name: 'a', prometheus: 'prom-a:9090' }] }, path: 'datacenters[0].prometheus', message: /http\(s\) URL/ },
    { desc: 'duplicate datacenter', json: { prometheus: PROM, datacenters: ['a', 'b', 'a'] }, path: 'datacenters[2]', message: /each datacenter once.*got "a"/ },
    { desc: 'unknown preset', json: { prometheus: PROM, convention: 'envoy' }, path: 'convention', message: /expected a preset name: "standard", "istio", .*got "envoy"/ },
    { desc: 'unknown preset in object', json: { prometheus: PROM, convention: { preset: 'std' } }, path: 'convention.preset', message: /got "std"/ },
    { desc: 'bad metric name', json: { prometheus: PROM, convention: { metrics: { egressRequests: 'http-requests' } } }, path: 'convention.metrics.egressRequests', message: /expected a metric name.*got "http-requests"/ },
    { desc: 'histogram with _bucket', json: { prometheus: PROM, convention: { metrics: { ingressDuration: 'x_seconds_bucket' } } }, path: 'convention.metrics.ingressDuration', message: /without _bucket/ },
    { desc: 'bad label name', json: { prometheus: PROM, convention: { labels: { service: 'app:name' } } }, path: 'convention.labels.service', message: /expected a label name.*got "app:name"/ },
    { desc: 'two roles, one label', json: { prometheus: PROM, convention: { labels: { service: 'peer_service' } } }, path: 'convention.labels', message: /^expected a different label for each role, but service and peerService are both "peer_service"$/ },
    { desc: 'unknown metric key', json: { prometheus: PROM, convention: { metrics: { ingress: 'x' } } }, path: 'convention.metrics.ingress', message: /unknown field "ingress"/ },
    { desc: 'javascript: link', json: { prometheus: PROM, links: { dashboard: 'javascript:alert("{service}")' } }, path: 'links.dashboard', message: /absolute http:\/\/ or https:\/\/ URL/ },
    { desc: 'unknown placeholder', json: { prometheus: PROM, links: { dashboard: 'https://g/d?s={svc}' } }, path: 'links.dashboard', message: /only the placeholders \{service\} and \{datacenter\}, not \{svc\}/ },
    { desc: 'unknown top-level key with a guess', json: { prometheus: PROM, refreshInteval: '15s' }, path: 'refreshInteval', message: /^unknown field "refreshInteval": did you mean "refreshInterval"\?$/ },
    { desc: 'unknown top-level key, no guess', json: { prometheus: PROM, colour: 'red' }, path: 'colour', message: /unknown field "colour": expected one of "title", "prometheus"/ },
    { desc: 'unknown nested key', json: { prometheus: { ...PROM, timout: '5s' } }, path: 'prometheus.timout', message: /did you mean "timeout"/ },
    { desc: 'peerRules not a list', json: { prometheus: PROM, peerRules: { match: 'x' } }, path: 'peerRules', message: /^expected a list of rules such as \[\{"match"/ },
    { desc: 'peer rule that does not compile', json: { prometheus: PROM, peerRules: [{ match: '^([a-z+\\.x$', service: '$1' }] }, path: 'peerRules[0].match', message: /^expected a regular expression \(JavaScript syntax\): .*Unterminated.*, got "\^\(\[a-z\+/ },
    { desc: 'peer rule without service', json: { prometheus: PROM, peerRules: [{ match: '^x$' }] }, path: 'peerRules[0].service', message: /service name or a template.*missing/ },
    { desc: 'peer rule, empty service', json: { prometheus: PROM, peerRules: [{ match: '^x$', service: '' }] }, path: 'peerRules[0].service', message: /service name or a template/ },
    { desc: 'peer rule capture the match lacks', json: { prometheus: PROM, peerRules: [{ match: '^([a-z]+)\\.x$', service: '$1', datacenter: '$2' }] }, path: 'peerRules[0].datacenter', message: /^expected captures that "match" has, but "\$2" is always empty: the expression has 1 capture group \(\$1\), got "\$2"$/ },
    { desc: 'peer rule without groups using $1', json: { prometheus: PROM, peerRules: [{ match: '^x$', service: 'svc-$1' }] }, path: 'peerRules[0].service', message: /has no capture group/ },
    { desc: 'peer rule with an always empty capture', json: { prometheus: PROM, peerRules: [{ match: '^[(]()([a-z]+)$', service: '$1' }] }, path: 'peerRules[0].service', message: /"\$1" is "\(\)" in "match": it is always empty/ },
    { desc: 'peer rule typo', json: { prometheus: PROM, peerRules: [{ match: '^x$', servce: 'x' }] }, path: 'peerRules[0].servce', message: /did you mean "service"/ },
    { desc: 'long bad value is shortened', json: { prometheus: PROM, rateWindow: 'x'.repeat(200) }, path: 'rateWindow', message: /got "x{30,}\.\.\.$/ },
  ];
  it.each(cases)('$desc', ({ json, path, message }) => {
    const result = parseConfig(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path);
    expect(problem, `problems: ${JSON.stringify(result.problems)}`).toBeDefined();
    expect(problem?.message).toMatch(message);
  });

  it('reports several problems at once', () => {
    const result = parseConfig({ prometheus: PROM, rateWindow: 'x', latencyQuantile: 'p95', extra: 1 });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['rateWindow', 'latencyQuantile', 'extra']);
  });

  it('formatProblem puts the path first', () => {
    expect(formatProblem({ path: 'a.b', message: 'expected x, got 1' })).toBe('a.b: expected x, got 1');
    expect(formatProblem({ path: '', message: 'file missing' })).toBe('file missing');
  });
});
