/**
 * The static topology of the simulated e-commerce platform: two datacenters with edge load
 * balancers, a cache tier, a server-side-rendering front end, a dozen Java services, a legacy
 * ERP bridge (eu-west only), uninstrumented storage, and a payment provider outside.
 * Rates are derived from `INTERNET_PEAK_RATE` through each call's `fanout` (see model.ts).
 */
import type { CallProfile } from './status-codes.ts';

export const DATACENTERS = ['eu-west', 'us-east'] as const;
export type PlatformDatacenter = (typeof DATACENTERS)[number];

/** The peer_service value of requests from outside on the edge load balancers' ingress. */
export const INTERNET_PEER = 'internet';

export type ServiceKind = 'edge' | 'cache' | 'frontend' | 'java' | 'legacy' | 'database' | 'external';

export interface ServiceDef {
  readonly name: string;
  /** '' for services in no datacenter of ours (the payment provider). */
  readonly datacenter: string;
  readonly kind: ServiceKind;
  /** Instrumented services export the ingress and egress metrics; the others only appear as callees. */
  readonly instrumented: boolean;
  readonly instances: number;
  /**
   * The Kubernetes namespace the Istio and Linkerd exporters name (the group of a generated
   * platform; '' = none). Absent: `shop`, or `data` for databases.
   */
  readonly namespace?: string;
}

export interface CallDef {
  readonly caller: string;
  readonly callerDc: string;
  readonly callee: string;
  readonly calleeDc: string;
  /** Requests sent on this call per request the caller receives. */
  readonly fanout: number;
  /** Median time the callee takes to answer, seconds (as the callee measures it). */
  readonly medianSeconds: number;
  readonly sigma: number;
  /** After this long the caller gives up (status "0", no response). */
  readonly timeoutSeconds: number;
  /** Base shares of requests answered 4xx / 5xx, and of requests with no response. */
  readonly clientErrorShare: number;
  readonly serverErrorShare: number;
  readonly noResponseShare: number;
  readonly profile: CallProfile;
}

export type CallShape = Partial<Omit<CallDef, 'caller' | 'callerDc' | 'callee' | 'calleeDc' | 'fanout' | 'medianSeconds'>>;

/** Internet requests per second reaching each datacenter's edge at the peak of the daily cycle. */
export const INTERNET_PEAK_RATE: Readonly<Record<PlatformDatacenter, number>> = { 'eu-west': 4200, 'us-east': 3000 };

const JAVA_SERVICES = [
  'catalog', 'search', 'cart', 'checkout', 'pricing', 'inventory',
  'recommendations', 'user-profile', 'auth', 'orders', 'shipping', 'reviews',
] as const;

export const SERVICES: readonly ServiceDef[] = [
  ...DATACENTERS.flatMap((dc): ServiceDef[] => [
    { name: 'edge-lb', datacenter: dc, kind: 'edge', instrumented: true, instances: 2 },
    { name: 'varnish', datacenter: dc, kind: 'cache', instrumented: true, instances: 4 },
    { name: 'frontend-ssr', datacenter: dc, kind: 'frontend', instrumented: true, instances: 8 },
    ...JAVA_SERVICES.map((name): ServiceDef => ({ name, datacenter: dc, kind: 'java', instrumented: true, instances: 3 })),
    { name: 'postgres', datacenter: dc, kind: 'database', instrumented: false, instances: 2 },
    { name: 'redis', datacenter: dc, kind: 'database', instrumented: false, instances: 3 },
  ]),
  { name: 'legacy-erp', datacenter: 'eu-west', kind: 'legacy', instrumented: true, instances: 1 },
  { name: 'payment-provider', datacenter: '', kind: 'external', instrumented: false, instances: 1 },
];

type Shape = CallShape;
interface CallTemplate { readonly caller: string; readonly callee: string; readonly fanout: number; readonly ms: number; readonly shape: Shape }

const call = (caller: string, callee: string, fanout: number, ms: number, shape: Shape = {}): CallTemplate =>
  ({ caller, callee, fanout, ms, shape });
const DB: Shape = { profile: 'db', clientErrorShare: 0, serverErrorShare: 0.0002, sigma: 0.5, timeoutSeconds: 0.5 };
const WRITE: Shape = { profile: 'write' };
const AUTH: Shape = { profile: 'auth', clientErrorShare: 0.06 };

/** The calls every datacenter has, between its own services (or to the only copy of a callee). */
const LOCAL_CALLS: readonly CallTemplate[] = [
  call('edge-lb', 'varnish', 0.93, 0.004, { profile: 'web', sigma: 1.4, timeoutSeconds: 30 }),
  call('edge-lb', 'auth', 0.07, 0.008, AUTH),
  call('varnish', 'frontend-ssr', 0.32, 0.09, { profile: 'web', sigma: 0.6, timeoutSeconds: 10 }),
  call('frontend-ssr', 'catalog', 0.8, 0.025),
  call('frontend-ssr', 'search', 0.35, 0.045),
  call('frontend-ssr', 'cart', 0.25, 0.015, WRITE),
  call('frontend-ssr', 'recommendations', 0.5, 0.06, { sigma: 0.7 }),
  call('frontend-ssr', 'user-profile', 0.3, 0.012),
  call('frontend-ssr', 'auth', 0.6, 0.008, AUTH),
  call('frontend-ssr', 'reviews', 0.2, 0.02),
  call('frontend-ssr', 'pricing', 0.4, 0.01),
  call('frontend-ssr', 'checkout', 0.03, 0.18, { ...WRITE, timeoutSeconds: 5 }),
  call('frontend-ssr', 'orders', 0.05, 0.04),
  call('search', 'catalog', 0.6, 0.02),
  call('search', 'redis', 1.2, 0.0008, DB),
  call('catalog', 'postgres', 0.9, 0.003, DB),
  call('catalog', 'redis', 1.5, 0.0008, DB),
  call('catalog', 'pricing', 0.5, 0.01),
  call('catalog', 'inventory', 0.3, 0.015),
  call('cart', 'redis', 2, 0.0008, DB),
  call('cart', 'pricing', 1, 0.01),
  call('cart', 'inventory', 0.5, 0.015),
  call('checkout', 'cart', 1, 0.015),
  call('checkout', 'pricing', 1, 0.01),
  call('checkout', 'inventory', 1, 0.02, WRITE),
  call('checkout', 'auth', 1, 0.008, AUTH),
  call('checkout', 'payment-provider', 0.7, 0.35, { profile: 'write', sigma: 0.5, timeoutSeconds: 5, clientErrorShare: 0.04, noResponseShare: 0.0005 }),
  call('checkout', 'orders', 0.9, 0.04, WRITE),
  call('checkout', 'shipping', 0.5, 0.03),
  call('orders', 'postgres', 3, 0.004, DB),
  call('orders', 'legacy-erp', 0.25, 0.25, { profile: 'write', sigma: 0.8, timeoutSeconds: 5, noResponseShare: 0.002 }),
  call('orders', 'shipping', 0.5, 0.03),
  call('inventory', 'postgres', 1, 0.003, DB),
  call('inventory', 'legacy-erp', 0.01, 0.3, { sigma: 0.8, timeoutSeconds: 5, noResponseShare: 0.002 }),
  call('recommendations', 'catalog', 0.4, 0.02),
  call('recommendations', 'redis', 2, 0.0008, DB),
  call('recommendations', 'user-profile', 0.5, 0.012),
  call('user-profile', 'postgres', 1, 0.003, DB),
  call('user-profile', 'redis', 1, 0.0008, DB),
  call('auth', 'redis', 1, 0.0008, DB),
  call('auth', 'user-profile', 0.1, 0.012),
  call('reviews', 'postgres', 1, 0.005, DB),
  call('shipping', 'postgres', 1, 0.004, DB),
  call('pricing', 'redis', 1, 0.0008, DB),
];

const CROSS_DC_SHAPE: Shape = { timeoutSeconds: 2, noResponseShare: 0.0003 };

/** Calls that cross datacenters: the inventory master and the ERP live in eu-west; profiles replicate. */
const CROSS_DC_CALLS: readonly CallDef[] = [
  cross('us-east', 'orders', 'eu-west', 'inventory', 0.4, 0.02, WRITE),
  cross('us-east', 'inventory', 'eu-west', 'inventory', 0.1, 0.015, { profile: 'write', sigma: 0.4 }),
  cross('eu-west', 'user-profile', 'us-east', 'user-profile', 0.05, 0.006, { profile: 'write', sigma: 0.4 }),
];

export const CALLS: readonly CallDef[] = [
  ...DATACENTERS.flatMap((dc) => LOCAL_CALLS.map((t) => resolve(dc, t))),
  ...CROSS_DC_CALLS,
];

/** A service taking requests from the internet (peer "internet"). */
export interface InternetEntry {
  readonly service: string;
  readonly datacenter: string;
  /** Requests per second at the peak of the datacenter's daily cycle. */
  readonly peakRate: number;
}

/**
 * Everything the traffic model (model.ts) needs of a platform: the demo's below, or a generated
 * one (large.ts). Calls must form no cycle; callers and callees must be services of the list.
 */
export interface Platform {
  readonly datacenters: readonly string[];
  readonly services: readonly ServiceDef[];
  readonly calls: readonly CallDef[];
  readonly entries: readonly InternetEntry[];
  /** Where each datacenter is in its day, as a fraction of a cycle (absent: 0). */
  readonly cyclePhase: ReadonlyMap<string, number>;
}

/** The demo's e-commerce platform. */
export const DEMO_PLATFORM: Platform = {
  datacenters: DATACENTERS,
  services: SERVICES,
  calls: CALLS,
  entries: DATACENTERS.map((dc) => ({ service: 'edge-lb', datacenter: dc, peakRate: INTERNET_PEAK_RATE[dc] })),
  // us-east wakes up a quarter of a cycle after eu-west.
  cyclePhase: new Map([['eu-west', 0], ['us-east', -0.25]]),
};

export function findService(name: string, datacenter: string): ServiceDef | undefined {
  return SERVICES.find((s) => s.name === name && s.datacenter === datacenter);
}

/** The datacenter a call from `dc` reaches `callee` in: its own copy, else the only one. */
function homeOf(callee: string, dc: string): string {
  if (findService(callee, dc)) return dc;
  const only = SERVICES.find((s) => s.name === callee);
  if (!only) throw new Error(`platform: unknown callee ${callee}`);
  return only.datacenter;
}

function resolve(dc: string, t: CallTemplate): CallDef {
  const calleeDc = homeOf(t.callee, dc);
  const crossing = calleeDc !== dc && calleeDc !== '';
  return withDefaults(dc, t.caller, calleeDc, t.callee, t.fanout, t.ms, crossing ? { ...CROSS_DC_SHAPE, ...t.shape } : t.shape);
}

function cross(callerDc: string, caller: string, calleeDc: string, callee: string, fanout: number, ms: number, shape: Shape): CallDef {
  return withDefaults(callerDc, caller, calleeDc, callee, fanout, ms, { ...CROSS_DC_SHAPE, ...shape });
}

export function withDefaults(callerDc: string, caller: string, calleeDc: string, callee: string, fanout: number, ms: number, shape: Shape): CallDef {
  return {
    caller, callerDc, callee, calleeDc, fanout, medianSeconds: ms,
    sigma: shape.sigma ?? 0.6,
    timeoutSeconds: shape.timeoutSeconds ?? 1,
    clientErrorShare: shape.clientErrorShare ?? 0.025,
    serverErrorShare: shape.serverErrorShare ?? 0.001,
    noResponseShare: shape.noResponseShare ?? 0,
    profile: shape.profile ?? 'api',
  };
}
