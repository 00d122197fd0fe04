// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardLink } from '../../config/links.ts';
import { expectInert, textOf } from '../__fixtures__/dom.ts';
import { edge, HOSTILE, node, stats } from '../__fixtures__/graph.ts';
import type { Selection } from '../currentView.ts';
import { DetailsPanel, DetailsPending, edgeTitle } from './DetailsPanel.tsx';

afterEach(cleanup);

const GRAFANA = 'https://grafana.example/d/abc?var-service={service}&var-datacenter={datacenter}';
const TRAFFIC = stats({ '2xx': 90, '5xx': 10 }, 0.25);

const serviceSel = (id: string): Selection => ({ kind: 'node', node: { ...node(id, 'service', { incoming: TRAFFIC, outgoing: TRAFFIC, health: 'danger' }), datacenter: 'eu' as never } });

describe('DetailsPanel renders label values as text', () => {
  it.each([
    { desc: 'an <img onerror> service name', name: HOSTILE.img },
    { desc: 'a "><script> service name', name: HOSTILE.script },
    { desc: 'a javascript: service name', name: HOSTILE.js },
  ])('$desc', ({ name }) => {
    const { container } = render(<DetailsPanel selection={serviceSel(name)} datacenter={HOSTILE.script} quantile={0.95} dashboardTemplate={GRAFANA} />);
    expect(container.querySelector('h2')?.textContent).toBe(name);
    expectInert(container);
    // The link is the template with the values URL-encoded, so it stays on grafana.example.
    const href = container.querySelector('a')?.getAttribute('href') ?? '';
    expect(new URL(href).origin).toBe('https://grafana.example');
    expect(new URL(href).searchParams.get('var-service')).toBe(name);
    expect(new URL(href).searchParams.get('var-datacenter')).toBe(HOSTILE.script);
  });

  it('an edge between hostile names: both literal in the title, no link', () => {
    const sel: Selection = { kind: 'edge', edge: edge(HOSTILE.img, HOSTILE.script, TRAFFIC, 'danger') };
    const { container } = render(<DetailsPanel selection={sel} datacenter="eu" quantile={0.99} dashboardTemplate={GRAFANA} />);
    expect(container.querySelector('h2')?.textContent).toBe(`${HOSTILE.img} → ${HOSTILE.script}`);
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expectInert(container);
  });

  it('an edge read from hosts lists them as text, at most 8 and a count of the rest', () => {
    const hosts = [HOSTILE.img, ...Array.from({ length: 9 }, (_, i) => `orders-${i}.shop.svc.cluster.local:8080`)];
    const sel: Selection = { kind: 'edge', edge: { ...edge('web', 'orders', TRAFFIC, 'normal'), hosts } };
    const { container, getByTestId } = render(<DetailsPanel selection={sel} datacenter="eu" quantile={0.99} />);
    const items = [...getByTestId('edge-hosts').querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([...hosts.slice(0, 8), '…and 2 more']);
    expectInert(container);
  });

  it('an edge read from names lists no hosts', () => {
    const sel: Selection = { kind: 'edge', edge: edge('web', 'orders', TRAFFIC, 'normal') };
    const { queryByTestId } = render(<DetailsPanel selection={sel} datacenter="eu" quantile={0.99} />);
    expect(queryByTestId('edge-hosts')).toBeNull();
  });

  it('shows the numbers of the selection', () => {
    const { container } = render(<DetailsPanel selection={serviceSel('api')} datacenter="eu" quantile={0.99} />);
    const text = textOf(container);
    expect(text).toContain('Received');
    expect(text).toContain('Latency p99');
    expect(text).toContain('100/s'); // 90 + 10 req/s
    expect(text).toContain('10%'); // 10 of 100 failed
    expect(text).toContain('250 ms');
  });
});

describe('DetailsPanel dashboard link: only http(s)', () => {
  it.each([
    { desc: 'javascript: template', template: 'javascript:alert(1)' },
    { desc: 'javascript: with a placeholder', template: 'javascript:alert("{service}")' },
    { desc: 'JAVASCRIPT: in capitals after spaces', template: '  JAVASCRIPT:alert(1)' },
    { desc: 'javascript: hiding an https URL in a comment', template: 'javascript:alert(1)//https://grafana.example/{service}' },
    { desc: 'a tab inside the scheme', template: 'java\tscript:alert(1)' },
    { desc: 'data: URL', template: 'data:text/html,<script>window.__pwned=1</script>' },
    { desc: 'vbscript: URL', template: 'vbscript:msgbox(1)' },
    { desc: 'relative URL', template: '/d/{service}' },
    { desc: 'https without slashes', template: 'https:grafana.example/{service}' },
    { desc: 'the service as the whole URL', template: '{service}' },
  ])('no link for $desc', ({ template }) => {
    const { container } = render(<DetailsPanel selection={serviceSel(HOSTILE.js)} datacenter="eu" quantile={0.95} dashboardTemplate={template} />);
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expectInert(container);
  });

  it('a link for a service only, not for the internet or an external callee', () => {
    for (const kind of ['internet', 'external', 'remote'] as const) {
      const sel: Selection = { kind: 'node', node: node('x', kind, { incoming: TRAFFIC }) };
      const { container, unmount } = render(<DetailsPanel selection={sel} datacenter="eu" quantile={0.95} dashboardTemplate={GRAFANA} />);
      expect(container.querySelectorAll('a'), kind).toHaveLength(0);
      unmount();
    }
  });

  it('the link opens a new tab without an opener', () => {
    const { container } = render(<DetailsPanel selection={serviceSel('api')} datacenter="eu" quantile={0.95} dashboardTemplate={GRAFANA} />);
    const a = container.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://grafana.example/d/abc?var-service=api&var-datacenter=eu');
    expect(a?.getAttribute('rel')).toContain('noopener');
  });
});

describe('dashboardLink', () => {
  it.each([
    { desc: 'a javascript: service name is encoded into the path', template: 'https://g.example/s/{service}', service: HOSTILE.js, want: 'https://g.example/s/javascript%3Aalert(1)' },
    { desc: 'markup is encoded', template: 'https://g.example/?s={service}', service: HOSTILE.img, want: `https://g.example/?s=${encodeURIComponent(HOSTILE.img)}` },
    { desc: 'a service cannot complete the scheme', template: 'http{service}', service: 's://evil.example', want: null },
    { desc: 'a service cannot change the host: an invalid URL gives no link', template: 'https://g.example{service}', service: '@evil.example', want: null },
    { desc: 'a service cannot leave the path', template: 'https://g.example/{service}', service: '//evil.example/../x', want: 'https://g.example/%2F%2Fevil.example%2F..%2Fx' },
    { desc: 'javascript: hiding an https URL', template: 'javascript:alert(1)//https://g.example/', service: 'x', want: null },
    { desc: 'an empty template', template: '', service: 'x', want: null },
    { desc: 'HTTP in capitals is fine', template: 'HTTP://g.example/{service}', service: 'x', want: 'HTTP://g.example/x' },
  ])('$desc', ({ template, service, want }) => {
    const link = dashboardLink(template, service, 'eu');
    expect(link).toBe(want);
    if (link !== null) expect(new URL(link).protocol).toMatch(/^https?:$/);
  });
});

describe('DetailsPending (the panel an incident link asks for, before the first answers)', () => {
  it.each([
    { desc: 'an <img onerror> service name', title: HOSTILE.img },
    { desc: 'an edge of "><script> and javascript: names', title: edgeTitle(HOSTILE.script, HOSTILE.js) },
  ])('names it as text: $desc', ({ title }) => {
    const { container } = render(<DetailsPending title={title} />);
    expect(container.querySelector('h2')?.textContent).toBe(title);
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expectInert(container);
  });
});

describe('DetailsPanel: the rule that coloured the selection, and trace and log links', () => {
  const JAEGER = { service: 'https://jaeger.example/search?service={service}&start={from}000', edge: 'https://jaeger.example/search?service={source}&peer={target}' };

  it('names the rule of a node, as text', () => {
    const sel: Selection = { kind: 'node', node: { ...node('payment-api', 'service', { incoming: TRAFFIC, health: 'danger' }), healthReason: 'latency 1.20 s ≥ danger 1 s (override payment-*)' } };
    const { getByTestId } = render(<DetailsPanel selection={sel} datacenter="eu" quantile={0.95} />);
    expect(getByTestId('health-rule').textContent).toBe('Danger: latency 1.20 s ≥ danger 1 s (override payment-*)');
    expect(getByTestId('health-rule').getAttribute('data-health')).toBe('danger');
  });

  it('a reason made of a hostile pattern stays text', () => {
    const sel: Selection = { kind: 'edge', edge: { ...edge('web', 'x', TRAFFIC, 'warning'), healthReason: `errors 2.0% ≥ warning 1% (override ${HOSTILE.img})` } };
    const { container, getByTestId } = render(<DetailsPanel selection={sel} datacenter="eu" quantile={0.95} />);
    expect(getByTestId('health-rule').textContent).toContain(HOSTILE.img);
    expectInert(container);
  });

  it('no reason, no line (a healthy node under plain error thresholds)', () => {
    const { queryByTestId } = render(<DetailsPanel selection={serviceSel('api')} datacenter="eu" quantile={0.95} />);
    expect(queryByTestId('health-rule')).toBeNull();
  });

  it('trace links of a hostile service name stay on the template\'s host, next to the dashboard link', () => {
    const { container } = render(<DetailsPanel selection={serviceSel(HOSTILE.js)} datacenter="eu" quantile={0.95} dashboardTemplate={GRAFANA} tools={{ traces: JAEGER }} evaluatedAt={1_700_000_000} />);
    const links = [...container.querySelectorAll('.details__links a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links.map(([name]) => name)).toEqual(['Open dashboard', 'Traces']);
    const traces = new URL(links[1]?.[1] ?? '');
    expect(traces.origin).toBe('https://jaeger.example');
    expect(traces.searchParams.get('service')).toBe(HOSTILE.js);
    expect(traces.searchParams.get('start')).toBe(`${(1_700_000_000 - 3600) * 1000}000`);
    expectInert(container);
  });
});
