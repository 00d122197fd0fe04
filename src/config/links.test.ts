import { describe, expect, it } from 'vitest';
import { checkLinkTemplate, dashboardLink } from './links.ts';

const GRAFANA = 'https://grafana.example/d/abc?var-service={service}&var-datacenter={datacenter}';

describe('dashboardLink', () => {
  const cases: { desc: string; template: string | undefined; service: string; datacenter: string; expected: string | null }[] = [
    { desc: 'fills both placeholders', template: GRAFANA, service: 'api', datacenter: 'eu-west', expected: 'https://grafana.example/d/abc?var-service=api&var-datacenter=eu-west' },
    {
      desc: 'encodes a hostile service name',
      template: GRAFANA,
      service: 'a&b<script>',
      datacenter: 'eu west/1',
      expected: 'https://grafana.example/d/abc?var-service=a%26b%3Cscript%3E&var-datacenter=eu%20west%2F1',
    },
    { desc: 'placeholder in the path', template: 'http://k/{datacenter}/svc/{service}', service: 'x/y', datacenter: 'dc', expected: 'http://k/dc/svc/x%2Fy' },
    { desc: 'a placeholder used twice', template: 'https://g/?a={service}&b={service}', service: 's', datacenter: 'd', expected: 'https://g/?a=s&b=s' },
    { desc: 'javascript: template', template: 'javascript:alert("{service}")', service: 'x', datacenter: 'd', expected: null },
    { desc: 'JavaScript: in capitals with spaces', template: ' JavaScript:alert(1)', service: 'x', datacenter: 'd', expected: null },
    { desc: 'data: template', template: 'data:text/html,{service}', service: 'x', datacenter: 'd', expected: null },
    { desc: 'relative template', template: '/d/{service}', service: 'x', datacenter: 'd', expected: null },
    { desc: 'the service cannot become the scheme', template: '{service}', service: 'javascript:alert(1)', datacenter: 'd', expected: null },
    { desc: 'no template', template: undefined, service: 'x', datacenter: 'd', expected: null },
  ];
  it.each(cases)('$desc', ({ template, service, datacenter, expected }) => {
    expect(dashboardLink(template, service, datacenter)).toBe(expected);
  });
});

describe('checkLinkTemplate', () => {
  const cases: { desc: string; template: string; expected: RegExp | null }[] = [
    { desc: 'grafana template', template: GRAFANA, expected: null },
    { desc: 'no placeholders', template: 'https://grafana.example/d/abc', expected: null },
    { desc: 'javascript:', template: 'javascript:alert(1)', expected: /absolute http/ },
    { desc: 'unknown placeholder', template: 'https://g/?s={svc}&n={namespace}', expected: /not \{svc\}, \{namespace\}/ },
    { desc: 'not a URL', template: 'grafana/d/{service}', expected: /absolute http/ },
  ];
  it.each(cases)('$desc', ({ template, expected }) => {
    const why = checkLinkTemplate(template);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });
});
