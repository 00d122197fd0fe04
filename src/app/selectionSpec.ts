import type { PeerSpec, SelectionSpec } from '../conventions/selection.ts';
import { serviceName } from '../graph/displayNames.ts';
import type { TrafficNode, TrafficView } from '../graph/types.ts';
import type { Selection } from './currentView.ts';

/**
 * Which series describe the selection, for its details queries: a service's own ingress; an
 * edge from its caller's egress, or from the callee's ingress when the caller is the internet or
 * reports nothing. Pure; null when the selection has no series of its own (the internet node).
 */
export function selectionSpec(view: TrafficView, selection: Selection): SelectionSpec | null {
  if (selection.kind === 'node') {
    const n = selection.node;
    if (n.kind === 'service' && n.datacenter) return { side: 'ingress', datacenter: n.datacenter, service: serviceName(n.id) };
    if (n.kind === 'datacenter') return { side: 'ingress', datacenter: n.id };
    return null;
  }
  const node = (id: string) => view.nodes.find((n) => n.id === id);
  const source = node(selection.edge.source);
  const target = node(selection.edge.target);
  if (!source || !target) return null;
  // A group or the folded quieter nodes are many services: no one series describes their edges.
  if (source.kind === 'group' || source.kind === 'more' || target.kind === 'group' || target.kind === 'more') return null;
  if (view.kind === 'global') {
    if (target.kind !== 'datacenter') return null;
    if (source.kind === 'internet') return { side: 'ingress', datacenter: target.id, peer: { kind: 'internet' } };
    return { side: 'egress', datacenter: source.id, peer: { kind: 'datacenter', datacenter: target.id } };
  }
  const hosts = selection.edge.hosts ? { hosts: selection.edge.hosts } : {};
  if (source.kind === 'service' && source.datacenter) {
    return { side: 'egress', datacenter: source.datacenter, service: serviceName(source.id), peer: { ...peerOf(target), ...hosts } };
  }
  if (source.kind === 'remote' && source.datacenter && target.datacenter) {
    return { side: 'egress', datacenter: source.datacenter, peer: { kind: 'service', name: serviceName(target.id), datacenter: target.datacenter, ...hosts } };
  }
  if (target.kind === 'service' && target.datacenter) {
    const peer: PeerSpec = source.kind === 'internet' ? { kind: 'internet' } : { kind: 'service', name: serviceName(source.id), ...(source.datacenter ? { datacenter: source.datacenter } : {}), ...hosts };
    return { side: 'ingress', datacenter: target.datacenter, service: serviceName(target.id), peer };
  }
  return null;
}

function peerOf(target: TrafficNode): PeerSpec {
  if (target.kind === 'remote' && target.datacenter) return { kind: 'datacenter', datacenter: target.datacenter };
  return { kind: 'service', name: serviceName(target.id), ...(target.datacenter ? { datacenter: target.datacenter } : {}) };
}
