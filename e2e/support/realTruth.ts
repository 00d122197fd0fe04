/**
 * The truth the real-server tests compare the app with: the per-edge request rates of one
 * datacenter view, computed from our own PromQL against the same server at the same evaluation
 * time. The edge placement follows the documented convention (README "metric convention"), not
 * the app's code: egress series are the caller's view of a call; ingress series add only calls
 * whose caller reports no egress (the internet, uninstrumented callers); a service of another
 * datacenter is drawn as the node "dc:<name>", the internet as "INTERNET".
 */
import type { Page } from '@playwright/test';

export interface Sample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

/** An instant query; throws on any failure (the truth must not be partial). */
export async function instantQuery(baseUrl: string, promql: string, time: number): Promise<Sample[]> {
  const url = `${baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}&time=${time}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== 'success' || body.data?.resultType !== 'vector') throw new Error(`${promql}: ${body.error ?? res.status}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

const BY = 'datacenter, service, peer_datacenter, peer_service';

/**
 * Expected req/s per edge ("source -> target") of the view of `dc`, at `time` (unix s), from
 * the union of the servers' answers (one Prometheus per datacenter: each holds its own series).
 */
export async function expectedEdgeRates(baseUrls: readonly string[], dc: string, time: number, rateWindow: string): Promise<Map<string, number>> {
  const edges = await placedEdges(baseUrls, time, rateWindow);
  const place = (e: End): string => (e === 'internet' ? 'INTERNET' : e.dc === dc || e.dc === '' ? e.name : `dc:${e.dc}`);
  const inView = (e: End): boolean => e !== 'internet' && e.dc === dc;
  const out = new Map<string, number>();
  for (const { from, to, rate } of edges) {
    if (!inView(from) && !inView(to)) continue;
    const k = `${place(from)} -> ${place(to)}`;
    out.set(k, (out.get(k) ?? 0) + rate);
  }
  return out;
}

/** One end of a call: a service (or callee) in a datacenter ('' = none known), or the internet. */
export type End = { readonly dc: string; readonly name: string } | 'internet';

/** One call between two services (or the internet) and its req/s. */
export interface PlacedEdge {
  readonly from: End;
  readonly to: End;
  readonly rate: number;
}

/**
 * Every call of the platform at `time` (unix s), service to service, placed as the documented
 * convention says, from the union of the servers' answers (one Prometheus per datacenter: each
 * holds its own series). The views of every level are sums of these.
 */
export async function placedEdges(baseUrls: readonly string[], time: number, rateWindow: string): Promise<PlacedEdge[]> {
  const ask = async (metric: string): Promise<Sample[]> =>
    (await Promise.all(baseUrls.map((url) => instantQuery(url, `sum by (${BY}) (rate(${metric}[${rateWindow}]))`, time)))).flat();
  const [egress, ingress] = await Promise.all([ask('traffic_egress_requests_total'), ask('traffic_ingress_requests_total')]);
  const key = (d: string, s: string): string => `${d}/${s}`;
  const senders = new Set(egress.map((r) => key(r.metric.datacenter ?? '', r.metric.service ?? '')));
  const services = new Set([...senders, ...ingress.map((r) => key(r.metric.datacenter ?? '', r.metric.service ?? ''))]);
  const out: PlacedEdge[] = [];
  for (const { metric: m, value } of egress) {
    const callerDc = m.datacenter ?? '';
    const peer = m.peer_service ?? '';
    const calleeDc = m.peer_datacenter || (services.has(key(callerDc, peer)) ? callerDc : '');
    out.push({ from: { dc: callerDc, name: m.service ?? '' }, to: { dc: calleeDc, name: peer }, rate: value });
  }
  for (const { metric: m, value } of ingress) {
    const peer = m.peer_service ?? '';
    const callee = { dc: m.datacenter ?? '', name: m.service ?? '' };
    if (peer === '' || peer === 'internet') {
      out.push({ from: 'internet', to: callee, rate: value });
      continue;
    }
    const callerDc = m.peer_datacenter || callee.dc;
    if (senders.has(key(callerDc, peer))) continue; // the caller's egress already counts it
    out.push({ from: { dc: m.peer_datacenter ?? '', name: peer }, to: callee, rate: value });
  }
  return out;
}

export interface TableSnapshot {
  readonly evaluatedAt: number;
  readonly rows: readonly { readonly edge: string; readonly rate: number; readonly health: string }[];
}

/** The edges table as one consistent snapshot (rows and evaluation time read together). */
export async function readEdgesTable(page: Page): Promise<TableSnapshot> {
  return page.getByTestId('edges-table').evaluate((table) => ({
    evaluatedAt: Number(table.getAttribute('data-evaluated-at')),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
      edge: `${tr.getAttribute('data-source') ?? ''} -> ${tr.getAttribute('data-target') ?? ''}`,
      rate: Number(tr.getAttribute('data-rate')),
      health: [...tr.classList].find((c) => c.startsWith('health-'))?.slice('health-'.length) ?? '',
    })),
  }));
}

export interface Mismatch {
  readonly edge: string;
  readonly app: number | null;
  readonly truth: number | null;
}

/**
 * Edges whose rate differs by more than `relative` (and by more than `absolute` req/s, the
 * granularity of whole requests on quiet edges), edges only one side has, and the edge count.
 */
export function compareRates(table: TableSnapshot, truth: ReadonlyMap<string, number>, relative = 0.02, absolute = 0.05): Mismatch[] {
  const out: Mismatch[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    seen.add(row.edge);
    const expected = truth.get(row.edge);
    if (expected === undefined) {
      if (row.rate > absolute) out.push({ edge: row.edge, app: row.rate, truth: null });
      continue;
    }
    if (Math.abs(row.rate - expected) > Math.max(relative * expected, absolute)) out.push({ edge: row.edge, app: row.rate, truth: expected });
  }
  for (const [edge, rate] of truth) if (!seen.has(edge) && rate > absolute) out.push({ edge, app: null, truth: rate });
  return out;
}
