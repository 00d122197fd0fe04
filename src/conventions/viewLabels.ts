/**
 * The labels of the view queries' answers (viewQueries.ts) and of the service list
 * (serviceListQuery.ts), and the label names one side of a convention reads.
 */

export const NODE_LABEL = 'tm_node';
export const PEER_NODE_LABEL = 'tm_peer';
/** The datacenters of the two ends in a view's answers (the convention's own labels can be long: `destination_cluster`). */
export const DC_LABEL = 'tm_dc';
export const PEER_DC_LABEL = 'tm_pdc';
/** A service's name and group: scratch labels of the view queries, and the service list's answer (short: one sample per service). */
export const NAME = 'tm_name';
export const GROUP = 'tm_group';
/** The service list's datacenter label. */
export const DC = DC_LABEL;
/** The one datacenter-wide node of the global level. */
export const DATACENTER_NODE = '*';

/** The label names one side reads ('' = not used). */
export interface SideLabels {
  readonly dc: string;
  readonly service: string;
  readonly namespace: string;
  readonly peer: string;
  readonly peerNamespace: string;
  readonly peerDc: string;
}
