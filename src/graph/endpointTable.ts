import { serviceKey } from './endpoints.ts';
import type { Endpoint } from './endpoints.ts';

export type NamedEndpoint = Endpoint & { readonly kind: 'service' | 'external' };

/**
 * One object per endpoint of a build, found through nested maps (no key string per lookup):
 * equal endpoints are the same object, so the edges between them can be keyed by identity.
 */
export class EndpointTable {
  readonly internet: Endpoint = { kind: 'internet' };
  private readonly services = new Map<string, Map<string, NamedEndpoint>>();
  private readonly externals = new Map<string, Map<string, NamedEndpoint>>();

  get(kind: 'service' | 'external', dc: string, name: string): NamedEndpoint {
    const byDc = kind === 'service' ? this.services : this.externals;
    let byName = byDc.get(dc);
    if (!byName) byDc.set(dc, (byName = new Map()));
    const found = byName.get(name);
    if (found) return found;
    const endpoint: NamedEndpoint = { kind, dc, name };
    byName.set(name, endpoint);
    return endpoint;
  }
}

/**
 * Membership in a set of `serviceKey`s, remembered per datacenter and name: the key string of a
 * pair is built once, not once per series asking.
 */
export class ServiceLookup {
  private readonly known = new Map<string, Map<string, boolean>>();
  constructor(private readonly keys: ReadonlySet<string>) {}

  has(dc: string, name: string): boolean {
    let byName = this.known.get(dc);
    if (!byName) this.known.set(dc, (byName = new Map()));
    let found = byName.get(name);
    if (found === undefined) byName.set(name, (found = this.keys.has(serviceKey(dc, name))));
    return found;
  }
}
