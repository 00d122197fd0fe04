import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from './parse.ts';

const PROM = { url: 'http://prometheus.example:9090' };

describe('config alerts: good values', () => {
  const cases = [
    { desc: 'absent: on, default labels', alerts: undefined, expected: { enabled: true, serviceLabels: ['service', 'app', 'workload'], datacenterLabels: ['datacenter', 'cluster', 'dc'] } },
    { desc: '"off"', alerts: 'off', expected: { enabled: false, serviceLabels: [], datacenterLabels: [] } },
    {
      desc: 'labels and an Alertmanager link',
      alerts: { serviceLabels: ['job'], datacenterLabels: ['region'], link: 'https://am.example/#/alerts?filter={matchers}' },
      expected: { enabled: true, serviceLabels: ['job'], datacenterLabels: ['region'], link: 'https://am.example/#/alerts?filter={matchers}' },
    },
    { desc: 'empty lists: the convention roles only', alerts: { serviceLabels: [], datacenterLabels: [] }, expected: { enabled: true, serviceLabels: [], datacenterLabels: [] } },
  ];
  it.each(cases)('$desc', ({ alerts, expected }) => {
    const result = parseConfig({ prometheus: PROM, ...(alerts === undefined ? {} : { alerts }) });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.config.alerts).toEqual(expected);
  });
});

describe('config alerts: bad values name the field', () => {
  const cases = [
    { desc: 'not "off" nor an object', alerts: 'on', path: 'alerts', message: /^expected "off" or an object such as/ },
    { desc: 'a label that is no label name', alerts: { serviceLabels: ['service', 'my-app'] }, path: 'alerts.serviceLabels[1]', message: /^expected a label name such as "service", got "my-app"$/ },
    { desc: 'labels not a list', alerts: { datacenterLabels: 'cluster' }, path: 'alerts.datacenterLabels', message: /^expected a list of label names/ },
    { desc: 'a javascript: link', alerts: { link: 'javascript:alert({alertname})' }, path: 'alerts.link', message: /^expected an absolute http:\/\/ or https:\/\/ URL template/ },
    { desc: 'an unknown placeholder', alerts: { link: 'https://am/?f={service}' }, path: 'alerts.link', message: /only the placeholders \{alertname\} and \{matchers\}, not \{service\}/ },
    { desc: 'a typo', alerts: { serviceLabel: ['x'] }, path: 'alerts.serviceLabel', message: /did you mean "serviceLabels"/ },
  ];
  it.each(cases)('$desc', ({ alerts, path, message }) => {
    const result = parseConfig({ prometheus: PROM, alerts });
    expect(result.ok).toBe(false);
    const problem = result.ok ? undefined : result.problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(result)).toBeDefined();
    expect(problem?.message).toMatch(message);
  });
});
