import { describe, expect, it } from 'vitest';
import { istioConvention } from './presets/istio.ts';
import { toRateRows } from './rows.ts';
import { standardConvention } from './standard.ts';
import type { Convention, QueryKind } from './types.ts';
import { DC_LABEL, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL, viewConvention } from './viewQueries.ts';

/**
 * A view answer's samples carry short labels (tm_dc, tm_node, tm_pdc, tm_peer); read through
 * `viewConvention`, they give the same rows as the convention's own labels would, and a sample
 * missing one is reported by the label the user's series have.
 */
const sample = (metric: Record<string, string>) => ({ metric, value: [1732521600, '12'] as [number, string] });

describe('viewConvention', () => {
  const cases: { desc: string; convention: Convention; kind: QueryKind; drop: string; expected: string }[] = [
    { desc: 'standard, no datacenter', convention: standardConvention, kind: 'egressRate', drop: DC_LABEL, expected: 'datacenter label "datacenter" (convention standard)' },
    { desc: 'standard, no service', convention: standardConvention, kind: 'ingressRate', drop: NODE_LABEL, expected: 'service label "service" (convention standard)' },
    { desc: 'istio egress, no datacenter', convention: istioConvention, kind: 'egressRate', drop: DC_LABEL, expected: 'sourceCluster label "source_cluster" (convention istio)' },
    { desc: 'istio ingress, no datacenter', convention: istioConvention, kind: 'ingressRate', drop: DC_LABEL, expected: 'destinationCluster label "destination_cluster" (convention istio)' },
    { desc: 'istio egress, no peer', convention: istioConvention, kind: 'egressRate', drop: PEER_NODE_LABEL, expected: 'destinationWorkload label "destination_workload" (convention istio)' },
  ];
  it.each(cases)('$desc: the problem names the series\' own label', ({ convention, kind, drop, expected }) => {
    const full: Record<string, string> = { [DC_LABEL]: 'eu-west', [NODE_LABEL]: 'checkout', [PEER_DC_LABEL]: 'eu-west', [PEER_NODE_LABEL]: 'cart', tm_class: '2xx' };
    const { [drop]: _dropped, ...metric } = full;
    const { rows, problems } = toRateRows(viewConvention(convention), kind, [sample(metric)]);
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'missing-label', expected, label: expected.split('"')[1] })]);
  });

  it('reads the short labels into the same rows as the convention\'s labels', () => {
    const view = toRateRows(viewConvention(standardConvention), 'egressRate', [
      sample({ [DC_LABEL]: 'eu-west', [NODE_LABEL]: 'checkout', [PEER_DC_LABEL]: 'us-east', [PEER_NODE_LABEL]: 'cart', tm_class: '5xx' }),
    ]);
    const own = toRateRows(standardConvention, 'egressRate', [
      sample({ datacenter: 'eu-west', service: 'checkout', peer_datacenter: 'us-east', peer_service: 'cart', tm_class: '5xx' }),
    ]);
    expect(view.problems).toEqual([]);
    expect(view.rows).toEqual(own.rows);
    expect(view.rows).toEqual([expect.objectContaining({ datacenter: 'eu-west', service: 'checkout', peerDatacenter: 'us-east', peerService: 'cart' })]);
  });

  describe('a datacenter view\'s answers leave out its own datacenter where both ends are in it', () => {
    const home = 'eu-west';
    const read = (metric: Record<string, string>, h: string | null = home, convention: Convention = standardConvention) =>
      toRateRows(viewConvention(convention, h ?? undefined), 'egressRate', [sample({ [NODE_LABEL]: 'checkout', [PEER_NODE_LABEL]: 'cart', tm_class: '2xx', ...metric })]);
    it.each<{ desc: string; metric: Record<string, string>; dc: string; peerDc: string }>([
      { desc: 'neither label: both ends home', metric: {}, dc: home, peerDc: home },
      { desc: 'both labels: as they say', metric: { [DC_LABEL]: 'us-east', [PEER_DC_LABEL]: 'eu-west' }, dc: 'us-east', peerDc: 'eu-west' },
      { desc: 'the caller\'s only: the callee unsaid', metric: { [DC_LABEL]: 'eu-west' }, dc: 'eu-west', peerDc: '' },
    ])('$desc', ({ metric, dc, peerDc }) => {
      const { rows, problems } = read(metric);
      expect(problems).toEqual([]);
      expect(rows).toEqual([expect.objectContaining({ datacenter: dc, peerDatacenter: peerDc, service: 'checkout', peerService: 'cart' })]);
    });
    it('the callee\'s only: the caller\'s datacenter is missing, and said', () => {
      const { rows, problems } = read({ [PEER_DC_LABEL]: 'eu-west' });
      expect(rows).toEqual([]);
      expect(problems).toEqual([expect.objectContaining({ kind: 'missing-label', label: 'datacenter' })]);
    });
    it('without a home (the global view) neither label is a missing datacenter', () => {
      const { rows, problems } = read({}, null);
      expect(rows).toEqual([]);
      expect(problems).toEqual([expect.objectContaining({ kind: 'missing-label', label: 'datacenter' })]);
    });
  });
});
