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

/** Kubernetes namespaces of the simulated platform (Istio and Linkerd name workloads with them). */
export function namespaceOf(kind: PeerKind): string {
  return kind === 'database' ? 'data' : 'shop';
}

/** The HTTP status class digit of a code ("5" for "503"), "" when there was no answer. */
export function statusDigit(status: string): string {
  return /^[1-5]\d\d$/.test(status) ? status[0] ?? '' : '';
}
