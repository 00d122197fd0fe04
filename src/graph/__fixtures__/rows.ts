/** Small builders of normalised rows and params for the graph unit tests. */
import type { BuildParams, LatencyRow, RateRow, StatusClass, Thresholds, TrafficInput, TrafficView } from '../types.ts';

export const THRESHOLDS: Thresholds = { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 };

export const PARAMS: BuildParams = {
  thresholds: THRESHOLDS,
  datacenters: ['eu', 'us'],
  internetPeers: ['internet'],
  maxNodesPerView: 100,
};

/** `dc/service -> peerDc/peer` with rate per class; `peerDc` '' = unknown or outside. */
export function rate(from: string, to: string, classes: Partial<Record<StatusClass, number>>): RateRow[] {
  const [datacenter = '', service = ''] = from.split('/');
  const [peerDatacenter = '', peerService = ''] = to.split('/');
  return Object.entries(classes).map(([statusClass, value]) => ({
    datacenter, service, peerDatacenter, peerService, statusClass: statusClass as StatusClass, value,
  }));
}

export function latency(from: string, to: string, value: number): LatencyRow {
  const [datacenter = '', service = ''] = from.split('/');
  const [peerDatacenter = '', peerService = ''] = to.split('/');
  return { datacenter, service, peerDatacenter, peerService, value };
}

export function input(parts: Partial<{ [K in keyof TrafficInput]: TrafficInput[K] }>): TrafficInput {
  return { egressRate: [], ingressRate: [], egressLatency: [], ingressLatency: [], ...parts };
}

/** A view as `source->target rate` lines and `id kind health` lines, for compact assertions. */
export function edgeList(view: TrafficView | undefined): string[] {
  return (view?.edges ?? []).map((e) => `${e.source}->${e.target} ${+e.stats.rate.toFixed(6)}`);
}

export function nodeList(view: TrafficView | undefined): string[] {
  return (view?.nodes ?? []).map((n) => `${n.id} ${n.kind}${n.datacenter ? `@${n.datacenter}` : ''}`);
}
