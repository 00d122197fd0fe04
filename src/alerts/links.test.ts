import { describe, expect, it } from 'vitest';
import type { FiringAlert } from '../graph/types.ts';
import { alertMatchers, checkAlertLinkTemplate, withAlertLink } from './links.ts';

const alert: FiringAlert = {
  name: 'High "Errors"', severity: 'page', labels: new Map([['severity', 'page'], ['alertname', 'High "Errors"'], ['service', 'a&b'], ['bad-name', 'x']]),
  summary: '', description: '', since: null,
};

describe('withAlertLink', () => {
  const cases = [
    { desc: 'an Alertmanager template with {alertname}', template: 'https://am.example/#/alerts?filter={alertname}', server: 'http://prom:9090', pinned: null, expected: 'https://am.example/#/alerts?filter=High%20%22Errors%22' },
    {
      desc: 'a template with {matchers}: every valid label, alertname first, escaped',
      template: 'https://am.example/#/alerts?filter={matchers}', server: 'http://prom:9090', pinned: null,
      expected: `https://am.example/#/alerts?filter=${encodeURIComponent('{alertname="High \\"Errors\\"",service="a&b",severity="page"}')}`,
    },
    { desc: 'a javascript: template gives no link', template: 'javascript:alert("{alertname}")', server: 'http://prom:9090', pinned: null, expected: undefined },
    {
      desc: 'no template: the Prometheus graph page of its ALERTS series',
      template: undefined, server: 'http://prom:9090/', pinned: null,
      expected: `http://prom:9090/graph?g0.expr=${encodeURIComponent('ALERTS{alertname="High \\"Errors\\"",service="a&b",severity="page"}').replace(/%20/g, '+')}&g0.tab=0&g0.range_input=6h`,
    },
    { desc: 'no template and a relative server URL: no link', template: undefined, server: '/prometheus', pinned: null, expected: undefined },
    { desc: 'a pinned time ends the graph there', template: undefined, server: 'https://p', pinned: 1_765_000_000, expected: expect.stringContaining('g0.end_input=2025-12-06+05%3A46%3A40') as unknown as string },
  ];
  it.each(cases)('$desc', ({ template, server, pinned, expected }) => {
    expect(withAlertLink(alert, template, server, pinned).link).toEqual(expected);
  });
});

describe('checkAlertLinkTemplate', () => {
  const cases = [
    { desc: 'a good template', template: 'https://am/#/alerts?filter={matchers}', expected: null },
    { desc: 'no placeholder is fine', template: 'https://am/#/alerts', expected: null },
    { desc: 'an unknown placeholder', template: 'https://am/?x={service}', expected: 'expected only the placeholders {alertname} and {matchers}, not {service}' },
    { desc: 'not http(s)', template: 'javascript:{alertname}', expected: 'expected an absolute http:// or https:// URL template' },
    { desc: 'relative', template: '/alerts?x={alertname}', expected: 'expected an absolute http:// or https:// URL template' },
  ];
  it.each(cases)('$desc', ({ template, expected }) => expect(checkAlertLinkTemplate(template)).toBe(expected));
});

it('alertMatchers leaves out label names PromQL cannot write', () => {
  expect(alertMatchers(alert)).not.toContain('bad-name');
});
