/**
 * What a convention needs to know about the other end of a call beyond the model's labels:
 * whether it is one of the instrumented services, a database (no HTTP, no sidecar) or a
 * provider outside, and the host name callers use for it.
 */
import { findService, INTERNET_PEER, SERVICES } from '../../src/mocks/platform/platform.ts';

export type PeerKind = 'internet' | 'service' | 'database' | 'external';

export function peerKind(name: string, datacenter: string): PeerKind {
  if (name === INTERNET_PEER) return 'internet';
  const def = findService(name, datacenter) ?? SERVICES.find((s) => s.name === name);
  if (!def) return 'external';
  if (def.kind === 'database') return 'database';
  return def.instrumented ? 'service' : 'external';
}

/** Host names of the providers outside (what an HTTP client sees); services are called by name. */
const EXTERNAL_HOSTS: Readonly<Record<string, string>> = { 'payment-provider': 'api.payment-provider.example' };

/** The host an HTTP client calls for a peer: a service's own name, an external provider's DNS name. */
export function hostOf(name: string): string {
  return EXTERNAL_HOSTS[name] ?? name;
}

/**
 * The host a client names a callee by when services call each other by DNS name (`--peer-names
 * dns`). Micrometer (`client_name`, a URI's host): `orders.shop.svc.cluster.local` in the caller's
 * datacenter, `orders.us-east.internal` in another. OTel HTTP (`server_address`, as older
 * instrumentations and proxies report it, with the port): `orders.shop:8080` in the caller's
 * datacenter, and a global load balancer's name in another, `orders-us-east.global.example`,
 * which only a config rule maps (e2e/support/realPresetStack.ts has it). Providers outside keep
 * their DNS name (`hostOf`).
 */
export function dnsHostOf(style: 'micrometer' | 'otel-http', name: string, peerDatacenter: string, callerDatacenter: string): string {
  if (peerKind(name, peerDatacenter) !== 'service') return hostOf(name);
  const here = peerDatacenter === '' || peerDatacenter === callerDatacenter;
  if (style === 'micrometer') return here ? `${name}.shop.svc.cluster.local` : `${name}.${peerDatacenter}.internal`;
  return here ? `${name}.shop:8080` : `${name}-${peerDatacenter}.global.example`;
}

/**
 * The config rules a Traffic Map reading `--peer-names dns` series needs (config.json
 * `peerRules`): the global load balancer's names of OTel HTTP. The other hosts map by default.
 */
export const DNS_PEER_RULES: readonly { readonly match: string; readonly service: string; readonly datacenter?: string }[] = [
  { match: '^(.+)-([a-z]+-[a-z]+)\\.global\\.example$', service: '$1', datacenter: '$2' },
];

/** Kubernetes namespaces of the simulated platform (Istio and Linkerd name workloads with them). */
export function namespaceOf(kind: PeerKind): string {
  return kind === 'database' ? 'data' : 'shop';
}

/** The HTTP status class digit of a code ("5" for "503"), "" when there was no answer. */
export function statusDigit(status: string): string {
  return /^[1-5]\d\d$/.test(status) ? status[0] ?? '' : '';
}
