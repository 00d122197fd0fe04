/**
 * Read + build against `JSON.parse` on a real Prometheus's answers: the views benchmark's measure
 * (bench/views.bench.ts, the 2x target) taken on what Debian's Prometheus answers the app's own
 * view queries, rather than on the simulated Prometheus's answers. A real answer lists its series
 * in its own order (a `sum by` lists its groups as it first meets them in its sorted input), and
 * a number of digits of its own; this says whether the figures hold on them.
 *
 *   npx tsx bench/real-views.ts                                  # starts the simulator (2,000 x 2) and Prometheus (10 s)
 *   npx tsx bench/real-views.ts --services 400 --groups 12 --settle 30
 *   npx tsx bench/real-views.ts --prometheus http://127.0.0.1:9090  # a server already scraping (standard convention)
 *   --seconds S (timing per view, default 3), --datacenter eu-west, --window 1m
 *
 * For each view (global; the datacenter as groups; its largest group; the group of its quietest
 * service; the focus of its quietest and of its busiest service): samples, bytes, how many of a
 * rate answer's rows follow a row of the same pair of nodes, whether the app read the answers from
 * their text, and read + build against parse, timed in a fresh process as the views benchmark does.
 * Prints a table; asserts nothing about speed.
 */
import { PRESETS } from '../src/config/presets.ts';
import { DEFAULTS } from '../src/config/defaults.ts';
import { textReader } from '../src/conventions/scannedRows.ts';
import { buildServiceListQuery, SERVICE_LIST_LABELS } from '../src/conventions/serviceListQuery.ts';
import { viewConvention } from '../src/conventions/viewConvention.ts';
import { buildViewQueries } from '../src/conventions/viewQueries.ts';
import type { GroupSource, ViewScope } from '../src/graph/scope.ts';
import { groupsOf, readServiceList } from '../src/graph/serviceList.ts';
import type { BuildParams } from '../src/graph/types.ts';
import type { InstantSample } from '../src/prometheus/types.ts';
import { onLargePrometheus } from './support/largePrometheus.ts';
import { table } from './support/measure.ts';
import type { Body } from './support/viewBuild.ts';
import { timeViewApart } from './support/viewTiming.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] ?? fallback : fallback;
};
const SERVICES = Number(arg('services', '2000'));
const GROUPS = Number(arg('groups', '40'));
const WINDOW = arg('window', '1m');
const DC = arg('datacenter', 'eu-west');
const SECONDS = Number(arg('seconds', '3'));
const SETTLE = Number(arg('settle', '60'));
const given = arg('prometheus', '');

const convention = PRESETS.standard;
const grouping: GroupSource = { kind: 'rule', regex: '([^-]+)-.+' };
const queryParams = { rateWindow: WINDOW, latencyQuantile: 0.95, grouping };
const params: BuildParams = {
  thresholds: { warning: DEFAULTS.warning, danger: DEFAULTS.danger, errorClasses: DEFAULTS.errorClasses, minRate: DEFAULTS.minRate },
  internetPeers: convention.internetPeers, maxNodesPerView: 80,
};

/** The answer's text, asked as the app asks (a form POST at `time`). */
async function answer(url: string, promql: string, time: number): Promise<string> {
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: promql, time: String(time) }), signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 200)}: ${promql.slice(0, 200)}`);
  return text;
}

/** Of a rate answer's rows, those whose row before names the same pair of nodes. */
function together(body: string): number {
  const rows = (JSON.parse(body) as { data: { result: InstantSample[] } }).data.result;
  const pair = (s: InstantSample | undefined) => (s ? `${s.metric.tm_dc ?? ''}\u0000${s.metric.tm_node ?? ''}\u0000${s.metric.tm_pdc ?? ''}\u0000${s.metric.tm_peer ?? ''}` : '');
  return rows.filter((s, i) => i > 0 && pair(s) === pair(rows[i - 1])).length;
}

/** The measures, on the server at `url`. */
async function measure(url: string): Promise<void> {
  const time = Math.floor(Date.now() / 1000) - 5;
  const list = readServiceList((JSON.parse(await answer(url, buildServiceListQuery(convention, grouping), time)) as { data: { result: InstantSample[] } }).data.result, SERVICE_LIST_LABELS);
  const ranked = async (order: 'bottomk' | 'topk'): Promise<string> => {
    const q = `${order}(1, sum by (service) (rate(traffic_ingress_requests_total{datacenter="${DC}"}[${WINDOW}])) > 0)`;
    const rows = (JSON.parse(await answer(url, q, time)) as { data: { result: InstantSample[] } }).data.result;
    return rows[0]?.metric.service ?? '';
  };
  const [quiet, busy] = [await ranked('bottomk'), await ranked('topk')];
  const groupOf = (service: string): string => list.services.get(DC)?.get(service) || service;
  const largest = [...groupsOf(list, DC)].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const views: { name: string; scope: ViewScope }[] = [
    { name: 'global', scope: { level: 'global' } },
    { name: `datacenter ${DC}, grouped`, scope: { level: 'datacenter', dc: DC, grouped: true } },
    { name: `group ${largest} (largest)`, scope: { level: 'group', dc: DC, group: largest } },
    { name: `group ${groupOf(quiet)} (of the quietest service)`, scope: { level: 'group', dc: DC, group: groupOf(quiet) } },
    { name: `focus ${quiet} (quietest)`, scope: { level: 'focus', dc: DC, service: quiet } },
    { name: `focus ${busy} (busiest)`, scope: { level: 'focus', dc: DC, service: busy } },
  ];
  const rows: (string | number)[][] = [];
  for (const { name, scope } of views) {
    const bodies: Body[] = [];
    for (const q of buildViewQueries(convention, queryParams, scope)) bodies.push({ kind: q.kind, body: await answer(url, q.promql, time) });
    const reading = viewConvention(convention, scope.level === 'global' ? undefined : scope.dc);
    const read = bodies.filter((b) => textReader(reading, b.kind)?.(b.body)).length;
    const samples = bodies.reduce((n, b) => n + (JSON.parse(b.body) as { data: { result: unknown[] } }).data.result.length, 0);
    const rates = bodies.filter((b) => b.kind === 'egressRate' || b.kind === 'ingressRate');
    const rateRows = rates.reduce((n, b) => n + (JSON.parse(b.body) as { data: { result: unknown[] } }).data.result.length, 0);
    const paired = rates.reduce((n, b) => n + together(b.body), 0);
    const { timing } = await timeViewApart({ bodies, scope, list, params, timeS: time, seconds: SECONDS, allocRuns: 1 });
    rows.push([
      name, samples, `${(bodies.reduce((n, b) => n + b.body.length, 0) / 1024).toFixed(1)} kB`, `${rateRows ? ((100 * paired) / rateRows).toFixed(0) : '-'} %`, `${read} of 4`,
      timing.parseMs.toFixed(3), timing.readMs.toFixed(3), timing.buildMs.toFixed(3), `${timing.ratio.toFixed(2)}x`,
    ]);
    console.error(`measured ${name}`);
  }
  console.log(`Prometheus ${url}, ${SERVICES} services x 2 in ${GROUPS} groups, evaluated at ${new Date(time * 1000).toISOString()}; read + build timed in a fresh process per view (median ms of rounds; maxNodesPerView 80)\n`);
  console.log(table(['view', 'samples', 'bytes', 'rate rows after one of their pair', 'read from text', 'parse ms', 'read ms', 'build ms', 'build/parse'], rows));
}

await onLargePrometheus(given, { services: SERVICES, groups: GROUPS, scrapeInterval: '10s' }, { window: WINDOW, scrapes: 4, settleS: SETTLE }, measure);
