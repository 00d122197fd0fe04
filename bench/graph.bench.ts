/**
 * Graph build vs JSON parse, on synthetic recorded answers (4 datacenters, 10 calls per service):
 * parse = JSON.parse of the four bodies (the baseline); build = what the app does with the same
 * bodies: JSON.parse, the client's shape check of each answer (checkQueryData), the read of its
 * rows (readTraffic's addRows: labels and values checked, problems counted) and buildGraph.
 * Targets: build <= 2x parse at 5,000 services; build grows linearly (per 10x services, at most
 * 1.5x the growth of parse, which is linear by nature).
 *
 *   npx tsx bench/graph.bench.ts [sizes...]      e.g. `npx tsx bench/graph.bench.ts 50 500`
 */
import { addRows, emptyRead } from '../src/app/data/readTraffic.ts';
import type { TrafficRead } from '../src/app/data/readTraffic.ts';
import { standardConvention } from '../src/conventions/standard.ts';
import { buildGraph } from '../src/graph/build.ts';
import type { BuildParams } from '../src/graph/types.ts';
import { checkQueryData } from '../src/prometheus/validate.ts';
import type { InstantSample } from '../src/prometheus/types.ts';
import { BENCH_DATACENTERS, EVAL_TIME_MS, benchShape, recordAnswers } from './support/recorded.ts';
import type { RecordedAnswer } from './support/recorded.ts';
import { check, kb, median, table } from './support/measure.ts';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length > 0 ? SIZES : [50, 500, 5000];

const PARAMS: BuildParams = {
  thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 },
  datacenters: BENCH_DATACENTERS,
  internetPeers: standardConvention.internetPeers,
  maxNodesPerView: 150,
};

function parseAll(answers: readonly RecordedAnswer[]): unknown[] {
  return answers.map((a) => JSON.parse(a.body) as unknown);
}

/** The app's path from the bodies to the rows (see readTraffic). */
function readAll(answers: readonly RecordedAnswer[]): TrafficRead {
  const read = emptyRead(EVAL_TIME_MS / 1000);
  answers.forEach((a, i) => {
    const body = JSON.parse(a.body) as { data: unknown };
    const checked = checkQueryData(body.data);
    if (!checked.ok || checked.value.resultType !== 'vector') throw new Error(`answer ${i} did not pass the client's check`);
    addRows(read, standardConvention, a.kind, checked.value.result as InstantSample[]);
  });
  return read;
}

function buildAll(answers: readonly RecordedAnswer[]): number {
  const graph = buildGraph(readAll(answers), PARAMS);
  return Object.keys(graph.datacenters).length;
}

interface Result { services: number; samples: number; bytes: number; parseMs: number; rowsMs: number; buildMs: number; rowsRatio: number; buildRatio: number }

/** Mean ms of `k` runs in a row: a block pays for the garbage it makes (the collector runs inside it). */
function timeBlock(fn: () => void, k: number): number {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) fn();
  return (performance.now() - t0) / k;
}
const results: Result[] = [];
for (const services of sizes) {
  const answers = recordAnswers(benchShape(services));
  const read = readAll(answers);
  const samples = read.egressRate.size + read.ingressRate.size + read.egressLatency.size + read.ingressLatency.size;
  const bytes = answers.reduce((n, a) => n + a.body.length, 0);
  if (read.problems.length > 0) throw new Error(`the recorded answers have problems: ${JSON.stringify(read.problems[0])}`);
  if (buildAll(answers) !== BENCH_DATACENTERS.length) throw new Error('the graph lost a datacenter');
  // Rounds of blocks (parse, rows, build, parse): each block runs its work k times in a row, so
  // the collection of what it allocates is counted in it, not in the block after; on a shared
  // machine the load drifts, so each round compares blocks run under the same load (the build
  // against the mean of the parse blocks around it), and the medians of those are reported.
  const k = services >= 5000 ? 3 : services >= 500 ? 5 : 50;
  const minMs = services >= 5000 ? 30_000 : 5000;
  for (let i = 0; i < 2; i++) buildAll(answers);
  const parses: number[] = [];
  const rowsRuns: number[] = [];
  const builds: number[] = [];
  const started = performance.now();
  while (parses.length < 5 || performance.now() - started < minMs) {
    const before = timeBlock(() => parseAll(answers), k);
    rowsRuns.push(timeBlock(() => readAll(answers), k));
    builds.push(timeBlock(() => buildAll(answers), k));
    parses.push((before + timeBlock(() => parseAll(answers), k)) / 2);
  }
  results.push({
    services, samples, bytes, parseMs: median(parses), rowsMs: median(rowsRuns), buildMs: median(builds),
    rowsRatio: median(rowsRuns.map((r, i) => r / (parses[i] ?? NaN))), buildRatio: median(builds.map((b, i) => b / (parses[i] ?? NaN))),
  });
}

console.log('graph build vs parse (median ms of rounds of blocks; ratios: median of per-round ratios; rows = parse + check + read rows; build = rows + buildGraph)\n');
console.log(table(
  ['services', 'samples', 'bodies', 'parse ms', 'rows ms', 'build ms', 'rows/parse', 'build/parse'],
  results.map((r) => [r.services, r.samples, kb(r.bytes), r.parseMs.toFixed(1), r.rowsMs.toFixed(1), r.buildMs.toFixed(1), `${r.rowsRatio.toFixed(2)}x`, `${r.buildRatio.toFixed(2)}x`]),
));
console.log('\ngrowth per 10x services (linear = 10x)\n');
const growth = results.slice(1).map((r, i) => {
  const prev = results[i] as Result;
  return { from: prev.services, to: r.services, parse: r.parseMs / prev.parseMs, build: r.buildMs / prev.buildMs, ratioGrowth: r.buildRatio / prev.buildRatio };
});
console.log(table(
  ['services', 'parse growth', 'build growth', 'build/parse growth'],
  growth.map((g) => [`${g.from} -> ${g.to}`, `${g.parse.toFixed(2)}x`, `${g.build.toFixed(2)}x`, `${g.ratioGrowth.toFixed(2)}x`]),
));
console.log('');
const largest = results.find((r) => r.services === 5000);
if (largest) check(largest.buildRatio <= 2, `build at 5,000 services is ${largest.buildRatio.toFixed(2)}x parse (target <= 2x)`);
for (const g of growth) check(g.ratioGrowth <= 1.5, `build/parse grows ${g.ratioGrowth.toFixed(2)}x from ${g.from} to ${g.to} services (target <= 1.5x: linear)`);
