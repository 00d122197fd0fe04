import { describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION, MAX_SUMMARY, cut, httpUrlOrNull, parseAlertsApi, parseAlertsSeries } from './parse.ts';

/** One entry of /api/v1/alerts as Prometheus sends it. */
function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' },
    annotations: { summary: 'checkout fails', description: '12 % of requests fail', runbook_url: 'https://runbooks.example/high-error-rate' },
    state: 'firing',
    activeAt: '2026-12-05T21:00:00.123Z',
    value: '1.2e-01',
    ...over,
  };
}

describe('parseAlertsApi', () => {
  const cases: { desc: string; data: unknown; expected: { name: string; severity: string; summary: string; description: string; runbookUrl?: string; since: number | null }[]; skipped?: number }[] = [
    {
      desc: 'a firing alert with its annotations and start',
      data: { alerts: [entry()] },
      expected: [{ name: 'HighErrorRate', severity: 'critical', summary: 'checkout fails', description: '12 % of requests fail', runbookUrl: 'https://runbooks.example/high-error-rate', since: Date.parse('2026-12-05T21:00:00.123Z') / 1000 }],
    },
    { desc: 'pending and inactive alerts are left out', data: { alerts: [entry({ state: 'pending' }), entry({ state: 'inactive' })] }, expected: [] },
    {
      desc: 'a javascript: runbook is no link',
      data: { alerts: [entry({ annotations: { runbook_url: 'javascript:alert(document.cookie)' } })] },
      expected: [{ name: 'HighErrorRate', severity: 'critical', summary: '', description: '', since: Date.parse('2026-12-05T21:00:00.123Z') / 1000 }],
    },
    {
      desc: 'a relative runbook path, a data: URL are no links',
      data: { alerts: [entry({ annotations: { runbook_url: '/runbooks/x' } }), entry({ annotations: { runbook_url: 'data:text/html,<b>x</b>' } })] },
      expected: [
        { name: 'HighErrorRate', severity: 'critical', summary: '', description: '', since: Date.parse('2026-12-05T21:00:00.123Z') / 1000 },
        { name: 'HighErrorRate', severity: 'critical', summary: '', description: '', since: Date.parse('2026-12-05T21:00:00.123Z') / 1000 },
      ],
    },
    {
      desc: 'HTML in annotations stays text',
      data: { alerts: [entry({ annotations: { summary: '<img src=x onerror=alert(1)>', description: '<script>alert(1)</script>' } })] },
      expected: [{ name: 'HighErrorRate', severity: 'critical', summary: '<img src=x onerror=alert(1)>', description: '<script>alert(1)</script>', since: Date.parse('2026-12-05T21:00:00.123Z') / 1000 }],
    },
    {
      desc: 'no severity label, no activeAt, Go zero time',
      data: { alerts: [entry({ labels: { alertname: 'A' }, activeAt: undefined }), entry({ labels: { alertname: 'B' }, activeAt: '0001-01-01T00:00:00Z' })] },
      expected: [
        { name: 'A', severity: '', summary: 'checkout fails', description: '12 % of requests fail', runbookUrl: 'https://runbooks.example/high-error-rate', since: null },
        { name: 'B', severity: '', summary: 'checkout fails', description: '12 % of requests fail', runbookUrl: 'https://runbooks.example/high-error-rate', since: null },
      ],
    },
    { desc: 'entries without labels or alertname are skipped and counted', data: { alerts: [entry({ labels: null }), entry({ labels: { severity: 'page' } }), 42] }, expected: [], skipped: 2 },
    { desc: 'data that is not an alert list', data: { alerts: 'nope' }, expected: [] },
    { desc: 'null data', data: null, expected: [] },
  ];
  it.each(cases)('$desc', ({ data, expected, skipped }) => {
    const parsed = parseAlertsApi(data);
    expect(parsed.alerts.map((a) => ({ name: a.name, severity: a.severity, summary: a.summary, description: a.description, ...(a.runbookUrl ? { runbookUrl: a.runbookUrl } : {}), since: a.since }))).toEqual(expected);
    expect(parsed.skipped).toBe(skipped ?? 0);
  });

  it('keeps label names such as __proto__ and constructor as data', () => {
    const labels = JSON.parse('{"alertname": "X", "__proto__": "p", "constructor": "c"}') as Record<string, string>;
    const [alert] = parseAlertsApi({ alerts: [entry({ labels })] }).alerts;
    expect(alert?.labels.get('__proto__')).toBe('p');
    expect(alert?.labels.get('constructor')).toBe('c');
    expect(alert?.labels).toBeInstanceOf(Map);
  });

  it('cuts huge annotations for display', () => {
    const [alert] = parseAlertsApi({ alerts: [entry({ annotations: { summary: 's'.repeat(100_000), description: 'd'.repeat(1_000_000) } })] }).alerts;
    expect(alert?.summary.length).toBe(MAX_SUMMARY);
    expect(alert?.summary.endsWith('…')).toBe(true);
    expect(alert?.description.length).toBe(MAX_DESCRIPTION);
  });
});

describe('parseAlertsSeries', () => {
  it('reads labels, drops __name__ and alertstate, and has no annotations or start', () => {
    const parsed = parseAlertsSeries([
      { metric: { __name__: 'ALERTS', alertname: 'HighErrorRate', alertstate: 'firing', severity: 'warning', service: 'x' } },
      { metric: { __name__: 'ALERTS', alertname: 'Later', alertstate: 'pending' } },
      { metric: { __name__: 'ALERTS', alertstate: 'firing' } },
    ]);
    expect(parsed.alerts).toHaveLength(1);
    const a = parsed.alerts[0];
    expect(a && [...a.labels]).toEqual([['alertname', 'HighErrorRate'], ['severity', 'warning'], ['service', 'x']]);
    expect(a && { severity: a.severity, summary: a.summary, since: a.since }).toEqual({ severity: 'warning', summary: '', since: null });
    expect(parsed.skipped).toBe(1);
  });
});

describe('cut', () => {
  const cases = [
    { desc: 'short text unchanged', text: 'abc', max: 5, expected: 'abc' },
    { desc: 'exactly max unchanged', text: 'abcde', max: 5, expected: 'abcde' },
    { desc: 'longer: cut with an ellipsis', text: 'abcdef', max: 5, expected: 'abcd…' },
    { desc: 'never splits a surrogate pair', text: '😀😀😀😀😀😀', max: 3, expected: '😀😀…' },
    { desc: 'few code points in many units stay whole', text: '😀😀', max: 3, expected: '😀😀' },
  ];
  it.each(cases)('$desc', ({ text, max, expected }) => expect(cut(text, max)).toBe(expected));
});

describe('httpUrlOrNull', () => {
  const cases = [
    { desc: 'https', url: 'https://r.example/a?b=c', expected: 'https://r.example/a?b=c' },
    { desc: 'http with spaces around', url: '  http://r.example/x ', expected: 'http://r.example/x' },
    { desc: 'javascript:', url: 'javascript:alert(1)', expected: null },
    { desc: 'JAVASCRIPT: with leading space', url: ' JAVASCRIPT:alert(1)', expected: null },
    { desc: 'protocol-relative', url: '//evil.example/x', expected: null },
    { desc: 'not a URL', url: 'https://', expected: null },
    { desc: 'empty', url: '', expected: null },
  ];
  it.each(cases)('$desc', ({ url, expected }) => expect(httpUrlOrNull(url)).toBe(expected));
});
