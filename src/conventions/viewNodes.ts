/**
 * How a view query names its nodes (viewQueries.ts): each series' own end and other end rewritten
 * into the view's nodes with `label_replace` / `label_join` (service, group, or the datacenter of an
 * end elsewhere), and a group view's series kept to those with the group on either end.
 */
import { groupOf, nameOf, replace, SCRATCH, SEP, setIfEquals, setToOtherDc } from './labelRewrites.ts';
import { escapeLabelValue, escapeRegex } from './promql.ts';
import type { Convention, ConventionSide } from './types.ts';
import { DATACENTER_NODE, DC_LABEL, GROUP, NAME, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from './viewLabels.ts';
import type { SideLabels } from './viewLabels.ts';
import type { GroupSource, ViewScope } from '../graph/scope.ts';

const PEER_NAME = 'traffic_map_peer_name';
const PEER_GROUP = 'traffic_map_peer_group';
const INSIDE = 'traffic_map_in';

/** The callee's side of a convention that has two (the egress side reads both ends' views when it is the only one). */
export function isIngress(side: ConventionSide, convention: Convention): boolean {
  return side === convention.ingress && convention.ingress !== convention.egress;
}

/** Which ends of a side's series the view may find in another datacenter, to name by it. */
interface RemoteEnds {
  /** The caller, on the egress side: calls into the datacenter from another one. */
  readonly own: boolean;
  /** The other end, by its datacenter label (not where peers are hosts: those are resolved later). */
  readonly peer: boolean;
}

/**
 * A datacenter or group view draws another datacenter as one node, so an end there is named by
 * its datacenter (`tm_node="us-east"`) and its services sum into one series: without it the
 * answers carry every remote service or group (a third of the grouped datacenter's samples).
 * The focus view keeps the names (its answers are a few series).
 */
export function remoteEnds(convention: Convention, side: ConventionSide, l: SideLabels, scope: ViewScope): RemoteEnds {
  if (scope.level === 'global' || scope.level === 'focus') return { own: false, peer: false };
  return {
    own: !isIngress(side, convention) && l.dc !== '' && (l.peerDc !== '' || convention.peersAreHosts === true),
    peer: l.peer !== '' && l.peerDc !== '' && convention.peersAreHosts !== true,
  };
}

/** Rewrites the ends of `x` into the nodes of the scope, and keeps the series of the scope only. */
export function mapNodes(
  x: string, l: SideLabels, scope: ViewScope, grouping: GroupSource | null, internet: readonly string[] | null, remote: RemoteEnds,
  unknownValues: readonly string[] | undefined,
): string {
  const hasPeer = l.peer !== '';
  const internetRegex = internet ? internet.map(escapeRegex).join('|') : null;
  // Ends in another datacenter are named by it; internet peers stay as they are ('' or a
  // configured value): the graph reads them as the internet.
  const finish = (x: string): string => {
    let e = x;
    if (scope.level !== 'global') {
      // Values that mean "no datacenter" (Istio's "unknown" cluster) keep the end as it is.
      const inside = [scope.dc, ...(unknownValues ?? [])];
      if (remote.own) e = setToOtherDc(e, NODE_LABEL, l.dc, inside, false);
      if (remote.peer) e = setToOtherDc(e, PEER_NODE_LABEL, l.peerDc, inside, true);
    }
    if (hasPeer && internetRegex !== null) e = replace(e, PEER_NODE_LABEL, '$1', l.peer, `(${internetRegex})`);
    // The datacenters under short names: they are in every sample of the answer.
    if (l.dc) e = replace(e, DC_LABEL, '$1', l.dc, '(.*)');
    if (l.peerDc) e = replace(e, PEER_DC_LABEL, '$1', l.peerDc, '(.*)');
    return e;
  };
  if (scope.level === 'global') {
    let e = replace(x, NODE_LABEL, DATACENTER_NODE, '', '');
    if (hasPeer) e = replace(e, PEER_NODE_LABEL, DATACENTER_NODE, '', '');
    return finish(e);
  }
  let e = nameOf(x, NAME, l.service, l.namespace);
  if (hasPeer) e = nameOf(e, PEER_NAME, l.peer, l.peerNamespace);
  const grouped = grouping !== null && (scope.level === 'group' || (scope.level === 'datacenter' && scope.grouped));
  if (!grouped) {
    e = replace(e, NODE_LABEL, '$1', NAME, '(.*)');
    if (hasPeer) e = replace(e, PEER_NODE_LABEL, '$1', PEER_NAME, '(.*)');
    return finish(e);
  }
  const ownLabel = grouping.kind === 'namespace' ? l.namespace : grouping.kind === 'label' ? grouping.label : '';
  const peerLabel = grouping.kind === 'namespace' ? l.peerNamespace : grouping.kind === 'label' ? grouping.peerLabel : '';
  e = groupOf(e, GROUP, NAME, grouping, ownLabel);
  if (hasPeer) e = groupOf(e, PEER_GROUP, PEER_NAME, grouping, peerLabel);
  e = replace(e, NODE_LABEL, '$1', GROUP, '(.*)');
  if (hasPeer) e = replace(e, PEER_NODE_LABEL, '$1', PEER_GROUP, '(.*)');
  if (scope.level === 'group') {
    // Inside the group a node is its service; outside it, its group. Then only the group's series.
    e = setIfEquals(e, NODE_LABEL, NAME, GROUP, scope.group);
    if (hasPeer) e = setIfEquals(e, PEER_NODE_LABEL, PEER_NAME, PEER_GROUP, scope.group);
    e = `(${markInside(e, l, hasPeer, scope.group, scope.dc)} and on(${INSIDE}) ${replace('vector(1)', INSIDE, '1', '', '')})`;
  }
  return finish(e);
}

/**
 * Sets `traffic_map_in="1"` on the series with the group, in the view's datacenter, on either end:
 * the caller in it, or the callee (whose datacenter is the caller's when the series does not say).
 */
function markInside(e: string, l: SideLabels, hasPeer: boolean, group: string, dc: string): string {
  // The texts of the group and the datacenter as regexes inside a PromQL string (quotes dropped).
  const g = escapeLabelValue(escapeRegex(group)).slice(1, -1);
  const d = escapeLabelValue(escapeRegex(dc)).slice(1, -1);
  const any = `[^${SEP}]*`;
  const parts = [l.dc, GROUP, ...(hasPeer && l.peerDc ? [l.peerDc] : []), ...(hasPeer ? [PEER_GROUP] : [])];
  const joined = `label_join(${e}, "${SCRATCH}", "${SEP}", ${parts.map((p) => `"${p}"`).join(', ')})`;
  const alternatives = [`${d}${SEP}${g}${hasPeer ? `${SEP}.*` : ''}`];
  if (hasPeer && l.peerDc) alternatives.push(`${d}${SEP}${any}${SEP}${SEP}${g}`, `${any}${SEP}${any}${SEP}${d}${SEP}${g}`);
  else if (hasPeer) alternatives.push(`${d}${SEP}${any}${SEP}${g}`);
  return `label_replace(${joined}, "${INSIDE}", "1", "${SCRATCH}", "${alternatives.join('|')}")`;
}
