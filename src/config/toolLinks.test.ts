import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.ts';
import { checkToolTemplate, selectionToolLinks, toolLink } from './toolLinks.ts';
import type { LinkValues } from './toolLinks.ts';

const PROM = { url: 'http://prometheus.example:9090' };
const HOUR = { fromMs: 1_700_000_000_000 - 3_600_000, toMs: 1_700_000_000_000 };
const JAEGER = 'https://jaeger.example/search?service={service}&start={from}000&end={to}000';
const TEMPO_EDGE = 'https://grafana.example/explore?q={source}->{target}&dc={datacenter}&from={from}&to={to}';

describe('toolLink', () => {
  const cases: { desc: string; template: string | undefined; values: LinkValues; expected: string | null }[] = [
    { desc: 'a Jaeger search: the hour in microseconds', template: JAEGER, values: { service: 'checkout', datacenter: 'eu', ...HOUR }, expected: 'https://jaeger.example/search?service=checkout&start=1699996400000000&end=1700000000000000' },
    { desc: 'an edge: source, target, datacenter', template: TEMPO_EDGE, values: { service: 'web', source: 'web', target: 'db', datacenter: 'eu west', ...HOUR }, expected: 'https://grafana.example/explore?q=web->db&dc=eu%20west&from=1699996400000&to=1700000000000' },
    {
      desc: 'hostile values are encoded, never markup or new parameters',
      template: 'https://l.example/?q={service}&dc={datacenter}',
      values: { service: '"><script>alert(1)</script>&x=1', datacenter: '#frag/..', ...HOUR },
      expected: 'https://l.example/?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%26x%3D1&dc=%23frag%2F..',
    },
    { desc: 'a name cannot become the scheme', template: '{service}', values: { service: 'javascript:alert(1)', datacenter: 'eu', ...HOUR }, expected: null },
    { desc: 'a slash in a name cannot end the host and start a path (the broken URL is no link)', template: 'https://{service}.svc/x', values: { service: 'evil.example/', datacenter: 'eu', ...HOUR }, expected: null },
    { desc: '__proto__ and constructor are names like others', template: 'https://t.example/{service}/{target}', values: { service: '__proto__', target: 'constructor', datacenter: 'eu', ...HOUR }, expected: 'https://t.example/__proto__/constructor' },
    { desc: 'no template: no link', template: undefined, values: { service: 'x', datacenter: 'eu', ...HOUR }, expected: null },
    { desc: 'a javascript: template never becomes a link', template: 'javascript:alert("{service}")', values: { service: 'x', datacenter: 'eu', ...HOUR }, expected: null },
  ];
  it.each(cases)('$desc', ({ template, values, expected }) => {
    expect(toolLink(template, values)).toBe(expected);
    if (expected !== null) expect(new URL(expected).protocol).toMatch(/^https?:$/);
  });
});

describe('checkToolTemplate', () => {
  const cases: { desc: string; template: string; kind: 'service' | 'edge'; expected: RegExp | null }[] = [
    { desc: 'Jaeger for a service', template: JAEGER, kind: 'service', expected: null },
    { desc: 'an edge template', template: TEMPO_EDGE, kind: 'edge', expected: null },
    { desc: '{source} in a service template says where it belongs', template: TEMPO_EDGE, kind: 'service', expected: /not \{source\}, \{target\} \(\{source\} and \{target\} are for edges/ },
    { desc: 'unknown placeholder', template: 'https://t/?s={svc}', kind: 'edge', expected: /not \{svc\}$/ },
    { desc: 'not absolute', template: '/search?service={service}', kind: 'service', expected: /absolute http/ },
    { desc: 'javascript:', template: 'javascript:alert(1)', kind: 'edge', expected: /absolute http/ },
  ];
  it.each(cases)('$desc', ({ template, kind, expected }) => {
    const why = checkToolTemplate(template, kind);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });
});

describe('links.traces and links.logs in config.json', () => {
  it('a string serves services and edges; an object each as given', () => {
    const result = parseConfig({ prometheus: PROM, links: { traces: JAEGER, logs: { edge: TEMPO_EDGE } } });
    expect(result.ok && result.config.links).toEqual({ traces: { service: JAEGER, edge: JAEGER }, logs: { edge: TEMPO_EDGE } });
    if (!result.ok) return;
    const node = selectionToolLinks(result.config.links, { service: 'checkout', datacenter: 'eu', ...HOUR }, 'service');
    expect(node.map((l) => l.name)).toEqual(['Traces']);
    const edge = selectionToolLinks(result.config.links, { service: 'web', source: 'web', target: 'db', datacenter: 'eu', ...HOUR }, 'edge');
    expect(edge.map((l) => `${l.name} ${l.url}`)).toEqual([
      'Traces https://jaeger.example/search?service=web&start=1699996400000000&end=1700000000000000',
      'Logs https://grafana.example/explore?q=web->db&dc=eu&from=1699996400000&to=1700000000000',
    ]);
  });

  const bad: { desc: string; links: unknown; path: string; message: RegExp }[] = [
    { desc: 'a string with {target}', links: { traces: TEMPO_EDGE }, path: 'links.traces', message: /are for edges/ },
    { desc: 'an object with a bad edge template', links: { logs: { edge: 'ftp://x/{source}' } }, path: 'links.logs.edge', message: /absolute http/ },
    { desc: 'a typo in the object', links: { traces: { servce: JAEGER } }, path: 'links.traces.servce', message: /did you mean "service"/ },
    { desc: 'a number', links: { logs: 3 }, path: 'links.logs', message: /^expected a URL template such as/ },
    { desc: 'a typo of the field', links: { trace: JAEGER }, path: 'links.trace', message: /did you mean "traces"/ },
  ];
  it.each(bad)('$desc', ({ links, path, message }) => {
    const result = parseConfig({ prometheus: PROM, links });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path);
    expect(problem, `problems: ${JSON.stringify(result.problems)}`).toBeDefined();
    expect(problem?.message).toMatch(message);
  });
});
