import type { DataProblem, PeerRule } from './types.ts';

export type { PeerRule };

/**
 * Peers named by host: a caller's metrics often name the callee by the host it dialled
 * (`orders.shop.svc.cluster.local`, `orders:8080`, `orders.eu-west.internal`) rather than by the
 * callee's service name. `PeerResolver` maps such a value to the service it is, by the config's
 * rules first, then by the defaults; what maps to nothing stays external under its own name.
 * Pure and small: it knows only the services and datacenters it is given (`PeerDirectory`).
 */

/** What the resolver may ask about the platform. */
export interface PeerDirectory {
  /** Whether `name` is a service that reports metrics in datacenter `dc`. */
  hasService(dc: string, name: string): boolean;
  /** Whether `dc` is a known datacenter. */
  hasDatacenter(dc: string): boolean;
}

export type PeerResolution =
  /**
   * A known service. `via`: the peer is its name, a host naming it (the defaults) or a rule's
   * result (`rule`: its index in the list).
   */
  | { readonly kind: 'service'; readonly service: string; readonly datacenter: string; readonly via: 'name' | 'host' | 'rule'; readonly rule?: number }
  /**
   * Not a known service: a rule's result that names no known service (`via: 'rule'`), or the peer
   * value itself (`via: 'none'`). `datacenter` '' = outside every datacenter.
   */
  | { readonly kind: 'external'; readonly name: string; readonly datacenter: string; readonly via: 'rule' | 'none'; readonly rule?: number };

/** The datacenters a peer is resolved from: the caller's, and the peer's datacenter label ('' when none). */
export interface PeerContext {
  readonly callerDatacenter: string;
  readonly peerDatacenter: string;
}

/** At most this many examples per notice. */
export const MAX_PEER_EXAMPLES = 3;

interface CompiledRule {
  readonly index: number;
  readonly re: RegExp;
  readonly service: string;
  readonly datacenter: string | undefined;
}

interface RuleHit {
  readonly rule: number;
  readonly service: string;
  readonly datacenter: string | undefined;
}

/** A peer value split as a host: its DNS labels (port and trailing dot dropped); null for IP addresses. */
export function hostLabels(peer: string): readonly string[] | null {
  let host = peer;
  if (host.startsWith('[') || isIpv6(host)) return null;
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    if (!/^\d+$/.test(host.slice(colon + 1))) return null;
    host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return null;
  const labels = host.split('.');
  return labels.includes('') ? null : labels;
}

function isIpv6(s: string): boolean {
  return (s.match(/:/g) ?? []).length >= 2 && /^[0-9a-fA-F:.]+$/.test(s);
}

/** Whether a peer value reads as a host, an address or host:port (a name with a dot or a colon). */
export function looksLikeHost(peer: string): boolean {
  return peer.includes('.') || peer.includes(':');
}

/**
 * Expands `$1`..`$9`, `$0` and `$$` in a rule's template; null when the template refers to a
 * group the match does not have.
 */
export function expandTemplate(template: string, groups: readonly (string | undefined)[]): string | null {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '$' || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    const next = template[i + 1] as string;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next >= '0' && next <= '9') {
      const n = Number(next);
      if (n >= groups.length) return null;
      out += groups[n] ?? '';
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The number of capture groups of a compiled expression. */
export function groupCount(re: RegExp): number {
  return (new RegExp(`${re.source}|`, re.flags).exec('')?.length ?? 1) - 1;
}

/** The group numbers a template refers to (`$1` -> 1; `$$` is no reference). */
export function templateGroups(template: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < template.length - 1; i++) {
    if (template[i] !== '$') continue;
    const next = template[i + 1] as string;
    if (next === '$') i++;
    else if (next >= '0' && next <= '9') out.push(Number(next));
  }
  return out;
}

/**
 * Resolves peer values to services. Order, first that answers wins:
 * 1. the value is a known service's name (in the peer's datacenter, else the caller's);
 * 2. the config's rules, in order (a rule whose service comes out empty does not apply; two rules
 *    that map one value to different services: the first wins, and `problems` says so);
 * 3. the defaults, for a value that reads as a host (not an IP address): port and trailing dot
 *    dropped, a DNS label after the first that is a known datacenter names the datacenter, and
 *    the longest run of leading labels that is a known service there is that service
 *    (`orders.shop.svc.cluster.local` is `orders.shop`, or else `orders`).
 * Otherwise the peer is external under its own name; when it reads as a host (and peers are
 * hosts: `hostNotices`), `problems` lists it with a rule to add. Answers are remembered per value and context, so asking is cheap.
 */
export class PeerResolver {
  private readonly rules: readonly CompiledRule[];
  private readonly ruleHits = new Map<string, RuleHit | null>();
  private readonly memo = new Map<string, Map<string, Map<string, PeerResolution>>>();
  private readonly unresolved = new Set<string>();
  private readonly conflicts = new Map<string, string>();

  /**
   * `rules` are expected valid (config validation); one that does not compile is left out.
   * `hostNotices`: peers are hosts (not service names), so one that stays external is a notice.
   */
  constructor(rules: readonly PeerRule[], private readonly directory: PeerDirectory, private readonly options: { readonly hostNotices: boolean } = { hostNotices: true }) {
    const compiled: CompiledRule[] = [];
    rules.forEach((r, index) => {
      const re = compileRule(r.match);
      if (re) compiled.push({ index, re, service: r.service, datacenter: r.datacenter });
    });
    this.rules = compiled;
  }

  resolve(peer: string, context: PeerContext): PeerResolution {
    const { callerDatacenter: caller, peerDatacenter: peerDc } = context;
    let byPeerDc = this.memo.get(caller);
    if (!byPeerDc) this.memo.set(caller, (byPeerDc = new Map()));
    let byPeer = byPeerDc.get(peerDc);
    if (!byPeer) byPeerDc.set(peerDc, (byPeer = new Map()));
    let found = byPeer.get(peer);
    if (!found) byPeer.set(peer, (found = this.resolveOnce(peer, caller, peerDc)));
    return found;
  }

  /** The notices of everything resolved so far: hosts no rule or default matched, rules in conflict. */
  problems(): DataProblem[] {
    const out: DataProblem[] = [];
    if (this.unresolved.size > 0) {
      const hosts = [...this.unresolved].sort();
      const examples = hosts.slice(0, MAX_PEER_EXAMPLES);
      // The hint is made from a DNS name when there is one (an address has no part to generalise).
      const model = examples.find((h) => (hostLabels(h)?.length ?? 0) > 1) ?? (examples[0] as string);
      out.push({ kind: 'unresolved-peer', count: hosts.length, examples, hint: suggestRule(model) });
    }
    if (this.conflicts.size > 0) {
      const peers = [...this.conflicts.keys()].sort();
      out.push({ kind: 'peer-rule-conflict', count: peers.length, examples: peers.slice(0, MAX_PEER_EXAMPLES).map((p) => this.conflicts.get(p) as string) });
    }
    return out;
  }

  private resolveOnce(peer: string, caller: string, peerDc: string): PeerResolution {
    const d = this.directory;
    const homeDc = peerDc || caller;
    if (d.hasService(homeDc, peer)) return { kind: 'service', service: peer, datacenter: homeDc, via: 'name' };
    const hit = this.ruleHit(peer);
    if (hit) {
      const dc = hit.datacenter || peerDc || (d.hasService(caller, hit.service) ? caller : '');
      if (d.hasService(dc, hit.service)) return { kind: 'service', service: hit.service, datacenter: dc, via: 'rule', rule: hit.rule };
      return { kind: 'external', name: hit.service, datacenter: d.hasDatacenter(dc) ? dc : '', via: 'rule', rule: hit.rule };
    }
    // A value with neither a dot nor a colon is one label at most: the host defaults would find
    // the value itself in `homeDc`, already asked above (and most values that get here are such).
    const labels = looksLikeHost(peer) ? hostLabels(peer) : null;
    if (labels) {
      let named = -1;
      for (let i = 1; i < labels.length; i++) {
        if (d.hasDatacenter(labels[i] as string)) {
          named = i;
          break;
        }
      }
      const dc = named > 0 ? (labels[named] as string) : homeDc;
      for (let n = named > 0 ? named : labels.length; n >= 1; n--) {
        const name = labels.slice(0, n).join('.');
        if (d.hasService(dc, name)) return { kind: 'service', service: name, datacenter: dc, via: 'host' };
      }
    }
    if (this.options.hostNotices && looksLikeHost(peer)) this.unresolved.add(peer);
    return { kind: 'external', name: peer, datacenter: peerDc, via: 'none' };
  }

  /** The first rule that maps the value (the same in every context), noting a later one that disagrees. */
  private ruleHit(peer: string): RuleHit | null {
    const known = this.ruleHits.get(peer);
    if (known !== undefined) return known;
    let first: RuleHit | null = null;
    for (const rule of this.rules) {
      const m = rule.re.exec(peer);
      if (!m) continue;
      const service = expandTemplate(rule.service, m);
      if (!service) continue;
      const datacenter = rule.datacenter === undefined ? undefined : (expandTemplate(rule.datacenter, m) ?? '');
      if (!first) {
        first = { rule: rule.index, service, datacenter };
      } else if (first.service !== service || (first.datacenter ?? '') !== (datacenter ?? '')) {
        this.conflicts.set(peer, `"${peer}": rule ${first.rule + 1} says ${describeHit(first)}, rule ${rule.index + 1} says ${describeHit({ rule: rule.index, service, datacenter })}; the first wins`);
        break;
      }
    }
    this.ruleHits.set(peer, first);
    return first;
  }
}

function describeHit(hit: RuleHit): string {
  return hit.datacenter ? `"${hit.service}" in "${hit.datacenter}"` : `"${hit.service}"`;
}

/** The expression of a rule, or null when it does not compile. */
export function compileRule(match: string): RegExp | null {
  try {
    return new RegExp(match);
  } catch {
    return null;
  }
}

/** A regular expression matching `s` literally. */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A rule that would map a host like this one, as config.json text: the first DNS label is the
 * service, the rest kept literally (`{"match": "^([^.:]+)\\.prod\\.example\\.com(:\\d+)?$", "service": "$1"}`);
 * an address maps to a name to fill in.
 */
export function suggestRule(peer: string): string {
  const labels = hostLabels(peer);
  const rule = labels && labels.length > 1
    ? { match: `^([^.:]+)\\.${literal(labels.slice(1).join('.'))}(:\\d+)?$`, service: '$1' }
    : { match: `^${literal(peer)}$`, service: '<service>' };
  return JSON.stringify(rule);
}
