/**
 * A generated large platform for the traffic model (model.ts): thousands of services per
 * datacenter in groups, deterministic by seed. The simulator serves it (`npm run simulate --
 * --services 2000 --groups 40`) and the demo's `large` scenario draws a few hundred.
 *
 *   largePlatform({ services, groups, datacenters?, callsPerService?, seed? }): LargePlatform
 *   largeDatacenters(count): the names of `count` datacenters (the first two the default's)
 *
 * - `services` per datacenter (every datacenter runs the same ones): a handful without a group
 *   (UNGROUPED: no dash), the rest in `groups` groups of uneven size, named `<group>-<thing>-<n>`
 *   with `n` unique in the platform; each group's first service, `<group>-api-<n>`, is its front
 *   door. `namespace` is the group ('' without one): Istio and Linkerd name workloads with it.
 * - About `callsPerService` calls each: mostly to a later service of the same group, some to
 *   another group (often its front door), a few to a database of the group (`<group>-postgres-<n>`,
 *   uninstrumented) or to a provider outside (PROVIDERS), ~3% to the next datacenter's copy (in
 *   the order given, the last one's to the first).
 *   Calls only go to later services of one order, so the graph has no cycle.
 * - The internet calls the `gateway` and some front doors. Each service has a target load spread
 *   over four orders of magnitude (0.01 to 100 req/s at the daily mean, front doors busier); the
 *   fanouts into it are scaled so its load stays at most that: some services are very quiet.
 */
import { groupName, PROVIDERS, THINGS, UNGROUPED } from './large-names.ts';
import { withDefaults } from './platform.ts';
import type { CallDef, CallShape, InternetEntry, Platform, ServiceDef, ServiceKind } from './platform.ts';
import { DEFAULT_SEED, generator, hash32, unitHash } from './random.ts';

export interface LargeShape {
  /** Services per datacenter, with and without a group (databases and providers come on top). */
  readonly services: number;
  readonly groups: number;
  /** Default: eu-west, us-east (the demo's). */
  readonly datacenters?: readonly string[];
  /** Default 5. */
  readonly callsPerService?: number;
  readonly seed?: number;
}

export interface LargePlatform extends Platform {
  readonly shape: Required<LargeShape>;
  readonly groups: readonly string[];
  /** The group of every service and database by name; '' for the ones without (and providers). */
  readonly groupOf: ReadonlyMap<string, string>;
}

export const LARGE_DATACENTERS: readonly string[] = ['eu-west', 'us-east'];
const MORE_DATACENTERS: readonly string[] = ['ap-south', 'eu-north', 'us-west', 'ap-east', 'sa-east', 'eu-central', 'ca-central', 'af-south'];

/** `count` datacenter names: the default two, then more regions, then `dc-<n>`. */
export function largeDatacenters(count: number): readonly string[] {
  return Array.from({ length: count }, (_, i) => [...LARGE_DATACENTERS, ...MORE_DATACENTERS][i] ?? `dc-${i + 1}`);
}
/** Share of a service's calls that go to the other datacenter's copy of the callee. */
export const CROSS_DC_SHARE = 0.03;
/** The most requests a call sends per request its caller receives. */
const MAX_FANOUT = 5;

interface Node {
  readonly name: string;
  readonly group: string;
  readonly kind: ServiceKind;
  readonly instances: number;
  /** Target load at the daily mean, req/s (services only). */
  readonly target: number;
}

interface Template {
  readonly caller: string;
  readonly callee: string;
  /** Fanout before the callee's target load caps it. */
  readonly raw: number;
  fanout: number;
  readonly medianSeconds: number;
  readonly sigma: number;
  readonly profile: 'lean' | 'db';
}

export function largePlatform(input: LargeShape): LargePlatform {
  const shape: Required<LargeShape> = {
    services: input.services, groups: input.groups, datacenters: input.datacenters ?? LARGE_DATACENTERS,
    callsPerService: input.callsPerService ?? 5, seed: input.seed ?? DEFAULT_SEED,
  };
  const rng = generator(hash32(shape.seed, 'large', shape.services, shape.groups, shape.callsPerService));
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rng();
  const logBetween = (lo: number, hi: number): number => Math.exp(between(Math.log(lo), Math.log(hi)));
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rng() * items.length)];

  // Services in call order: a call goes from a service to a later one.
  const { order, groups, fronts } = layout(shape, rng);
  const rank = new Map(order.map((n, i) => [n.name, i]));
  const members = new Map<string, Node[]>();
  for (const n of order) if (n.group !== '') members.set(n.group, [...(members.get(n.group) ?? []), n]);

  let counter = order.length + 1;
  const databases = new Map<string, Node[]>();
  for (const group of groups) {
    const own: Node[] = [];
    if (rng() < 0.5 || group === groups[0]) own.push({ name: `${group}-postgres-${counter++}`, group, kind: 'database', instances: 2, target: 0 });
    if (rng() < 0.25) own.push({ name: `${group}-redis-${counter++}`, group, kind: 'database', instances: 3, target: 0 });
    databases.set(group, own);
  }
  const allDatabases = [...databases.values()].flat();
  const providers = PROVIDERS.slice(0, Math.max(2, Math.min(PROVIDERS.length, Math.round(shape.services / 400))));

  const templates: Template[] = [];
  const seen = new Set<string>();
  const addCall = (caller: Node, callee: string, kind: 'service' | 'database' | 'provider'): boolean => {
    const key = `${caller.name}>${callee}`;
    if (callee === '' || callee === caller.name || seen.has(key)) return false;
    seen.add(key);
    const db = kind === 'database';
    templates.push({
      caller: caller.name, callee, fanout: 0,
      raw: db ? logBetween(0.3, 3) : kind === 'provider' ? logBetween(0.005, 0.2) : logBetween(0.1, 1.5),
      medianSeconds: db ? logBetween(0.0005, 0.005) : kind === 'provider' ? logBetween(0.05, 0.4) : logBetween(0.002, 0.12),
      sigma: between(0.35, 0.9), profile: db ? 'db' : 'lean',
    });
    return true;
  };
  const laterIn = (group: string, r: number): readonly Node[] => (members.get(group) ?? []).filter((m) => (rank.get(m.name) ?? 0) > r);
  const lastRank = new Map(groups.map((g) => [g, Math.max(...(members.get(g) ?? []).map((m) => rank.get(m.name) ?? 0))]));
  const laterGroups = (r: number, own: string): readonly string[] => groups.filter((g) => g !== own && (lastRank.get(g) ?? 0) > r);

  order.forEach((node, r) => {
    const calls = Math.max(1, shape.callsPerService - 2 + Math.floor(rng() * 5));
    for (let i = 0, tries = 0; i < calls && tries < calls * 3; tries++) {
      const u = rng();
      const sameGroup = node.group === '' ? [] : laterIn(node.group, r);
      let done = false;
      if (u < 0.68 && sameGroup.length > 0) {
        done = addCall(node, pick(sameGroup)?.name ?? '', 'service');
      } else if (u < 0.92) {
        const group = pick(laterGroups(r, node.group));
        const target = group === undefined ? undefined : rng() < 0.6 ? fronts.get(group) : pick(laterIn(group, r))?.name;
        if (target !== undefined && (rank.get(target) ?? 0) > r) done = addCall(node, target, 'service');
        else done = addCall(node, pick(allDatabases)?.name ?? '', 'database');
      } else if (u < 0.98) {
        const db = pick(databases.get(node.group) ?? []) ?? pick(allDatabases);
        if (db) done = addCall(node, db.name, 'database');
      } else {
        done = addCall(node, pick(providers) ?? '', 'provider');
      }
      if (done) i++;
    }
  });

  // Entries: the gateway and some front doors. Every other service, database and provider gets a caller.
  const entries = new Map<string, number>([[order[0]?.name ?? '', 2000]]);
  for (const group of groups) if (rng() < 0.35) entries.set(fronts.get(group) ?? '', logBetween(30, 600));
  const called = new Set(templates.map((t) => t.callee));
  order.forEach((node, r) => {
    if (r === 0 || called.has(node.name) || entries.has(node.name)) return;
    const earlierInGroup = node.group === '' ? [] : (members.get(node.group) ?? []).filter((m) => (rank.get(m.name) ?? 0) < r);
    const caller = pick(earlierInGroup.length > 0 ? earlierInGroup : order.slice(0, r));
    if (caller) addCall(caller, node.name, 'service');
  });
  for (const db of allDatabases) {
    if (called.has(db.name)) continue;
    const caller = (members.get(db.group) ?? [])[0];
    if (caller) addCall(caller, db.name, 'database');
  }
  for (const provider of providers) if (!templates.some((t) => t.callee === provider)) addCall(order[0] as Node, provider, 'provider');

  calibrateFanouts(order, templates, entries);

  const dcs = shape.datacenters;
  const services: ServiceDef[] = [];
  const calls: CallDef[] = [];
  const platformEntries: InternetEntry[] = [];
  const sinks = new Set(allDatabases.map((d) => d.name));
  // A call crosses only into a service with other callers: none is left without traffic in a datacenter.
  const callers = new Map<string, number>();
  for (const t of templates) callers.set(t.callee, (callers.get(t.callee) ?? 0) + 1);
  dcs.forEach((dc, d) => {
    for (const n of [...order, ...allDatabases]) {
      services.push({ name: n.name, datacenter: dc, kind: n.kind, instrumented: n.kind !== 'database', instances: n.instances, namespace: n.group });
    }
    const other = dcs[(d + 1) % dcs.length] ?? dc;
    for (const t of templates) {
      const provider = providers.includes(t.callee);
      const crossing = !provider && !sinks.has(t.callee) && (callers.get(t.callee) ?? 0) > 1 && dcs.length > 1 && unitHash(shape.seed, 'cross', dc, t.caller, t.callee) < CROSS_DC_SHARE;
      const callShape: CallShape = {
        profile: t.profile, sigma: t.sigma, clientErrorShare: t.profile === 'db' ? 0 : 0.02,
        timeoutSeconds: t.profile === 'db' ? 0.5 : 2, ...(crossing ? { noResponseShare: 0.0003 } : {}),
      };
      calls.push(withDefaults(dc, t.caller, provider ? '' : crossing ? other : dc, t.callee, t.fanout, t.medianSeconds, callShape));
    }
    for (const [service, rate] of entries) platformEntries.push({ service, datacenter: dc, peakRate: rate * (d === 0 ? 1 : d === 1 ? 0.75 : 0.6) });
  });
  for (const p of providers) services.push({ name: p, datacenter: '', kind: 'external', instrumented: false, instances: 1 });

  const groupOf = new Map<string, string>([...order, ...allDatabases].map((n) => [n.name, n.group]));
  for (const p of providers) groupOf.set(p, '');
  return {
    shape, groups, groupOf, services, calls, entries: platformEntries, datacenters: dcs,
    cyclePhase: new Map(dcs.map((dc, d) => [dc, -0.25 * d])),
  };
}

/** The services in call order and the groups with their front doors. */
function layout(shape: Required<LargeShape>, rng: () => number): { order: Node[]; groups: string[]; fronts: Map<string, string> } {
  const ungrouped = Math.min(UNGROUPED.length, Math.max(1, Math.round(shape.services / 100)));
  const grouped = shape.services - ungrouped;
  if (!(shape.groups >= 1) || !Number.isInteger(shape.groups) || grouped < 2 * shape.groups) {
    throw new Error(`large platform: ${shape.services} services cannot fill ${shape.groups} groups (at least 2 services each, plus ${ungrouped} without a group)`);
  }
  const groups = Array.from({ length: shape.groups }, (_, g) => groupName(g));
  const sizes = unevenSizes(grouped, shape.groups, rng);
  const target = (front: boolean): number => Math.pow(10, front ? 0.5 + 2 * rng() : -1.7 + 3.7 * rng());
  let counter = 1;
  const fronts = new Map<string, string>();
  const byGroup = groups.map((group, g) => Array.from({ length: sizes[g] ?? 2 }, (_, i): Node => {
    const name = `${group}-${i === 0 ? 'api' : THINGS[Math.floor(rng() * THINGS.length)] ?? 'worker'}-${counter++}`;
    if (i === 0) fronts.set(group, name);
    return { name, group, kind: 'java', instances: 1 + Math.floor(rng() * 4), target: target(i === 0) };
  }));
  // The gateway first; the other services without a group between groups, evenly.
  const order: Node[] = [{ name: UNGROUPED[0] ?? 'gateway', group: '', kind: 'edge', instances: 2, target: 1e9 }];
  let next = 1;
  byGroup.forEach((list, g) => {
    order.push(...list);
    while (next < ungrouped && g + 1 >= Math.round((next * shape.groups) / ungrouped)) {
      order.push({ name: UNGROUPED[next] ?? `ungrouped${next}`, group: '', kind: 'legacy', instances: 1, target: target(false) * 10 });
      next++;
    }
  });
  return { order, groups, fronts };
}

/** `total` split in `n` parts of at least 2, uneven (up to ~16x apart). */
function unevenSizes(total: number, n: number, rng: () => number): number[] {
  const weights = Array.from({ length: n }, () => 0.25 + 4 * rng() * rng());
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(2, Math.floor((total * w) / sum)));
  const byWeight = weights.map((_, i) => i).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i++, left--) sizes[byWeight[i % n] ?? 0] = (sizes[byWeight[i % n] ?? 0] ?? 0) + 1;
  for (let i = 0; left < 0; i++) {
    const g = byWeight[i % n] ?? 0;
    if ((sizes[g] ?? 0) > 2) {
      sizes[g] = (sizes[g] ?? 0) - 1;
      left++;
    }
  }
  return sizes;
}

/**
 * Scales the fanouts into each service so that its load (at the daily mean of the first
 * datacenter) comes near its target, no call sending more than MAX_FANOUT requests per request
 * its caller gets: loads add up in call order, callers first.
 */
function calibrateFanouts(order: readonly Node[], templates: Template[], entries: ReadonlyMap<string, number>): void {
  const into = new Map<string, Template[]>();
  for (const t of templates) into.set(t.callee, [...(into.get(t.callee) ?? []), t]);
  const load = new Map<string, number>();
  const dailyMean = 0.65;
  for (const node of order) {
    const incoming = into.get(node.name) ?? [];
    const raw = incoming.reduce((sum, t) => sum + (load.get(t.caller) ?? 0) * t.raw, 0);
    const scale = raw > 0 ? node.target / raw : 1;
    let sum = (entries.get(node.name) ?? 0) * dailyMean;
    for (const t of incoming) {
      t.fanout = Math.min(MAX_FANOUT, t.raw * scale);
      sum += (load.get(t.caller) ?? 0) * t.fanout;
    }
    load.set(node.name, sum);
  }
  // Databases and providers take what they are sent.
  for (const t of templates) if (t.fanout === 0) t.fanout = t.raw;
}
