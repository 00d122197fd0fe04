import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config/presets.ts';
import { lagQuery } from './lagQuery.ts';
import { standardConvention } from './standard.ts';

describe('lagQuery', () => {
  it.each([
    { desc: 'standard, every datacenter', convention: standardConvention, datacenters: null,
      want: 'time() - min(timestamp(traffic_egress_requests_total))' },
    { desc: 'standard, restricted to the server\'s datacenters', convention: standardConvention, datacenters: ['eu-west', 'us-east'],
      want: 'time() - min(timestamp(traffic_egress_requests_total{datacenter=~"eu-west|us-east"}))' },
    { desc: 'a datacenter name is a literal, not a regex', convention: standardConvention, datacenters: ['eu.west"'],
      want: 'time() - min(timestamp(traffic_egress_requests_total{datacenter=~"eu\\\\.west\\""}))' },
    { desc: 'istio: the caller-side series only (reporter="source")', convention: PRESETS.istio, datacenters: ['east'],
      want: 'time() - min(timestamp(istio_requests_total{reporter="source", source_cluster=~"east"}))' },
  ])('$desc', ({ convention, datacenters, want }) => {
    expect(lagQuery(convention, datacenters)).toBe(want);
  });
});
