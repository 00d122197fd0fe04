import { describe, expect, it } from 'vitest';
import { splitStringLiterals } from './__fixtures__/promqlStrings.ts';
import { escapeLabelValue, escapeRegex, isLabelName, isMetricName, oneOfMatcher } from './promql.ts';

/** Values a label can hold and a query must survive; every one is data, never PromQL. */
const CRAFTED = [
  'a"} or vector(1) or {x="',
  'eu\\"} or vector(1) #',
  'eu\\',
  'eu"',
  'line1\nline2\r\n\tend',
  '`raw` and \'single\'',
  "\u2028\u2029\u0000\u001b",
  '.*',
  'café ☕ 日本 🚀',
];

describe('splitStringLiterals (the test tokenizer itself)', () => {
  const cases: { desc: string; query: string; skeleton: string; literals: string[] }[] = [
    { desc: 'no literal', query: 'sum(up)', skeleton: 'sum(up)', literals: [] },
    { desc: 'double-quoted with escapes', query: 'x{a="q\\"\\\\\\n"}', skeleton: 'x{a="…"}', literals: ['q"\\\n'] },
    { desc: 'single-quoted and raw', query: "x{a='b', c=`d\\n`}", skeleton: 'x{a="…", c="…"}', literals: ['b', 'd\\n'] },
    { desc: 'injected text outside the literal shows in the skeleton', query: 'x{a="a"} or vector(1) or {x=""}', skeleton: 'x{a="…"} or vector(1) or {x="…"}', literals: ['a', ''] },
  ];
  it.each(cases)('$desc', ({ query, skeleton, literals }) => {
    expect(splitStringLiterals(query)).toEqual({ skeleton, literals });
  });

  const invalid: { desc: string; query: string }[] = [
    { desc: 'unterminated', query: 'x{a="b}' },
    { desc: 'raw newline inside a quoted literal', query: 'x{a="b\nc"}' },
    { desc: 'unknown escape', query: 'x{a="\\q"}' },
    { desc: "\\' inside a double-quoted literal", query: 'x{a="\\\'"}' },
  ];
  it.each(invalid)('rejects $desc', ({ query }) => {
    expect(() => splitStringLiterals(query)).toThrow();
  });
});

describe('escapeLabelValue', () => {
  const cases: { desc: string; value: string; literal: string }[] = [
    { desc: 'plain', value: 'eu-west', literal: '"eu-west"' },
    { desc: 'empty', value: '', literal: '""' },
    { desc: 'double quote', value: 'say "hi"', literal: '"say \\"hi\\""' },
    { desc: 'backslash', value: 'C:\\dir', literal: '"C:\\\\dir"' },
    { desc: 'backslash before a quote', value: '\\"', literal: '"\\\\\\""' },
    { desc: 'trailing backslash cannot eat the closing quote', value: 'eu\\', literal: '"eu\\\\"' },
    { desc: 'newline, carriage return, tab', value: 'a\nb\rc\td', literal: '"a\\nb\\rc\\td"' },
    { desc: 'single quote and backtick are plain in a double-quoted literal', value: "it's `x`", literal: '"it\'s `x`"' },
    { desc: 'unicode is kept as is', value: 'café ☕ 日本 🚀', literal: '"café ☕ 日本 🚀"' },
    { desc: 'PromQL syntax is plain text', value: 'a"} or vector(1) or {x="', literal: '"a\\"} or vector(1) or {x=\\""' },
  ];
  it.each(cases)('$desc', ({ value, literal }) => {
    expect(escapeLabelValue(value)).toBe(literal);
  });

  it.each(CRAFTED.map((value) => ({ value })))('round-trips $value through the PromQL lexer rules', ({ value }) => {
    expect(splitStringLiterals(escapeLabelValue(value))).toEqual({ skeleton: '"…"', literals: [value] });
  });
});

describe('escapeRegex', () => {
  const cases: { desc: string; value: string; escaped: string }[] = [
    { desc: 'plain', value: 'eu-west-1', escaped: 'eu-west-1' },
    { desc: 'dot', value: 'eu.west', escaped: 'eu\\.west' },
    { desc: 'alternation', value: 'a|b', escaped: 'a\\|b' },
    { desc: 'quantifiers', value: 'a*b+c?', escaped: 'a\\*b\\+c\\?' },
    { desc: 'anchors', value: '^eu$', escaped: '\\^eu\\$' },
    { desc: 'groups, classes, repetition', value: '(a)[b]{2}', escaped: '\\(a\\)\\[b\\]\\{2\\}' },
    { desc: 'backslash', value: 'a\\d', escaped: 'a\\\\d' },
    { desc: 'unicode untouched', value: 'café-☕', escaped: 'café-☕' },
  ];
  it.each(cases)('$desc', ({ value, escaped }) => {
    expect(escapeRegex(value)).toBe(escaped);
  });

  // JS and RE2 agree on these escapes; Prometheus anchors label regexes as ^(?:...)$.
  const literal: { desc: string; value: string; notMatching: string }[] = [
    { desc: 'dot matches only a dot', value: 'eu.west', notMatching: 'euxwest' },
    { desc: 'star is not a wildcard', value: '.*', notMatching: 'anything' },
    { desc: 'alternation is not a choice', value: 'a|b', notMatching: 'a' },
    { desc: 'class is not a class', value: '[ab]', notMatching: 'a' },
    { desc: 'backslash-d is not a digit', value: '\\d', notMatching: '1' },
  ];
  it.each(literal)('$desc', ({ value, notMatching }) => {
    const re = new RegExp(`^(?:${escapeRegex(value)})$`, 'u');
    expect(re.test(value)).toBe(true);
    expect(re.test(notMatching)).toBe(false);
  });
});

describe('oneOfMatcher', () => {
  const cases: { desc: string; values: string[]; matcher: string }[] = [
    { desc: 'no values: no matcher', values: [], matcher: '' },
    { desc: 'one value', values: ['eu-west'], matcher: 'datacenter=~"eu-west"' },
    { desc: 'several values', values: ['eu-west', 'us-east'], matcher: 'datacenter=~"eu-west|us-east"' },
    { desc: 'regex metacharacters escaped, backslashes doubled for the literal', values: ['eu.west', 'a|b', '(x)'], matcher: 'datacenter=~"eu\\\\.west|a\\\\|b|\\\\(x\\\\)"' },
    { desc: 'quote and backslash', values: ['a\\b', 'c"d'], matcher: 'datacenter=~"a\\\\\\\\b|c\\"d"' },
    { desc: 'newline', values: ['a\nb'], matcher: 'datacenter=~"a\\nb"' },
    { desc: 'unicode', values: ['東京-1'], matcher: 'datacenter=~"東京-1"' },
  ];
  it.each(cases)('$desc', ({ values, matcher }) => {
    expect(oneOfMatcher('datacenter', values)).toBe(matcher);
  });

  it.each(CRAFTED.map((value) => ({ value })))('keeps $value inside one literal matching only itself', ({ value }) => {
    const crafted = splitStringLiterals(oneOfMatcher('datacenter', [value, 'us-east']));
    const harmless = splitStringLiterals(oneOfMatcher('datacenter', ['eu-west', 'us-east']));
    expect(crafted.skeleton).toBe(harmless.skeleton);
    expect(crafted.literals).toHaveLength(1);
    const re = new RegExp(`^(?:${crafted.literals[0] ?? ''})$`, 'u');
    expect(re.test(value)).toBe(true);
    expect(re.test('us-east')).toBe(true);
    expect(re.test('eu-west')).toBe(false);
  });
});

describe('isLabelName / isMetricName', () => {
  const cases: { desc: string; name: string; label: boolean; metric: boolean }[] = [
    { desc: 'plain', name: 'peer_service', label: true, metric: true },
    { desc: 'leading underscore', name: '_x', label: true, metric: true },
    { desc: 'colon: recording rules only', name: 'job:rate5m', label: false, metric: true },
    { desc: 'leading digit', name: '1abc', label: false, metric: false },
    { desc: 'dash', name: 'peer-service', label: false, metric: false },
    { desc: 'empty', name: '', label: false, metric: false },
    { desc: 'selector text', name: 'up{a="b"}', label: false, metric: false },
  ];
  it.each(cases)('$desc', ({ name, label, metric }) => {
    expect(isLabelName(name)).toBe(label);
    expect(isMetricName(name)).toBe(metric);
  });
});
