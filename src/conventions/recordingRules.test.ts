import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config/presets.ts';
import { groupLabels } from './queries.ts';
import { recordedName, recordingRules, recordingRulesYaml } from './recordingRules.ts';
import { labelOf, metricOf } from './types.ts';
import type { Convention } from './types.ts';

const presets = Object.values(PRESETS) as readonly Convention[];

describe('recordingRules', () => {
  it('gives the standard convention the documented names, labels and PromQL (a stable contract)', () => {
    expect(recordingRules(PRESETS.standard, '1m').map((r) => [r.record, r.labels.join(',')])).toEqual([
      ['datacenter_service_peer:traffic_egress_requests:rate1m', 'datacenter,service,peer_datacenter,peer_service,status_class'],
      ['datacenter_service_peer:traffic_egress_request_duration_seconds_bucket:rate1m', 'datacenter,service,peer_datacenter,peer_service,le'],
      ['datacenter_service_peer:traffic_ingress_requests:rate1m', 'datacenter,service,peer_datacenter,peer_service,status_class'],
      ['datacenter_service_peer:traffic_ingress_request_duration_seconds_bucket:rate1m', 'datacenter,service,peer_datacenter,peer_service,le'],
    ]);
    expect(recordingRules(PRESETS.standard, '1m')[0]?.expr).toBe(
      'sum by (datacenter, service, peer_datacenter, peer_service, status_class) (label_replace(rate(traffic_egress_requests_total[1m]), ' +
      '"status_class", "${1}xx", "status", "([1-5])[0-9][0-9]"))',
    );
  });

  it.each([
    { desc: 'a counter loses _total', metric: 'traffic_egress_requests_total', window: '1m', want: 'datacenter_service_peer:traffic_egress_requests:rate1m' },
    { desc: 'a _count keeps its name', metric: 'http_client_requests_seconds_count', window: '30s', want: 'datacenter_service_peer:http_client_requests_seconds_count:rate30s' },
    { desc: 'buckets keep _bucket', metric: 'istio_request_duration_milliseconds_bucket', window: '5m', want: 'datacenter_service_peer:istio_request_duration_milliseconds_bucket:rate5m' },
  ])('recordedName: $desc', ({ metric, window, want }) => {
    expect(recordedName(metric, window)).toBe(want);
  });

  describe.each(presets.map((c) => ({ desc: c.name, convention: c })))('$desc', ({ convention }) => {
    const rules = recordingRules(convention, '1m');
    it('records every metric each side reads, once', () => {
      const read = new Set<string>();
      for (const side of [convention.egress, convention.ingress]) {
        read.add(metricOf(convention, side.requests));
        read.add(`${metricOf(convention, side.duration)}_bucket`);
        if (side.outcome.kind === 'failed-counter') read.add(metricOf(convention, side.outcome.failedRequests));
      }
      expect(rules.map((r) => r.source).sort()).toEqual([...read].sort());
    });
    it('keeps every label the app\'s queries read of each side (ends, side selectors, failure, kept roles)', () => {
      for (const side of [convention.egress, convention.ingress]) {
        const needed = [
          ...groupLabels(convention, side), ...side.select.map((m) => labelOf(convention, m.role)),
          ...(side.outcome.kind === 'status-code' && side.outcome.failure ? [labelOf(convention, side.outcome.failure.role)] : []),
        ];
        for (const rule of rules.filter((r) => r.source === metricOf(convention, side.requests) || r.source === `${metricOf(convention, side.duration)}_bucket`)) {
          expect(rule.labels).toEqual(expect.arrayContaining(needed));
          expect(rule.labels.includes('le')).toBe(rule.kind === 'durationBuckets');
          expect(rule.labels.includes('status_class')).toBe(rule.kind === 'requests' && side.outcome.kind === 'status-code');
          expect(rule.expr).toMatch(/^sum by \(/);
        }
      }
    });
  });

  it('writes PromQL into YAML single-quoted scalars (quotes doubled, backslashes kept)', () => {
    const odd: Convention = { ...PRESETS.standard, labels: { ...PRESETS.standard.labels, service: "svc'name" } };
    const yaml = recordingRulesYaml(odd, '1m', ['a comment']);
    expect(yaml.startsWith('# a comment\ngroups:\n')).toBe(true);
    expect(yaml).toContain("svc''name");
  });

  it.skipIf(!existsSync('/usr/bin/promtool'))('every preset\'s rules pass promtool check rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'traffic-map-rules-'));
    try {
      for (const c of presets) {
        const file = join(dir, `${c.name}.yml`);
        writeFileSync(file, recordingRulesYaml(c, '1m'));
        const out = execFileSync('/usr/bin/promtool', ['check', 'rules', file], { encoding: 'utf8' });
        expect(out).toMatch(/SUCCESS: \d+ rules found/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
