import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.ts';
import { checkGroupRule } from './grouping.ts';

const PROM = { url: 'http://prometheus:9090' };

function grouping(extra: Record<string, unknown>) {
  const r = parseConfig({ prometheus: PROM, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config.grouping;
}

function problems(extra: Record<string, unknown>) {
  const r = parseConfig({ prometheus: PROM, ...extra });
  return r.ok ? [] : r.problems;
}

describe('groupBy', () => {
  it.each([
    { desc: 'default, standard convention: the team-thing rule', extra: {}, want: { source: { kind: 'rule', regex: '([^-]+)-.+' }, when: 'auto' } },
    { desc: 'default, istio: the namespace', extra: { convention: 'istio' }, want: { source: { kind: 'namespace' }, when: 'auto' } },
    { desc: 'off', extra: { groupBy: 'off' }, want: { source: null, when: 'auto' } },
    { desc: 'namespace with linkerd', extra: { convention: 'linkerd', groupBy: 'namespace' }, want: { source: { kind: 'namespace' }, when: 'auto' } },
    { desc: 'a rule, always', extra: { groupBy: { rule: '([a-z]+)_.*', when: 'always' } }, want: { source: { kind: 'rule', regex: '([a-z]+)_.*' }, when: 'always' } },
    { desc: 'a label pair', extra: { groupBy: { label: 'team', peerLabel: 'peer_team' } }, want: { source: { kind: 'label', label: 'team', peerLabel: 'peer_team' }, when: 'auto' } },
  ])('$desc', ({ extra, want }) => {
    expect(grouping(extra)).toEqual(want);
  });

  it.each([
    { desc: 'a rule that does not compile', groupBy: { rule: '([a-z' }, text: 'does not compile' },
    { desc: 'a rule without capture', groupBy: { rule: '[a-z]+-.*' }, text: 'no capture' },
    { desc: 'a look-ahead (RE2 has none)', groupBy: { rule: '(?=a)(a+)' }, text: 'look-arounds' },
    { desc: 'a back-reference', groupBy: { rule: '(a)\\1' }, text: 'back-references' },
    { desc: 'a bad label name', groupBy: { label: 'te am', peerLabel: 'peer_team' }, text: 'label name' },
    { desc: 'namespace on a convention without one', groupBy: 'namespace', text: 'namespace labels' },
    { desc: 'an unknown word', groupBy: 'sometimes', text: 'expected "auto", "off"' },
  ])('$desc: a message naming groupBy', ({ groupBy, text }) => {
    const found = problems({ groupBy });
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => p.path.startsWith('groupBy') && p.message.includes(text))).toBe(true);
  });

  it('accepts what RE2 and JS read alike', () => {
    expect(checkGroupRule('([^-]+)-.+')).toBeNull();
    expect(checkGroupRule('(?:svc-)?([a-z0-9]+)\\..*')).toBeNull();
  });
});
