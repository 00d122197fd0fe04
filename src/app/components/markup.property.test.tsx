// @vitest-environment jsdom
import { idText } from '../../graph/displayNames.ts';
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../config/parse.ts';
import { expectInert } from '../__fixtures__/dom.ts';
import { edge, node, stats, view } from '../__fixtures__/graph.ts';
import { labelValue } from '../__fixtures__/hostileArbitraries.ts';
import type { Selection } from '../currentView.ts';
import { Banner } from './Banner.tsx';
import { ConfigErrorPage } from './ConfigErrorPage.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { TableView } from './TableView.tsx';

/**
 * Properties over arbitrary strings (markup, `javascript:`, quotes, unicode): whatever a label
 * value, an error message or config text holds, the components show it as text and make no
 * element, handler or script link of it. Few runs: each one renders React into jsdom.
 */

afterEach(cleanup);
const RUNS = { numRuns: 40 };
/** What the DOM keeps of a string: text nodes cannot hold U+0000 or lone surrogates as such. */
const hostile = fc.oneof(labelValue, fc.constantFrom('<img src=x onerror="window.__pwned=1">', 'javascript:alert(1)', '<a href="javascript:alert(1)">x</a>', '<svg onload=alert(1)>'))
  .filter((s) => s.trim() !== '' && !s.includes('\u0000') && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s));
const T = 1_700_000_000;

/** Renders, checks, unmounts: one property run leaves no DOM behind for the next. */
function check(ui: React.ReactElement, texts: readonly string[]): void {
  const { container, unmount } = render(ui);
  try {
    const text = container.textContent ?? '';
    for (const t of texts) expect(text).toContain(t);
    expectInert(container);
  } finally {
    unmount();
  }
}

describe('components show arbitrary strings as text', () => {
  it('TableView: node and edge names', () => {
    fc.assert(fc.property(hostile, hostile, (a, b) => {
      fc.pre(a !== b);
      const v = view([node(a, 'service', { incoming: stats({ '2xx': 1 }) }), node(b, 'external')], [edge(a, b, stats({ '2xx': 1, '5xx': 1 }), 'danger', '50% errors')]);
      check(<TableView view={v} quantile={0.95} evaluatedAt={T} dimmed={false} onSelectEdge={vi.fn()} />, [a, b]);
    }), RUNS);
  });

  it('DetailsPanel: a service, its datacenter, a dashboard template and a details error', () => {
    fc.assert(fc.property(hostile, hostile, fc.oneof(hostile, fc.constantFrom('https://g.example/{service}?dc={datacenter}', 'javascript:alert("{service}")', '{service}')), hostile, (name, dc, template, error) => {
      const sel: Selection = { kind: 'node', node: { ...node(name, 'service', { incoming: stats({ '2xx': 1 }) }), datacenter: dc as never } };
      check(<DetailsPanel selection={sel} datacenter={dc} quantile={0.95} dashboardTemplate={template} detailsError={error} />, [name, error]);
    }), RUNS);
  });

  it('DetailsPanel: an edge between two hostile names', () => {
    fc.assert(fc.property(hostile, hostile, (a, b) => {
      const sel: Selection = { kind: 'edge', edge: edge(a, b, stats({ '2xx': 1 })) };
      // Edge ends are ids: shown as their text (`dc:us` is another datacenter's node).
      check(<DetailsPanel selection={sel} datacenter="eu" quantile={0.5} />, [`${idText(a)} → ${idText(b)}`]);
    }), RUNS);
  });

  it('Banner: any error message, failing, stale or failed', () => {
    fc.assert(fc.property(hostile, fc.constantFrom('failed', 'failing', 'stale'), (message, kind) => {
      const liveness = kind === 'failed' ? { kind, message } as const : { kind, ageMs: 1000, message } as const;
      check(<Banner liveness={liveness} lastGoodAt={T * 1000} onBackToLive={vi.fn()} />, [message]);
    }), RUNS);
  });

  it('ProblemsPanel: notes, warnings and problems', () => {
    fc.assert(fc.property(hostile, hostile, hostile, (note, warning, value) => {
      check(<ProblemsPanel notes={[note]} warnings={[warning]} problems={[{ kind: 'unknown-datacenter', datacenter: value, count: 1, example: value }]} />, [note, warning, value]);
    }), RUNS);
  });

  it('ConfigErrorPage: the problems parseConfig finds in a config made of hostile text', () => {
    fc.assert(fc.property(hostile, hostile, hostile, (url, key, link) => {
      const result = parseConfig({ prometheus: { url }, [key]: link, links: { dashboard: link }, title: link });
      const problems = result.ok ? [{ path: key, message: link }] : result.problems;
      check(<ConfigErrorPage problems={problems} url={url} />, [url]);
    }), RUNS);
  });

  it('the crash page: any error message thrown while rendering', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      fc.assert(fc.property(hostile, (message) => {
        const Boom = () => { throw new Error(message); };
        check(<ErrorBoundary retryMs={60_000}><Boom /></ErrorBoundary>, [message]);
      }), RUNS);
    } finally {
      quiet.mockRestore();
    }
  });
});
