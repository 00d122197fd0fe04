import { DC_LABEL, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from './viewLabels.ts';
import type { Convention, ConventionSide } from './types.ts';

const NODE_ROLE = 'traffic_map:node';
const PEER_NODE_ROLE = 'traffic_map:peer';
const DC_ROLE = 'traffic_map:dc';
const PEER_DC_ROLE = 'traffic_map:peer_dc';

/**
 * The convention that reads view answers: each side's own end and other end are the view's nodes
 * (namespaces already folded in), everything else as the convention says. `home`: the view's
 * datacenter (not the global view's), which its answers leave out where both ends are in it.
 */
export function viewConvention(convention: Convention, home?: string): Convention {
  const original = new Map<string, string>();
  const labels: Record<string, string> = { ...convention.labels };
  const side = (s: ConventionSide, name: string): ConventionSide => {
    const { serviceNamespace: _ns, peerNamespace: _pns, ...kept } = s.roles;
    // Roles of their own per side (the sides' roles differ: Istio's source_* and destination_*),
    // each standing for the side's role, so problems can name the series' own labels.
    const role = (key: 'service' | 'peerService' | 'datacenter' | 'peerDatacenter', viewRole: string, label: string): Record<string, string> => {
      const of = s.roles[key];
      if (of === undefined) return {};
      const id = `${viewRole}:${name}`;
      labels[id] = label;
      original.set(id, of);
      return { [key]: id };
    };
    return {
      ...s,
      roles: {
        ...kept,
        ...role('service', NODE_ROLE, NODE_LABEL),
        ...role('peerService', PEER_NODE_ROLE, PEER_NODE_LABEL),
        ...role('datacenter', DC_ROLE, DC_LABEL),
        ...role('peerDatacenter', PEER_DC_ROLE, PEER_DC_LABEL),
      } as ConventionSide['roles'],
    };
  };
  const egress = side(convention.egress, 'egress');
  const ingress = convention.ingress === convention.egress ? egress : side(convention.ingress, 'ingress');
  return {
    ...convention, labels, egress, ingress, rewrittenFrom: { convention, roles: original },
    ...(home !== undefined ? { homeDatacenter: home } : {}),
  };
}
