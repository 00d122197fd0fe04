/**
 * What each view costs a real Prometheus: the app's queries of every level (the app's own
 * builders: conventions/viewQueries.ts), the service list, and the whole-platform queries
 * (`buildQueries`) as the baseline, each asked with `stats=all`: wall time, Prometheus's
 * evaluation time, samples touched (`totalQueryableSamples`, `peakSamples`), series and bytes
 * returned. Then the same view queries against the recording rules of `npm run rules` (each
 * `rate(metric{...}[w])` replaced by its recorded series), and what the rules cost.
 *
 *   npx tsx bench/prometheus-cost.ts                       # starts the simulator (2,000 x 2) and Prometheus (10 s)
 *   npx tsx bench/prometheus-cost.ts --services 500 --groups 10 --repeat 5
 *   npx tsx bench/prometheus-cost.ts --prometheus http://127.0.0.1:9090   # a server already scraping (standard convention)
 *   --settle S (default 180: seconds after every target's 4th scrape before measuring), --rules-interval 30s
 *   (the rules' evaluation interval), --window 1m, --datacenter eu-west
 *
 * Prints markdown tables; asserts nothing about speed (docs/PERFORMANCE.md has the latest figures).
 */
import { PRESETS } from '../src/config/presets.ts';
import { buildQueries } from '../src/conventions/queries.ts';
import { recordingRules, recordingRulesYaml, RECORDED_STATUS_CLASS } from '../src/conventions/recordingRules.ts';
import type { RecordingRule } from '../src/conventions/recordingRules.ts';
import { STATUS_CLASS_LABEL } from '../src/conventions/types.ts';
import type { BuiltQuery } from '../src/conventions/types.ts';
import { buildServiceListQuery } from '../src/conventions/serviceListQuery.ts';
import { buildViewQueries } from '../src/conventions/viewQueries.ts';
import type { GroupSource, ViewScope } from '../src/graph/scope.ts';
import { scrapeHealth } from '../e2e/support/realLargeStack.ts';
import { onLargePrometheus } from './support/largePrometheus.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] ?? fallback : fallback;
};
const SERVICES = Number(arg('services', '2000'));
const GROUPS = Number(arg('groups', '40'));
const WINDOW = arg('window', '1m');
const REPEAT = Number(arg('repeat', '3'));
const DC = arg('datacenter', 'eu-west');
const given = arg('prometheus', '');
/** Seconds to wait after every target was scraped 4 times: quiet edges' series keep appearing for minutes. */
const SETTLE = Number(arg('settle', '180'));
/** The rules' evaluation interval (Prometheus's `evaluation_interval`). */
const RULES_INTERVAL = arg('rules-interval', '30s');

const convention = PRESETS.standard;
const grouping: GroupSource = { kind: 'rule', regex: '([^-]+)-.+' };
const params = { rateWindow: WINDOW, latencyQuantile: 0.95, grouping };
const rules = recordingRules(convention, WINDOW);

interface Measured {
  readonly wallMs: number;
  readonly evalMs: number;
  readonly samples: number;
  readonly peak: number;
  readonly series: number;
  readonly bytes: number;
  readonly total: number;
}

interface Stats {
  timings?: { evalTotalTime?: number };
  samples?: { totalQueryableSamples?: number; peakSamples?: number };
}

async function ask(url: string, promql: string, time: number): Promise<Measured> {
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: promql, time: String(time), stats: 'all' }), signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  const wallMs = performance.now() - started;
  const body = JSON.parse(text) as { status: string; error?: string; data?: { result?: { value: [number, string] }[]; stats?: Stats } };
  if (body.status !== 'success') throw new Error(`${body.error ?? res.status}: ${promql.slice(0, 200)}`);
  const result = body.data?.result ?? [];
  const stats = body.data?.stats ?? {};
  return {
    wallMs, evalMs: (stats.timings?.evalTotalTime ?? NaN) * 1000,
    samples: stats.samples?.totalQueryableSamples ?? NaN, peak: stats.samples?.peakSamples ?? NaN,
    series: result.length, bytes: Buffer.byteLength(text),
    total: result.reduce((sum, r) => { const v = Number(r.value[1]); return Number.isFinite(v) ? sum + v : sum; }, 0),
  };
}

/** The median of each figure over `REPEAT` runs (one after the other, all at the same evaluation time). */
async function measure(url: string, promql: string, time: number): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await ask(url, promql, time));
  const median = (f: (m: Measured) => number): number => {
    const sorted = runs.map(f).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  return {
    wallMs: median((m) => m.wallMs), evalMs: median((m) => m.evalMs), samples: median((m) => m.samples), peak: median((m) => m.peak),
    series: median((m) => m.series), bytes: median((m) => m.bytes), total: median((m) => m.total),
  };
}

/**
 * A query of the app rewritten to read the recorded series: `rate(m{...}[w])` becomes
 * `level:m:ratew{...}` (the request rates' `status_class` renamed to the app's own label), and a
 * bare `m{...}` (the service list) the recorded series too.
 */
export function onRecorded(promql: string, recorded: readonly RecordingRule[], window: string): string {
  let out = promql;
  for (const rule of recorded) {
    const metric = rule.source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const series = (selector: string): string => {
      const s = `${rule.record}${selector}`;
      return rule.labels.includes(RECORDED_STATUS_CLASS) ? `label_replace(${s}, "${STATUS_CLASS_LABEL}", "$1", "${RECORDED_STATUS_CLASS}", "(.+)")` : s;
    };
    out = out.replace(new RegExp(`rate\\(${metric}(\\{[^}]*\\})?\\[${window}\\]\\)`, 'g'), (_m, selector: string | undefined) => series(selector ?? ''));
    out = out.replace(new RegExp(`(?<![\\w:])${metric}(?![\\w:])`, 'g'), rule.record);
  }
  return out;
}

interface Plan {
  readonly view: string;
  /** `recorded`: the same query as the app sends it with `recordingRules` (absent: `onRecorded` of the raw one). */
  readonly queries: readonly { readonly name: string; readonly promql: string; readonly recorded?: string }[];
}

function plans(group: string, quiet: string, busy: string): Plan[] {
  const named = (qs: readonly BuiltQuery[]) => qs.map((q) => ({ name: q.kind, promql: q.promql }));
  const scoped = (view: string, scope: ViewScope): Plan => {
    const recorded = buildViewQueries(convention, { ...params, recorded: true }, scope);
    return { view, queries: buildViewQueries(convention, params, scope).map((q, i) => ({ name: q.kind, promql: q.promql, recorded: recorded[i]?.promql ?? '' })) };
  };
  return [
    { view: 'whole platform (buildQueries, baseline)', queries: named(buildQueries(convention, params)) },
    scoped('global', { level: 'global' }),
    scoped(`datacenter ${DC} (groups)`, { level: 'datacenter', dc: DC, grouped: true }),
    scoped(`group ${group}`, { level: 'group', dc: DC, group }),
    scoped(`focus ${quiet} (quietest)`, { level: 'focus', dc: DC, service: quiet }),
    scoped(`focus ${busy} (busiest)`, { level: 'focus', dc: DC, service: busy }),
    { view: 'service list (every 5 min)', queries: [{ name: 'services', promql: buildServiceListQuery(convention, grouping), recorded: buildServiceListQuery(convention, grouping, undefined, WINDOW) }] },
  ];
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const kb = (n: number): string => `${fmt(n / 1000, 1)} kB`;

async function ruleCost(url: string): Promise<string[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(name) && !l.startsWith('#'));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
  };
  const at = Date.now() / 1000;
  const count = async (q: string): Promise<number> => (await ask(url, q, at)).total;
  const [recorded, raw] = await Promise.all([
    count(`count({__name__=~"${rules.map((r) => r.record).join('|')}"})`),
    count('count({__name__=~"traffic_.*"})'),
  ]);
  return [
    `| rule group evaluation (last) | ${fmt(value('prometheus_rule_group_last_duration_seconds') * 1000)} ms every ${RULES_INTERVAL} |`,
    `| evaluations missed (slower than the interval) / done | ${fmt(value('prometheus_rule_group_iterations_missed_total'))} / ${fmt(value('prometheus_rule_group_iterations_total'))} |`,
    `| samples it writes (last evaluation) | ${fmt(value('prometheus_rule_group_last_evaluation_samples'))} |`,
    `| recorded series | ${fmt(recorded)} (raw traffic_* series: ${fmt(raw)}; head series: ${fmt(value('prometheus_tsdb_head_series'))}) |`,
  ];
}

/** The measures, on the server at `url`. */
async function measureAll(url: string): Promise<void> {
  const time = Math.floor(Date.now() / 1000) - 5;
  const service = async (order: 'bottomk' | 'topk'): Promise<string> => {
    const q = `${order}(1, sum by (service) (rate(traffic_ingress_requests_total{datacenter="${DC}"}[${WINDOW}])) > 0)`;
    const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: q, time: String(time) })}`);
    const body = (await res.json()) as { data?: { result?: { metric: Record<string, string> }[] } };
    return body.data?.result?.[0]?.metric.service ?? '';
  };
  const [quiet, busy] = await Promise.all([service('bottomk'), service('topk')]);
  const group = /^([^-]+)-.+$/.exec(quiet)?.[1] ?? quiet;
  const health = await scrapeHealth({ url }, '5m');
  console.log(`Prometheus ${url}, evaluated at ${new Date(time * 1000).toISOString()}, rate window ${WINDOW}, median of ${REPEAT} runs each; scrapes over 5 m: ${health.up}/${health.targets} up, ${fmt(health.meanSeconds, 2)} s mean, ${fmt(health.maxSeconds, 2)} s worst\n`);

  const recordedAvailable = (await ask(url, `count(${rules[0]?.record ?? 'absent'})`, time).catch(() => null))?.series ?? 0;
  const rows: string[] = [];
  const totals: string[] = [];
  for (const plan of plans(group, quiet, busy)) {
    let sum: Measured = { wallMs: 0, evalMs: 0, samples: 0, peak: 0, series: 0, bytes: 0, total: 0 };
    let sumRecorded: Measured | null = recordedAvailable > 0 ? { ...sum } : null;
    for (const q of plan.queries) {
      const m = await measure(url, q.promql, time);
      const r = sumRecorded ? await measure(url, q.recorded ?? onRecorded(q.promql, rules, WINDOW), time) : null;
      console.error(`measured ${plan.view} ${q.name}: ${fmt(m.wallMs)} ms`);
      rows.push(`| ${plan.view} | ${q.name} | ${fmt(m.wallMs)} | ${fmt(m.evalMs)} | ${fmt(m.samples)} | ${fmt(m.peak)} | ${fmt(m.series)} | ${kb(m.bytes)} | ${r ? `${fmt(r.wallMs)} | ${fmt(r.samples)} | ${fmt(r.series)} | ${fmt(m.total > 0 ? (r.total / m.total - 1) * 100 : NaN, 1)} %` : '– | – | – | –'} |`);
      sum = add(sum, m);
      if (sumRecorded && r) sumRecorded = add(sumRecorded, r);
    }
    totals.push(`| ${plan.view} | ${plan.queries.length} | ${fmt(sum.wallMs)} | ${fmt(sum.evalMs)} | ${fmt(sum.samples)} | ${kb(sum.bytes)} | ${sumRecorded ? `${fmt(sumRecorded.wallMs)} | ${fmt(sumRecorded.samples)} | ${fmt(sum.samples / sumRecorded.samples, 0)}×` : '– | – | –'} |`);
  }
  console.log('Per view (sum of its queries; recorded: the same queries on the recording rules\' series):\n');
  console.log('| view | queries | wall ms | eval ms | samples touched | bytes | recorded: wall ms | recorded: samples | samples saved |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const line of totals) console.log(line);
  console.log('\nPer query (recorded Δ: the sum of the answer\'s values on recorded series against raw; rules are evaluated every 10 s, so a few % apart is expected):\n');
  console.log('| view | query | wall ms | eval ms | samples touched | peak samples | series | bytes | recorded: wall ms | recorded: samples | recorded: series | recorded Δ |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const line of rows) console.log(line);
  if (recordedAvailable > 0) {
    console.log('\nWhat the recording rules cost Prometheus:\n');
    console.log('| | |\n|---|---|');
    for (const line of await ruleCost(url)) console.log(line);
  } else {
    console.log('\n(no recorded series on this server: load `npm run rules` output to compare)');
  }
}

function add(a: Measured, b: Measured): Measured {
  return {
    wallMs: a.wallMs + b.wallMs, evalMs: a.evalMs + b.evalMs, samples: a.samples + b.samples, peak: Math.max(a.peak, b.peak),
    series: a.series + b.series, bytes: a.bytes + b.bytes, total: a.total + b.total,
  };
}

await onLargePrometheus(given, {
  services: SERVICES, groups: GROUPS, scrapeInterval: '10s',
  ruleFiles: [recordingRulesYaml(convention, WINDOW)], evaluationInterval: RULES_INTERVAL,
}, { window: WINDOW, scrapes: 4, settleS: SETTLE }, measureAll);
