// @vitest-environment jsdom
import { cleanup, fireEvent, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectInert } from '../__fixtures__/dom.ts';
import { edge, HOSTILE, node, stats, view } from '../__fixtures__/graph.ts';
import { TableView } from './TableView.tsx';

afterEach(cleanup);

const T = Date.UTC(2025, 0, 1, 12, 0, 0) / 1000;
const HOSTILE_VIEW = view(
  [
    node(HOSTILE.img, 'service', { incoming: stats({ '2xx': 10 }) }),
    node(HOSTILE.script, 'external', { incoming: stats({ '2xx': 5, '5xx': 5 }), health: 'danger' }),
    node(HOSTILE.js, 'service'),
  ],
  [
    edge(HOSTILE.js, HOSTILE.img, stats({ '2xx': 20 }, 0.05)),
    edge(HOSTILE.img, HOSTILE.script, stats({ '2xx': 5, '5xx': 5 }), 'danger', '50% errors'),
  ],
);

const renderTable = (onSelectEdge = vi.fn()) =>
  render(<TableView view={HOSTILE_VIEW} quantile={0.95} evaluatedAt={T} dimmed={false} onSelectEdge={onSelectEdge} />);

describe('TableView renders label values as text', () => {
  it('every hostile name appears literally, no element or link is made of it', () => {
    const { container } = renderTable();
    const edges = within(container.querySelector('[data-testid="edges-table"]') as HTMLElement);
    const nodes = within(container.querySelector('[data-testid="nodes-table"]') as HTMLElement);
    for (const name of Object.values(HOSTILE)) {
      expect(edges.getAllByText(name, { exact: true }).length).toBeGreaterThan(0);
      expect(nodes.getAllByText(name, { exact: true })).toHaveLength(1);
    }
    expectInert(container);
  });

  it('data attributes hold the raw names', () => {
    const { container } = renderTable();
    const rows = [...container.querySelectorAll('tr[data-source]')];
    expect(rows.map((r) => [r.getAttribute('data-source'), r.getAttribute('data-target')])).toEqual([
      [HOSTILE.js, HOSTILE.img], // 20/s before 10/s: sorted by requests, descending
      [HOSTILE.img, HOSTILE.script],
    ]);
  });

  it('a click on a row selects that edge by its raw names', () => {
    const onSelectEdge = vi.fn();
    const { container } = renderTable(onSelectEdge);
    const row = [...container.querySelectorAll('tr[data-source]')].find((r) => r.getAttribute('data-target') === HOSTILE.script);
    fireEvent.click(row as Element);
    expect(onSelectEdge).toHaveBeenCalledExactlyOnceWith(HOSTILE.img, HOSTILE.script);
  });

  it('sorting by a name column keeps everything inert', () => {
    const { container, getByRole } = renderTable();
    fireEvent.click(getByRole('button', { name: /Source/ }));
    expect(getByRole('columnheader', { name: /Source/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(getByRole('button', { name: /Source/ }));
    expect(getByRole('columnheader', { name: /Source/ }).getAttribute('aria-sort')).toBe('descending');
    expectInert(container);
  });

  it('a numeric column sorts descending first, a name column ascending first', () => {
    const { getByRole } = renderTable();
    expect(getByRole('columnheader', { name: /Requests/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(getByRole('button', { name: /Latency/ }));
    expect(getByRole('columnheader', { name: /Latency/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(getByRole('button', { name: /Target/ }));
    expect(getByRole('columnheader', { name: /Target/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('shows the counts and the evaluation time', () => {
    const { container } = renderTable();
    expect(container.querySelector('[data-testid="edges-table"]')?.getAttribute('data-evaluated-at')).toBe(String(T));
    expect(container.querySelector('[data-testid="edges-table"] caption')?.textContent).toMatch(/^Edges \(2\) at .*; latency is p95$/);
    expect(container.querySelector('[data-testid="nodes-table"] caption')?.textContent).toBe('Nodes (3)');
  });
});

describe('TableView: the baseline column', () => {
  const v = view(
    [
      { ...node('web', 'service', { incoming: stats({ '2xx': 18 }) }), baseline: { rate: 100, change: -0.82, verdict: 'drop' as const } },
      { ...node('new', 'service', { incoming: stats({ '2xx': 5 }) }), baseline: { rate: NaN, change: NaN, verdict: 'none' as const } },
    ],
    [
      { ...edge('INTERNET', 'web', stats({ '2xx': 18 })), baseline: { rate: 100, change: -0.82, verdict: 'drop' as const } },
      { ...edge('web', 'new', stats({ '2xx': 5 })), baseline: { rate: NaN, change: NaN, verdict: 'none' as const } },
    ],
  );
  it('a column named after the offset, a drop marked, no data said as "no baseline" (never -100 %)', () => {
    const { container } = render(<TableView view={v} quantile={0.95} evaluatedAt={T} dimmed={false} onSelectEdge={vi.fn()} baseline="1d" />);
    const edges = container.querySelector('[data-testid="edges-table"]') as HTMLElement;
    expect(within(edges).getByRole('button', { name: 'vs yesterday' })).toBeDefined();
    const cell = (table: HTMLElement, name: string) => table.querySelector(`tr[data-target="${name}"] [data-baseline]`) ?? [...table.querySelectorAll('tr')].find((r) => r.textContent?.startsWith(name))?.querySelector('[data-baseline]');
    expect(cell(edges, 'web')?.textContent).toBe('\u25BC \u221282 % vs yesterday');
    expect(cell(edges, 'web')?.getAttribute('data-baseline')).toBe('drop');
    expect(cell(edges, 'new')?.textContent).toBe('no baseline');
    const nodes = container.querySelector('[data-testid="nodes-table"]') as HTMLElement;
    expect(cell(nodes, 'web')?.textContent).toBe('\u25BC \u221282 % vs yesterday');
    expect(cell(nodes, 'new')?.textContent).toBe('no baseline');
    expect(container.textContent).not.toContain('100 %');
  });
  it('off: no column', () => {
    const { container } = render(<TableView view={v} quantile={0.95} evaluatedAt={T} dimmed={false} onSelectEdge={vi.fn()} />);
    expect(container.querySelector('[data-baseline]')).toBeNull();
  });
});
