import { replace } from './labelRewrites.ts';
import { escapeLabelValue, escapeRegex } from './promql.ts';
import { RECORDED_STATUS_CLASS } from './recordingRules.ts';
import { labelOf } from './types.ts';
import type { Convention, ConventionSide, QueryKind } from './types.ts';
import { DATACENTER_NODE, DC_LABEL, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from './viewLabels.ts';
import type { SideLabels } from './viewLabels.ts';

/**
 * The labels the query reads after its nodes are mapped, besides the ends: the status code (or
 * the recorded status class) and the failure label of a rate, `le` of a latency, the kept ones.
 */
export function innerLabels(convention: Convention, side: ConventionSide, kind: QueryKind, recorded: boolean): string[] {
  const latency = kind === 'egressLatency' || kind === 'ingressLatency';
  const outcome = side.outcome;
  // The recorded series keep the failure label too (recordingRules.ts): Linkerd's classification.
  const rate = outcome.kind !== 'status-code' ? []
    : [recorded ? RECORDED_STATUS_CLASS : labelOf(convention, side.roles.status), outcome.failure ? labelOf(convention, outcome.failure.role) : ''];
  return [...(latency ? ['le'] : rate), ...(side.keep ?? []).map((r) => labelOf(convention, r))].filter((l) => l !== '');
}

/**
 * The global level, whose nodes are datacenters: the series summed by their datacenters first
 * (and by the peer where it is the internet, kept as it is), then named, so the rewrites run on
 * a few series, not on every series of the platform.
 */
export function globalSeries(rate: (selector: string) => string, branches: readonly string[], l: SideLabels, internet: readonly string[] | null, inner: readonly string[]): string {
  const selector = branches[0] ?? '';
  const sum = (sel: string, withPeer: boolean): string => {
    const by = [...new Set([l.dc, l.peerDc, ...(withPeer ? [l.peer] : []), ...inner])].filter((x) => x !== '');
    return `sum by (${by.join(', ')}) (${rate(sel)})`;
  };
  const named = (e: string, peer: 'star' | 'own'): string => {
    let out = replace(e, NODE_LABEL, DATACENTER_NODE, '', '');
    if (l.peer) out = peer === 'star' ? replace(out, PEER_NODE_LABEL, DATACENTER_NODE, '', '') : replace(out, PEER_NODE_LABEL, '$1', l.peer, '(.*)');
    if (l.dc) out = replace(out, DC_LABEL, '$1', l.dc, '(.*)');
    if (l.peerDc) out = replace(out, PEER_DC_LABEL, '$1', l.peerDc, '(.*)');
    return out;
  };
  if (!l.peer || internet === null) return named(sum(selector, false), 'star');
  // Internet peers ('' or a configured value) stay as they are: the graph reads them as the internet.
  const regex = escapeLabelValue(internet.map(escapeRegex).join('|'));
  const matching = (op: string): string => (selector === '' ? `{${l.peer}${op}${regex}}` : `${selector.slice(0, -1)}, ${l.peer}${op}${regex}}`);
  return `(${named(sum(matching('!~'), false), 'star')} or ${named(sum(matching('=~'), true), 'own')})`;
}
