/**
 * What a convention needs to know about the two ends of a call beyond the model's labels:
 * whether the other end is one of the instrumented services, a database (no HTTP, no sidecar) or
 * a provider outside, the host name callers use for it, and (Istio, Linkerd) its namespace and
 * workload name. One `Peers` per platform: the demo's by default, or a generated large one.
 */
import { callGraph } from '../../src/mocks/platform/call-graph.ts';
import { DEMO_PLATFORM, INTERNET_PEER } from '../../src/mocks/platform/platform.ts';
import type { Platform, ServiceDef } from '../../src/mocks/platform/platform.ts';

export type PeerKind = 'internet' | 'service' | 'database' | 'external';

export interface Peers {
  kind(name: string, datacenter: string): PeerKind;
  /** The host an HTTP client calls: a service's own name, a provider's DNS name. */
  host(name: string): string;
  /** The Kubernetes namespace: the service's `namespace` ('' = none), else `shop` (`data` for databases). */
  namespace(name: string, datacenter: string): string;
  /** The workload (Istio) or deployment (Linkerd) name: the service's name without its namespace's prefix. */
  workload(name: string, datacenter: string): string;
  /** The model's name of a service named by its workload (faults given in Istio's or Linkerd's names). */
  modelName(name: string): string;
}

/** Host names of the providers outside; the others are `api.<name>.example`. */
const EXTERNAL_HOSTS: Readonly<Record<string, string>> = { 'payment-provider': 'api.payment-provider.example' };

const PEERS = new WeakMap<Platform, Peers>();

export function peersOf(platform: Platform = DEMO_PLATFORM): Peers {
  let peers = PEERS.get(platform);
  if (!peers) {
    peers = buildPeers(platform);
    PEERS.set(platform, peers);
  }
  return peers;
}

function buildPeers(platform: Platform): Peers {
  const graph = callGraph(platform);
  const byName = new Map<string, ServiceDef>();
  for (const s of platform.services) if (!byName.has(s.name)) byName.set(s.name, s);
  const find = (name: string, datacenter: string): ServiceDef | undefined => graph.service(name, datacenter) ?? byName.get(name);
  const kindOf = (def: ServiceDef | undefined): PeerKind => {
    if (!def) return 'external';
    if (def.kind === 'database') return 'database';
    return def.instrumented ? 'service' : 'external';
  };
  const namespace = (name: string, datacenter: string): string => {
    const def = find(name, datacenter);
    return def?.namespace ?? (kindOf(def) === 'database' ? 'data' : 'shop');
  };
  const workload = (name: string, datacenter: string): string => {
    const ns = namespace(name, datacenter);
    return ns !== '' && name.startsWith(`${ns}-`) ? name.slice(ns.length + 1) : name;
  };
  const byWorkload = new Map<string, string>();
  for (const s of platform.services) byWorkload.set(workload(s.name, s.datacenter), s.name);
  return {
    kind: (name, datacenter) => (name === INTERNET_PEER ? 'internet' : kindOf(find(name, datacenter))),
    host: (name) => EXTERNAL_HOSTS[name] ?? (kindOf(byName.get(name)) === 'external' ? `api.${name}.example` : name),
    namespace,
    workload,
    modelName: (name) => (byName.has(name) ? name : byWorkload.get(name) ?? name),
  };
}

/**
 * The host a client names a callee by when services call each other by DNS name (`--peer-names
 * dns`). Micrometer (`client_name`, a URI's host): `orders.shop.svc.cluster.local` in the caller's
 * datacenter, `orders.us-east.internal` in another. OTel HTTP (`server_address`, as older
 * instrumentations and proxies report it, with the port): `orders.shop:8080` in the caller's
 * datacenter, and a global load balancer's name in another, `orders-us-east.global.example`,
 * which only a config rule maps (e2e/support/realPresetStack.ts has it). Providers outside keep
 * their DNS name (`Peers.host`).
 */
export function dnsHostOf(peers: Peers, style: 'micrometer' | 'otel-http', name: string, peerDatacenter: string, callerDatacenter: string): string {
  if (peers.kind(name, peerDatacenter) !== 'service') return peers.host(name);
  const here = peerDatacenter === '' || peerDatacenter === callerDatacenter;
  const ns = peers.namespace(name, here ? callerDatacenter : peerDatacenter) || 'default';
  if (style === 'micrometer') return here ? `${name}.${ns}.svc.cluster.local` : `${name}.${peerDatacenter}.internal`;
  return here ? `${name}.${ns}:8080` : `${name}-${peerDatacenter}.global.example`;
}

/**
 * The config rules a Traffic Map reading `--peer-names dns` series needs (config.json
 * `peerRules`): the global load balancer's names of OTel HTTP. The other hosts map by default.
 */
export const DNS_PEER_RULES: readonly { readonly match: string; readonly service: string; readonly datacenter?: string }[] = [
  { match: '^(.+)-([a-z]+-[a-z]+)\\.global\\.example$', service: '$1', datacenter: '$2' },
];

/** The HTTP status class digit of a code ("5" for "503"), "" when there was no answer. */
export function statusDigit(status: string): string {
  return /^[1-5]\d\d$/.test(status) ? status[0] ?? '' : '';
}
