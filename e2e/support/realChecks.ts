/** Assertions shared by the real-server specs: the table against PromQL, health of one edge/node. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { compareRates, expectedEdgeRates, readEdgesTable } from './realTruth.ts';
import type { Mismatch, TableSnapshot } from './realTruth.ts';

/**
 * Compares every edge of the table with PromQL at the table's evaluation time. A server may
 * still be committing a scrape that started just before that time when the app asks (and
 * VictoriaMetrics makes samples searchable about a second late), so a mismatch (or a table still
 * missing edges whose series have one sample only) is checked again on the next refreshes;
 * `attempts` refreshes in a row failing is a failure.
 */
export async function expectTableMatchesPromQL(page: Page, serverUrls: readonly string[], dc: string, rateWindow: string, attempts = 3): Promise<void> {
  await expectTableMatches(page, dc, (time) => expectedEdgeRates(serverUrls, dc, time, rateWindow), attempts);
}

/** The same comparison with any truth: expected req/s per "source -> target" at an evaluation time (and the table read then). */
export async function expectTableMatches(
  page: Page, dc: string, truthAt: (time: number, table: TableSnapshot) => Promise<ReadonlyMap<string, number>>, attempts = 3, opts: TableCheckOptions = {},
): Promise<void> {
  const minRows = opts.minRows ?? 11;
  let last: { at: number; mismatches: Mismatch[]; rows: number } = { at: 0, mismatches: [], rows: 0 };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const previous = last.at;
      await expect.poll(async () => (await readEdgesTable(page)).evaluatedAt, { timeout: opts.refreshTimeoutMs ?? 30_000 }).toBeGreaterThan(previous);
    }
    const table = await readEdgesTable(page);
    expect(table.evaluatedAt, 'the edges table says when its data was evaluated (data-evaluated-at)').toBeGreaterThan(1e9);
    const truth = await truthAt(table.evaluatedAt, table);
    last = { at: table.evaluatedAt, mismatches: compareRates(table, truth, 0.02, opts.absolute), rows: table.rows.length };
    if (last.mismatches.length === 0 && last.rows >= minRows) break;
    console.log(`${dc} at ${table.evaluatedAt}: attempt ${attempt}: ${last.rows} rows, mismatches ${JSON.stringify(last.mismatches)}`);
  }
  expect(last.rows, `${dc}: edges in the table`).toBeGreaterThanOrEqual(minRows);
  expect(last.mismatches, `${dc}: edges whose rate differs from PromQL by more than 2 %`).toEqual([]);
}

export interface TableCheckOptions {
  /** The table must have at least this many rows (default 11). */
  readonly minRows?: number;
  /** req/s under which a difference never counts (default 0.05, whole requests on quiet edges). */
  readonly absolute?: number;
  /** How long the next refresh may take to arrive, ms (default 30 s). */
  readonly refreshTimeoutMs?: number;
}

/** Health ("normal" | "warning" | "danger") of a table row and of a node, or "" when absent. */
export async function healthOf(page: Page, edge: { source: string; target: string }, node: string): Promise<{ edge: string; node: string }> {
  return page.evaluate(({ edge, node }) => {
    const health = (el: Element | null | undefined): string =>
      [...(el?.classList ?? [])].find((c) => c.startsWith('health-'))?.slice('health-'.length) ?? '';
    const row = [...document.querySelectorAll('[data-testid="edges-table"] tbody tr')]
      .find((tr) => tr.getAttribute('data-source') === edge.source && tr.getAttribute('data-target') === edge.target);
    const nodeRow = [...document.querySelectorAll('[data-testid="nodes-table"] tbody tr')]
      .find((tr) => tr.querySelector('td')?.textContent === node);
    return { edge: health(row), node: health(nodeRow) };
  }, { edge, node });
}
