/**
 * The rates and latencies the app's view queries answer, against the same written plainly: the
 * rates summed by the two ends (their groups, for a grouped view), and one `histogram_quantile`
 * of the buckets summed so, over the series whose two ends are both in the view's datacenter.
 * Both at one evaluation time, on one server, so both read the same samples.
 */
import { readLatencyRows, readRateRows } from '../../src/conventions/rows.ts';
import { textReader } from '../../src/conventions/scannedRows.ts';
import { standardConvention } from '../../src/conventions/standard.ts';
import type { QueryKind } from '../../src/conventions/types.ts';
import { viewConvention } from '../../src/conventions/viewConvention.ts';
import { buildViewQuery } from '../../src/conventions/viewQueries.ts';
import { rowsOf } from '../../src/graph/rowSource.ts';
import type { InstantSample } from '../../src/prometheus/types.ts';
import type { GroupSource, ViewScope } from '../../src/graph/scope.ts';
import { instantQuery } from './realTruth.ts';

const RULE: GroupSource = { kind: 'rule', regex: '([^-]+)-.+' };

export interface ViewAnswerCheck {
  /** Pairs of nodes compared (both ends in the datacenter), over the four queries. */
  readonly compared: number;
  /** What differs: a pair only one side has, or a value more than 1e-6 apart. */
  readonly problems: readonly string[];
  /** Answers the app read from their text (conventions/scannedRows.ts) rather than parsed, of all compared. */
  readonly readFromText: number;
  readonly answers: number;
}

/**
 * The app's answer to `promql` as the app asks for it (a form POST), read by the app's text
 * reader and by its parse: whether the reader read it, and where the two differ.
 */
async function readersAgree(url: string, promql: string, kind: QueryKind, dc: string, time: number): Promise<{ read: boolean; problem?: string }> {
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: promql, time: String(time) }).toString(), signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const convention = viewConvention(standardConvention, dc);
  const scanned = textReader(convention, kind)?.(text);
  if (!scanned) return { read: false };
  const samples = (JSON.parse(text) as { data: { result: InstantSample[] } }).data.result;
  const parsed = kind === 'egressRate' || kind === 'ingressRate' ? readRateRows(convention, kind, samples) : readLatencyRows(convention, kind, samples);
  const same = JSON.stringify(rowsOf<object>(scanned.rows.source)) === JSON.stringify(rowsOf<object>(parsed.source)) && parsed.problems.length === 0;
  return same ? { read: true } : { read: true, problem: `${kind}: the rows read from the text differ from those of its parse` };
}

const QUERIES = [
  ['egressRate', 'traffic_egress_requests_total'],
  ['ingressRate', 'traffic_ingress_requests_total'],
  ['egressLatency', 'traffic_egress_request_duration_seconds_bucket'],
  ['ingressLatency', 'traffic_ingress_request_duration_seconds_bucket'],
] as const;

/** The four answers of the datacenter view of `dc`, flat and by group (`RULE`), at `time`. */
export async function viewAnswerMismatches(url: string, dc: string, rateWindow: string, time: number): Promise<ViewAnswerCheck> {
  const problems: string[] = [];
  let compared = 0;
  let readFromText = 0;
  let answers = 0;
  const scopes: { desc: string; scope: ViewScope; regex: string; replacement: string }[] = [
    { desc: 'flat', scope: { level: 'datacenter', dc, grouped: false }, regex: '(.*)', replacement: '$1' },
    // A name the rule captures nothing from is its own group.
    { desc: 'by group', scope: { level: 'datacenter', dc, grouped: true }, regex: '(?:([^-]+)-.+)|(.+)', replacement: '$1$2' },
  ];
  for (const { desc, scope, regex, replacement } of scopes) {
    for (const [kind, metric] of QUERIES) {
      const latency = kind === 'egressLatency' || kind === 'ingressLatency';
      const promql = buildViewQuery(standardConvention, { rateWindow, latencyQuantile: 0.95, grouping: RULE }, scope, kind);
      const app = await instantQuery(url, promql, time);
      const text = await readersAgree(url, promql, kind, dc, time);
      answers++;
      if (text.read) readFromText++;
      if (text.problem) problems.push(`${desc} ${text.problem}`);
      const selected = `${metric}{datacenter=${JSON.stringify(dc)}, peer_datacenter=${JSON.stringify(dc)}}`;
      const named = `label_replace(label_replace(rate(${selected}[${rateWindow}]), "a", "${replacement}", "service", "${regex}"), "b", "${replacement}", "peer_service", "${regex}")`;
      const plain = await instantQuery(url, latency ? `histogram_quantile(0.95, sum by (a, b, le) (${named}))` : `sum by (a, b) (${named})`, time);
      // The app's answer leaves out both datacenters where both ends are in the view's
      // (VictoriaMetrics 1.79.5 leaves the caller's in: the app reads both forms alike).
      const home = (v: string | undefined): boolean => v === undefined || v === dc;
      // A rate answer has a series per status class: summed.
      const got = new Map<string, number>();
      for (const s of app) {
        if (!home(s.metric.tm_dc) || !home(s.metric.tm_pdc)) continue;
        const pair = `${s.metric.tm_node} -> ${s.metric.tm_peer}`;
        got.set(pair, latency ? s.value : (got.get(pair) ?? 0) + s.value);
      }
      const bothLeftOut = new Set(app.filter((s) => s.metric.tm_dc === undefined && s.metric.tm_pdc === undefined).map((s) => `${s.metric.tm_node} -> ${s.metric.tm_peer}`));
      const want = new Map(plain.map((s) => [`${s.metric.a} -> ${s.metric.b}`, s.value]));
      for (const [pair, v] of want) {
        const g = got.get(pair);
        if (g === undefined) problems.push(`${desc} ${kind} ${pair}: not in the app's answer`);
        else if (!(Number.isNaN(v) && Number.isNaN(g)) && !(Math.abs(g - v) <= 1e-6 * Math.abs(v) + (latency ? 0 : 1e-12))) problems.push(`${desc} ${kind} ${pair}: app ${g}, plain ${v}`);
        else compared++;
      }
      for (const pair of bothLeftOut) if (!want.has(pair)) problems.push(`${desc} ${kind} ${pair}: only in the app's answer`);
    }
  }
  return { compared, problems, readFromText, answers };
}

/**
 * `viewAnswerMismatches` at the server's latest data, tried again on newer data while pairs are
 * missing or differ (right after start-up, histograms of a pair keep appearing; a scrape being
 * committed between the two queries moves one of them): the last try's result.
 */
export async function latestViewAnswerCheck(url: string, dc: string, rateWindow: string, timeoutMs = 30_000): Promise<ViewAnswerCheck> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Two seconds back: VictoriaMetrics makes a sample searchable about a second after its scrape.
    const check = await viewAnswerMismatches(url, dc, rateWindow, Math.floor(Date.now() / 1000) - 2);
    if ((check.problems.length === 0 && check.compared > 10) || Date.now() > deadline) return check;
    await new Promise((ok) => setTimeout(ok, 1_000));
  }
}
