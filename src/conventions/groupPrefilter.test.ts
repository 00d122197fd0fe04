import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGroupRule, groupByRule } from '../graph/scope.ts';
import { groupRulePrefilter } from './groupPrefilter.ts';

const RULES = [
  '([^-]+)-.+',
  '(.+)-[^-]+',
  '(.*)-.*',
  'svc-([a-z]+)(-.*)?',
  '(?:team|squad)_([^_]+)_.*',
  '[(]?([a-z]+)[)]-.*',
  '\\(([^)]+)\\)-.*',
  '([^-]+)-.+|(x)',
  '(a|b)[-_](.+)',
  '([\\]a-z]+)-.*',
];

describe('groupRulePrefilter', () => {
  it.each([
    { desc: 'the default rule', rule: '([^-]+)-.+', group: 'payments', want: '(payments)-.+|payments' },
    { desc: 'a group with regex characters', rule: '([^-]+)-.+', group: 'a.b+c', want: '(a\\.b\\+c)-.+|a\\.b\\+c' },
    { desc: 'a non-capturing group first', rule: '(?:team|squad)_([^_]+)_.*', group: 'x', want: '(?:team|squad)_(x)_.*|x' },
    { desc: 'a parenthesis in a class', rule: '[(]?([a-z]+)[)]-.*', group: 'ab', want: '[(]?(ab)[)]-.*|ab' },
    { desc: 'an escaped parenthesis', rule: '\\(([^)]+)\\)-.*', group: 'ab', want: '\\((ab)\\)-.*|ab' },
    { desc: 'nested groups inside the capture', rule: '((?:a|b)+)-(.*)', group: 'ab', want: '(ab)-(.*)|ab' },
    { desc: 'no capture', rule: '[^-]+-.+', group: 'ab', want: null },
  ])('$desc', ({ rule, group, want }) => {
    expect(groupRulePrefilter(rule, group)).toBe(want);
  });

  it.each(RULES.map((rule) => ({ rule })))('every name the rule puts in a group matches the group\'s prefilter: $rule', ({ rule }) => {
    const compiled = compileGroupRule(rule);
    const name = fc.stringMatching(/^[a-z_()\]\-.]{0,14}$/);
    fc.assert(fc.property(name, (n) => {
      const group = groupByRule(compiled, n) ?? n;
      const prefilter = groupRulePrefilter(rule, group);
      expect(prefilter).not.toBeNull();
      expect(compileGroupRule(prefilter ?? '').test(n), `${n} in group ${group}`).toBe(true);
    }), { numRuns: 2000 });
  });
});
