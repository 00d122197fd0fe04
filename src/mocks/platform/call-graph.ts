/**
 * The call graph of the platform as lookups: calls from a service, and all calls in an order
 * where every call into a service comes before the calls out of it (so loads add up in one pass).
 */
import { CALLS, SERVICES } from './platform.ts';
import type { CallDef } from './platform.ts';

export function nodeKey(service: string, datacenter: string): string {
  return `${datacenter}/${service}`;
}

const CALLS_FROM: ReadonlyMap<string, readonly CallDef[]> = groupBy(CALLS, (c) => nodeKey(c.caller, c.callerDc));

/** The calls a service makes. */
export function callsFrom(service: string, datacenter: string): readonly CallDef[] {
  return CALLS_FROM.get(nodeKey(service, datacenter)) ?? [];
}

/** Every call, callers sorted so that a service's incoming calls precede its outgoing ones. */
export const ORDERED_CALLS: readonly CallDef[] = orderCalls(CALLS);

/** Throws at load time if the topology has a cycle or a call to an unknown service. */
function orderCalls(calls: readonly CallDef[]): readonly CallDef[] {
  const indegree = new Map<string, number>(SERVICES.map((s) => [nodeKey(s.name, s.datacenter), 0]));
  for (const c of calls) {
    const callee = nodeKey(c.callee, c.calleeDc);
    const current = indegree.get(callee);
    if (current === undefined || !indegree.has(nodeKey(c.caller, c.callerDc))) {
      throw new Error(`platform: call ${c.callerDc}/${c.caller} -> ${callee} names an unknown service`);
    }
    indegree.set(callee, current + 1);
  }
  const queue = [...indegree].filter(([, n]) => n === 0).map(([key]) => key);
  const rank = new Map<string, number>();
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    rank.set(key, rank.size);
    for (const c of CALLS_FROM.get(key) ?? []) {
      const callee = nodeKey(c.callee, c.calleeDc);
      const left = (indegree.get(callee) ?? 0) - 1;
      indegree.set(callee, left);
      if (left === 0) queue.push(callee);
    }
  }
  if (rank.size < indegree.size) throw new Error('platform: the call graph has a cycle');
  const rankOf = (c: CallDef): number => rank.get(nodeKey(c.caller, c.callerDc)) ?? 0;
  return [...calls].sort((a, b) => rankOf(a) - rankOf(b));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
