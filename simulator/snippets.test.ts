import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { standardConvention } from '../src/conventions/standard.ts';

/*
 * docs/METRICS.md "Exposing the standard convention" quotes code that cannot drift: the Node
 * snippet is the simulator's own (simulator/snippets/node-prom-client.ts, used by the standard
 * exporter), the Java class is checked against the convention's names here.
 */
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const doc = read('../docs/METRICS.md');

describe('the Node snippet in docs/METRICS.md', () => {
  const source = read('./snippets/node-prom-client.ts');
  const regions = [...source.matchAll(/\/\/ #region (\S+)\n([\s\S]*?)\/\/ #endregion \1/g)].map((m) => ({ desc: m[1] ?? '', text: m[2] ?? '' }));
  it('has the marked regions', () => expect(regions.map((r) => r.desc)).toEqual(['metrics', 'usage']));
  it.each(regions)('quotes the "$desc" region exactly', ({ text }) => {
    expect(doc).toContain(`\`\`\`ts\n${text}\`\`\``);
  });
});

describe('the Java (Micrometer) snippet', () => {
  const java = read('../docs/snippets/TrafficMetrics.java');
  /** Each `Counter.builder("x")` / `Timer.builder("x")` chain: the meter name and its tag keys. */
  const meters = [...java.matchAll(/(Counter|Timer)\.builder\("([^"]+)"\)([\s\S]*?)\.register\(registry\)/g)].map((m) => ({
    type: m[1], name: m[2] ?? '', tags: [...(m[3] ?? '').matchAll(/\.tag\("([^"]+)",/g)].map((t) => t[1]),
    histogram: (m[3] ?? '').includes('.publishPercentileHistogram()'),
  }));
  const { metrics, labels } = standardConvention;
  const edge = [labels.service, labels.datacenter, labels.peerService, labels.peerDatacenter];

  it('is quoted in docs/METRICS.md', () => expect(doc).toContain(`\`\`\`java\n${java}\`\`\``));

  it('names what Prometheus shows as the convention\'s metrics (counters + "_total", timers + "_seconds")', () => {
    const exported = meters.map((m) => (m.type === 'Counter' ? `${m.name}_total` : `${m.name}_seconds`)).sort();
    expect(exported).toEqual([metrics.egressRequests, metrics.ingressRequests, metrics.egressDuration, metrics.ingressDuration].sort());
  });

  it('tags the counters with the edge and the status, the timers with the edge, as histograms', () => {
    for (const m of meters) {
      if (m.type === 'Counter') expect(m.tags, m.name).toEqual([...edge, labels.status]);
      else {
        expect(m.tags, m.name).toEqual(edge);
        expect(m.histogram, `${m.name} publishes buckets`).toBe(true);
      }
    }
  });
});
