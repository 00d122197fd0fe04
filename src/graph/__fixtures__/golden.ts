/**
 * The recorded-fixture path shared by `build.golden.test.ts` and `scripts/update-golden.ts`:
 * every folder here holding a `params.json` is one case, made of the four /api/v1/query answers
 * (`egressRate.json`, `ingressRate.json`, `egressLatency.json`, `ingressLatency.json`) and two
 * golden files, `graph.json` (the `buildGraph` output) and `problems.json` (the problems met while
 * turning samples into rows). Non-finite numbers are written "NaN", "+Inf", "-Inf", as Prometheus does.
 * `params.json` may name the convention the answers are in, as config.json does ("istio", or
 * {"preset": ..., "labels": {...}}); default "standard".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLatencyRows, readRateRows, toLatencyRows, toRateRows } from '../../conventions/rows.ts';
import type { Convention, QueryKind } from '../../conventions/types.ts';
import { conventionSchema } from '../../config/convention.ts';
import type { InstantSample } from '../../prometheus/types.ts';
import { checkQueryData, isRecord } from '../../prometheus/validate.ts';
import { buildGraph } from '../build.ts';
import type { BuildParams, DataProblem, PeerRule, Thresholds, TrafficGraph, TrafficInput } from '../types.ts';

export const FIXTURES_DIR = dirname(fileURLToPath(import.meta.url));
export const QUERY_KINDS: readonly QueryKind[] = ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'];
export const GRAPH_FILE = 'graph.json';
export const PROBLEMS_FILE = 'problems.json';

/** params.json: BuildParams as JSON can hold it (`datacenters: null` = discovery). */
export interface FixtureParams {
  readonly thresholds: Thresholds;
  readonly datacenters: readonly string[] | null;
  /** Default: the convention's. */
  readonly internetPeers?: readonly string[];
  readonly maxNodesPerView: number;
  /** As in config.json; default "standard". */
  readonly convention?: unknown;
  /** As in config.json; default none. */
  readonly peerRules?: readonly PeerRule[];
}

export interface FixtureResult {
  readonly graph: TrafficGraph;
  /** Problems of the samples -> rows step, per query, in query order. */
  readonly rowProblems: readonly DataProblem[];
}

/** The case folders, sorted. */
export function fixtureCases(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES_DIR, e.name, 'params.json')))
    .map((e) => e.name)
    .sort();
}

export function caseDir(name: string): string {
  return join(FIXTURES_DIR, name);
}

function readJson(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/** One recorded /api/v1/query body, checked the way the client checks it. */
export function readSamples(dir: string, kind: QueryKind): readonly InstantSample[] {
  const body = readJson(dir, `${kind}.json`);
  if (!isRecord(body) || body.status !== 'success') throw new Error(`${dir}/${kind}.json: not a successful API answer`);
  const checked = checkQueryData(body.data);
  if (!checked.ok) throw new Error(`${dir}/${kind}.json: ${checked.reason}`);
  if (checked.value.resultType !== 'vector') throw new Error(`${dir}/${kind}.json: not a vector`);
  return checked.value.result;
}

/** The convention params.json names, parsed as config.json's field is. */
export function readConvention(dir: string): Convention {
  const p = readJson(dir, 'params.json') as FixtureParams;
  return conventionSchema.parse(p.convention ?? 'standard');
}

export function readParams(dir: string): BuildParams {
  const p = readJson(dir, 'params.json') as FixtureParams;
  return {
    thresholds: p.thresholds,
    internetPeers: p.internetPeers ?? readConvention(dir).internetPeers,
    maxNodesPerView: p.maxNodesPerView,
    ...(p.datacenters === null ? {} : { datacenters: p.datacenters }),
    ...(p.peerRules ? { peerRules: p.peerRules } : {}),
    ...(readConvention(dir).peersAreHosts ? { peersAreHosts: true } : {}),
  };
}

/**
 * The app's path: API JSON -> rows (the case's convention) -> buildGraph; the rows as sources
 * over the answers, as the app reads them, or (`kept`) as arrays.
 */
export function runFixture(dir: string, rows: 'sources' | 'kept' = 'sources'): FixtureResult {
  const c = readConvention(dir);
  const kept = rows === 'kept';
  const rate = (kind: 'egressRate' | 'ingressRate') => {
    const samples = readSamples(dir, kind);
    if (!kept) return readRateRows(c, kind, samples);
    const { rows: array, problems } = toRateRows(c, kind, samples);
    return { source: array, problems };
  };
  const latency = (kind: 'egressLatency' | 'ingressLatency') => {
    const samples = readSamples(dir, kind);
    if (!kept) return readLatencyRows(c, kind, samples);
    const { rows: array, problems } = toLatencyRows(c, kind, samples);
    return { source: array, problems };
  };
  const egressRate = rate('egressRate');
  const ingressRate = rate('ingressRate');
  const egressLatency = latency('egressLatency');
  const ingressLatency = latency('ingressLatency');
  const input: TrafficInput = {
    egressRate: egressRate.source,
    ingressRate: ingressRate.source,
    egressLatency: egressLatency.source,
    ingressLatency: ingressLatency.source,
  };
  return {
    graph: buildGraph(input, readParams(dir)),
    rowProblems: [...egressRate.problems, ...ingressRate.problems, ...egressLatency.problems, ...ingressLatency.problems],
  };
}

/** Stable, readable JSON: 2-space indent, trailing newline, NaN/±Inf as Prometheus writes them. */
export function toGoldenJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || Number.isFinite(v)) return v;
    return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  }, 2)}\n`;
}

/** The two golden texts of a case, as the update script writes them. */
export function goldenTexts(result: FixtureResult): { readonly graph: string; readonly problems: string } {
  return { graph: toGoldenJson(result.graph), problems: toGoldenJson(result.rowProblems) };
}
