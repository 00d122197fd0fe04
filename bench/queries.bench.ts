/**
 * Requests and response bytes of one refresh at each size: `readTraffic` with the real client
 * and a counting `fetch` that serves the synthetic recorded answers (4 datacenters, 10 calls per
 * service). Targets: the request count is the same at every size; bytes grow linearly with edges
 * (bytes per edge within 1.25x of the smallest size's).
 *
 *   npx tsx bench/queries.bench.ts [sizes...]
 */
import { readTraffic } from '../src/app/data/readTraffic.ts';
import { standardConvention } from '../src/conventions/standard.ts';
import { createPrometheusClient } from '../src/prometheus/client.ts';
import { BENCH_DATACENTERS, benchShape, EVAL_TIME_MS, QUERY_PARAMS, recordAnswers } from './support/recorded.ts';
import { check, kb, ratio, table } from './support/measure.ts';
import { syntheticPlatform } from '../src/mocks/synthetic.ts';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length > 0 ? SIZES : [50, 500, 5000];

interface Count { services: number; edges: number; requests: number; requestBytes: number; responseBytes: number; rows: number }

async function oneRefresh(services: number): Promise<Count> {
  const shape = benchShape(services);
  const bodies = new Map(recordAnswers(shape).map((a) => [a.promql, a.body]));
  let requests = 0;
  let requestBytes = 0;
  let responseBytes = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    requests++;
    const url = new URL(input instanceof Request ? input.url : String(input));
    const form = typeof init?.body === 'string' ? init.body : '';
    requestBytes += url.href.length + form.length;
    const params = new URLSearchParams(form || url.search);
    const body = bodies.get(params.get('query') ?? '');
    if (body === undefined) return new Response('{"status":"error","errorType":"bad_data","error":"unknown query"}', { status: 400 });
    responseBytes += Buffer.byteLength(body);
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const client = createPrometheusClient({ baseUrl: 'http://prometheus.bench:9090', timeoutMs: 120_000, fetch: countingFetch });
  const read = await readTraffic([{ plan: { url: 'http://prometheus.bench:9090', datacenters: null }, client }], {
    convention: standardConvention, ...QUERY_PARAMS, time: EVAL_TIME_MS / 1000,
  });
  if (read.failures.length > 0) throw new Error(read.failures.map((f) => f.message).join('; '));
  const rows = read.egressRate.size + read.ingressRate.size + read.egressLatency.size + read.ingressLatency.size;
  return { services, edges: syntheticPlatform(shape).calls.length, requests, requestBytes, responseBytes, rows };
}

const counts: Count[] = [];
for (const services of sizes) counts.push(await oneRefresh(services));
const base = counts[0] as Count;
console.log(`one refresh, one Prometheus, datacenters ${BENCH_DATACENTERS.join(', ')} (ratios against ${base.services} services)\n`);
console.log(table(
  ['services', 'edges', 'requests', 'requests ratio', 'request bytes', 'response bytes', 'bytes ratio', 'edges ratio', 'bytes/edge'],
  counts.map((c) => [
    c.services, c.edges, c.requests, ratio(c.requests, base.requests), c.requestBytes, kb(c.responseBytes),
    ratio(c.responseBytes, base.responseBytes), ratio(c.edges, base.edges), (c.responseBytes / c.edges).toFixed(0),
  ]),
));
console.log('');
check(counts.every((c) => c.requests === base.requests), `requests per refresh: ${counts.map((c) => c.requests).join(', ')} (target: constant)`);
const perEdge = counts.map((c) => c.responseBytes / c.edges / (base.responseBytes / base.edges));
check(perEdge.every((r) => r <= 1.25), `response bytes per edge against ${base.services} services: ${perEdge.map((r) => `${r.toFixed(2)}x`).join(', ')} (target <= 1.25x: linear in edges)`);
