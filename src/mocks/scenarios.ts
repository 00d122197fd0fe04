/**
 * Named demo scenarios: MSW handler overrides put in front of the happy path with `.use()`.
 * `live` is the happy path itself; the others break Prometheus in the ways a wall screen meets
 * (down, erroring, slow, behind a login page, without /status/config) or inject faults into the
 * simulated platform.
 */
import { delay, http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { createHandlers } from './handlers.ts';
import type { HandlerOptions } from './handlers.ts';
import { createModelHandlers } from './model-handlers.ts';
import type { Fault } from './platform/incidents.ts';
import { largePlatform } from './platform/large.ts';
import type { LargePlatform, LargeShape } from './platform/large.ts';
import { trafficAt } from './platform/model.ts';
import { unitHash } from './platform/random.ts';
import { syntheticModel, syntheticPlatform } from './synthetic.ts';
import type { SyntheticShape } from './synthetic.ts';

export interface DemoScenario {
  readonly name: string;
  readonly description: string;
  /** Overrides, in front of the happy-path handlers; empty for `live`. */
  readonly handlers: readonly HttpHandler[];
}

export const DEFAULT_SCENARIO = 'live';
/** How long the `slow` scenario makes every API request wait. */
export const SLOW_DELAY_MS = 30_000;

const API = '*/api/v1/*';
const QUERY_PATHS = ['*/api/v1/query', '*/api/v1/query_range'];

const LOGIN_PAGE = `<!doctype html>
<html><head><title>Sign in - Corporate SSO</title></head>
<body><form method="post" action="/oauth2/sign_in"><h1>Sign in</h1>
<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>`;

/** Faults injected by the incident scenarios (scheduled incidents stay off, for a stable picture). */
const INCIDENTS: Readonly<Record<string, { description: string; faults: readonly Fault[] }>> = {
  'incident:checkout-errors': {
    description: 'checkout answers 5xx to 30% of requests in both datacenters',
    faults: [{ kind: 'errors', service: 'checkout', share: 0.3 }],
  },
  'incident:search-latency': {
    description: 'search in eu-west is 8x slower',
    faults: [{ kind: 'latency', service: 'search', datacenter: 'eu-west', factor: 8 }],
  },
  'incident:payment-outage': {
    description: 'the payment provider (outside, uninstrumented) answers 5xx to 60% of requests',
    faults: [{ kind: 'errors', service: 'payment-provider', share: 0.6 }],
  },
  'incident:dc-link-down': {
    description: 'calls from us-east to eu-west time out (inventory, legacy-erp)',
    faults: [{ kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west' }],
  },
};

/** The calm platform with a fault from `sinceMs` on (before it, the baseline sees the platform as usual). */
function droppedSince(sinceMs: number, fault: Fault) {
  return (timeMs: number) => trafficAt(timeMs, { schedule: false, faults: timeMs >= sinceMs ? [fault] : [] });
}

export function buildScenarios(options: { readonly slowDelayMs?: number; readonly now?: () => number } = {}): readonly DemoScenario[] {
  const withModel = (extra: HandlerOptions): readonly HttpHandler[] => createHandlers({ now: options.now, ...extra });
  return [
    { name: 'live', description: 'the simulated platform, with an incident every few minutes', handlers: [] },
    {
      name: 'calm',
      description: 'the simulated platform without scheduled incidents',
      handlers: withModel({ traffic: { schedule: false } }),
    },
    {
      name: 'prometheus-down',
      description: 'every API request answers HTTP 503 with a text body',
      handlers: [http.all(API, () => new HttpResponse('Service Unavailable', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }))],
    },
    {
      name: 'api-error',
      description: 'queries fail with status "error", errorType "execution"',
      handlers: QUERY_PATHS.map((path) =>
        http.all(path, () =>
          HttpResponse.json(
            { status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' },
            { status: 422 },
          ),
        ),
      ),
    },
    {
      name: 'slow',
      description: `every API request answers after ${(options.slowDelayMs ?? SLOW_DELAY_MS) / 1000} s`,
      // No response: after the delay the request falls through to the happy-path handlers.
      handlers: [http.all(API, async () => { await delay(options.slowDelayMs ?? SLOW_DELAY_MS); })],
    },
    {
      name: 'warnings',
      description: 'queries succeed with warnings (a partial response)',
      handlers: withModel({
        warnings: ['partial response: store eu-west-store-1 (10.0.3.7:10901) is unreachable: context deadline exceeded'],
      }),
    },
    {
      name: 'html-login',
      description: 'a proxy in front of Prometheus answers 200 with an HTML login page',
      handlers: [http.all(API, () => HttpResponse.html(LOGIN_PAGE))],
    },
    {
      name: 'no-status-config',
      description: '/api/v1/status/config is 404, as on VictoriaMetrics or Thanos',
      handlers: [http.get('*/api/v1/status/config', () => new HttpResponse('404 page not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }))],
    },
    ...Object.entries(INCIDENTS).map(([name, { description, faults }]) => ({
      name,
      description,
      handlers: withModel({ traffic: { faults, schedule: false } }),
    })),
    {
      name: 'incident:checkout-drop',
      description: 'checkout in eu-west has received 15% of its usual traffic since 10 minutes before the scenario started (a drop against the baseline, no error)',
      handlers: createModelHandlers(droppedSince((options.now ?? Date.now)() - 10 * 60_000, { kind: 'drop', service: 'checkout', datacenter: 'eu-west', share: 0.15 })),
    },
    ...SYNTHETIC_SIZES.map((nodes) => ({
      name: `synthetic:${nodes}`,
      description: `a synthetic platform drawn as ${nodes} nodes in eu-west (the internet and ${nodes - 1} services, 3 calls each), for benchmarks`,
      handlers: createModelHandlers(syntheticModel(syntheticRenderShape(nodes))),
    })),
    {
      name: 'large',
      description: `a generated platform of ${LARGE_SHAPE.services} services per datacenter in ${LARGE_SHAPE.groups} groups (eu-west, us-east; ` +
        'named <group>-<thing>-<n>, a few without a group), with an incident every few minutes',
      handlers: createModelHandlers((timeMs) => trafficAt(timeMs, { platform: largeDemoPlatform() })),
    },
    {
      name: 'churn',
      description: 'services appear and disappear and incidents come and go every few seconds (model time runs 60x faster), for soak tests',
      handlers: createModelHandlers(churnModel(), { timeScale: CHURN_TIME_SCALE }),
    },
    {
      name: 'churn:still',
      description: 'the platform of `churn` with every service present and healthy (a soak test measures here)',
      handlers: createModelHandlers(syntheticModel(CHURN_SHAPE)),
    },
    {
      name: 'churn:groups',
      description: `\`churn\` on uneven datacenters: eu-west ${CHURN_GROUPS_SHAPE.datacenterSizes[0]} services named <role>-<n> ` +
        `(drawn as groups by the default rule), us-east ${CHURN_GROUPS_SHAPE.datacenterSizes[1]} (drawn flat), for the soak across every level`,
      handlers: createModelHandlers(churnModel(CHURN_GROUPS_SHAPE), { timeScale: CHURN_TIME_SCALE }),
    },
    {
      name: 'churn:groups:still',
      description: 'the platform of `churn:groups` with every service present and healthy (the soak measures here)',
      handlers: createModelHandlers(syntheticModel(CHURN_GROUPS_SHAPE)),
    },
  ];
}

/** The platform of the `large` scenario: a few hundred services a datacenter, in groups. */
export const LARGE_SHAPE: LargeShape = { services: 400, groups: 12 };

let largeDemo: LargePlatform | undefined;

/** The `large` scenario's platform, generated on first use (70 ms: not on every demo start). */
export function largeDemoPlatform(): LargePlatform {
  largeDemo ??= largePlatform(LARGE_SHAPE);
  return largeDemo;
}

/** Sizes of the `synthetic:<nodes>` scenarios (the render benchmark's graphs). */
export const SYNTHETIC_SIZES: readonly number[] = [10, 100, 300];

/** One datacenter (eu-west), `nodes - 1` services and the internet, a layered graph of 3 calls per service. */
export function syntheticRenderShape(nodes: number) {
  return { services: nodes - 1, datacenters: 1, edgesPerService: 3, acyclic: true } as const;
}

/** Model seconds per clock second in the `churn` scenario. */
export const CHURN_TIME_SCALE = 60;
const CHURN_SHAPE = { services: 60, datacenters: 2, edgesPerService: 3 } as const;
/**
 * The `churn:groups` platform: more services in eu-west than the default `maxNodesPerView` (80),
 * fewer in us-east, named `<role>-<n>` (the default group rule's groups: a dozen roles, and
 * `edge` for the entry service).
 */
export const CHURN_GROUPS_SHAPE = { services: 280, datacenters: 2, edgesPerService: 3, datacenterSizes: [240, 40] } as const;

/** The services of a churn platform by datacenter (the soak test focuses some of them). */
export function churnServices(shape: SyntheticShape = CHURN_SHAPE): ReadonlyMap<string, readonly string[]> {
  return syntheticPlatform(shape).services;
}

/** The services of the churn platform (the soak test focuses some of them). */
export function churnServiceNames(): readonly string[] {
  return [...churnServices().values()].flat();
}

/** A quarter of the services gone each model minute (another quarter each time), a tenth failing each 30 s. */
export function churnModel(shape: SyntheticShape = CHURN_SHAPE) {
  const names = [...syntheticPlatform(shape).services.values()].flat().filter((n) => n !== 'edge-lb');
  const pick = (key: string, slot: number, share: number): ReadonlySet<string> =>
    new Set(names.filter((n) => unitHash(key, n, slot) < share));
  return syntheticModel(shape, {
    dropped: (t) => pick('drop', Math.floor(t / 60_000), 0.25),
    failing: (t) => pick('fail', Math.floor(t / 30_000), 0.1),
  });
}

export const scenarios: readonly DemoScenario[] = buildScenarios();

export const SCENARIO_NAMES: readonly string[] = scenarios.map((s) => s.name);

export function findScenario(name: string, list: readonly DemoScenario[] = scenarios): DemoScenario | undefined {
  return list.find((s) => s.name === name);
}

/** What `setScenario` needs of an MSW worker or server. */
export interface HandlerTarget {
  resetHandlers(): void;
  use(...handlers: HttpHandler[]): void;
}

/**
 * Switches `target` to a scenario: back to the happy path, then the scenario's overrides.
 * Throws on an unknown name, listing the known ones.
 */
export function applyScenario(target: HandlerTarget, name: string, list: readonly DemoScenario[] = scenarios): void {
  const scenario = findScenario(name, list);
  if (!scenario) throw new Error(`unknown demo scenario ${JSON.stringify(name)}; known: ${list.map((s) => s.name).join(', ')}`);
  target.resetHandlers();
  if (scenario.handlers.length > 0) target.use(...scenario.handlers);
}
