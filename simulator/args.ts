/** The command line of `npm run simulate` (no dependency: a dozen flags do not need one). */
import { EXPORTED_CONVENTIONS } from './exporters/byConvention.ts';
import { parseFaultFlag } from './faults.ts';
import type { SimulatorOptions } from './start.ts';

export const USAGE = `Usage: npm run simulate -- [options]

  --port N             control endpoint on N, targets on N+1, N+2, ... (default 9400; 0 = free ports)
  --datacenters A,B    serve only these datacenters' services (default: all: eu-west, us-east)
  --instances one|model  one target per service (default) or the model's instance count
  --convention NAME    the metrics every service exposes: standard (default), istio, linkerd,
                       otel-servicegraph, micrometer or otel-http (see docs/METRICS.md)
  --peer-names name|dns  how micrometer and otel-http clients name callees: by service name
                       (default) or by DNS host (orders.shop.svc.cluster.local, orders.shop:8080, ...)
  --speed X            run the model's day and incidents X times faster (default 1)
  --schedule on|off    scheduled incidents (default on; off for deterministic runs)
  --seed N             another deterministic world (default 1)
  --services N         a generated large platform: N services per datacenter in groups, one
                       target per group and datacenter (compact histogram buckets)
  --groups N           its number of groups (default: one per 50 services)
  --calls N            its calls per service, on average (default 5)
  --fault SPEC         a fault from the start (repeatable):
                         errors:SERVICE:SHARE[:DC]     latency:SERVICE:FACTOR[:DC]
                         link-down:FROM_DC:TO_DC[:SHARE]   drop:SERVICE:SHARE[:DC]
                         scrape-down:SERVICE[:DC[:INSTANCE]][:hang|503]
  --help
`;

export type CliResult = { readonly help: true } | { readonly help: false; readonly options: SimulatorOptions };

export function parseArgs(argv: readonly string[]): CliResult {
  const faults = [];
  let options: { -readonly [K in keyof SimulatorOptions]: SimulatorOptions[K] } = { port: 9400 };
  const large: { services?: number; groups?: number; callsPerService?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${name}: expected a value`);
      return v;
    };
    switch (name) {
      case '--port': options = { ...options, port: integer(name, value()) }; break;
      case '--datacenters': options = { ...options, datacenters: value().split(',').map((s) => s.trim()).filter(Boolean) }; break;
      case '--instances': options = { ...options, instances: oneOf(name, value(), ['one', 'model'] as const) }; break;
      case '--convention': options = { ...options, convention: oneOf(name, value(), EXPORTED_CONVENTIONS) }; break;
      case '--peer-names': options = { ...options, peerNames: oneOf(name, value(), ['name', 'dns'] as const) }; break;
      case '--speed': options = { ...options, speed: positive(name, value()) }; break;
      case '--schedule': options = { ...options, schedule: oneOf(name, value(), ['on', 'off'] as const) === 'on' }; break;
      case '--seed': options = { ...options, seed: integer(name, value()) }; break;
      case '--fault': faults.push(parseFaultFlag(value())); break;
      case '--services': large.services = atLeast(name, value(), 2); break;
      case '--groups': large.groups = atLeast(name, value(), 1); break;
      case '--calls': large.callsPerService = atLeast(name, value(), 1); break;
      default: throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (large.services === undefined && (large.groups !== undefined || large.callsPerService !== undefined)) {
    throw new Error('--groups and --calls shape a generated platform: give --services N too');
  }
  if (large.services !== undefined) {
    if (options.instances === 'model') throw new Error('--instances model: a generated platform has one target per group, not per instance');
    const services = large.services;
    options = {
      ...options,
      large: { services, groups: large.groups ?? Math.max(1, Math.round(services / 50)), ...(large.callsPerService ? { callsPerService: large.callsPerService } : {}) },
    };
  }
  return { help: false, options: faults.length > 0 ? { ...options, faults } : options };
}

function atLeast(name: string, v: string, min: number): number {
  const n = integer(name, v);
  if (n < min) throw new Error(`${name}: expected at least ${min}, got "${v}"`);
  return n;
}

function integer(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: expected a whole number, got "${v}"`);
  return n;
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name}: expected a positive number, got "${v}"`);
  return n;
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new Error(`${name}: expected ${allowed.join(' or ')}, got "${v}"`);
  return v as T;
}
