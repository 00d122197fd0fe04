import { describe, expect, it } from 'vitest';
import { SCRATCH, setToOtherDc } from './labelRewrites.ts';

/**
 * `setToOtherDc` evaluated the way Prometheus evaluates it: the join of `dc` and `dst` with U+0001,
 * then the regex anchored at both ends (Go's RE2 and JavaScript agree on these constructs:
 * alternation is leftmost-first, `[^...]`, `(?:...)?`), `$1$2` expanded, an unmatched regex
 * leaving the label as it was.
 */
function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(x([0-9a-fA-F]{2})|.)/g, (_, esc: string, hex?: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[esc] ?? esc;
  });
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;

/** The labels after `promql`, a `label_replace(label_join(x, ...), ...)` of the series `x`. */
function evaluate(promql: string, labels: Record<string, string>): Record<string, string> {
  const m = new RegExp(String.raw`^label_replace\(label_join\(x, ${Array(4).fill(`(${STRING})`).join(', ')}\), ${Array(4).fill(`(${STRING})`).join(', ')}\)$`).exec(promql);
  if (!m) throw new Error(`not a join and a replace of x: ${promql}`);
  const [scratch, sep, a, b, dst, replacement, src, regex] = m.slice(1, 9).map((s) => unquote(s ?? '""'));
  expect(scratch).toBe(SCRATCH);
  expect(src).toBe(SCRATCH);
  const joined = `${labels[a ?? ''] ?? ''}${sep ?? ''}${labels[b ?? ''] ?? ''}`;
  const match = new RegExp(`^(?:${regex ?? ''})$`, 's').exec(joined);
  if (!match) return labels;
  const value = (replacement ?? '').replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? '');
  return { ...labels, [dst ?? '']: value };
}

describe('setToOtherDc', () => {
  const rewrite = (value: string, emptyIsInside: boolean, unknown: string[] = []) => setToOtherDc('x', 'tm_node', 'datacenter', [value, ...unknown], emptyIsInside);

  it('keeps an end in the datacenter and names one elsewhere by its datacenter', () => {
    const q = rewrite('eu-west', false);
    expect(evaluate(q, { datacenter: 'eu-west', tm_node: 'orders' }).tm_node).toBe('orders');
    expect(evaluate(q, { datacenter: 'us-east', tm_node: 'orders' }).tm_node).toBe('us-east');
    expect(evaluate(q, { datacenter: 'eu-west', tm_node: '' }).tm_node).toBe('');
  });

  it('leaves an end without a datacenter as it is, or counts it as inside, as asked', () => {
    expect(evaluate(rewrite('eu-west', false), { datacenter: '', tm_node: 'orders' }).tm_node).toBe('orders');
    expect(evaluate(rewrite('eu-west', true), { datacenter: '', tm_node: 'orders' }).tm_node).toBe('orders');
    expect(evaluate(rewrite('eu-west', true), { datacenter: 'us-east', tm_node: 'orders' }).tm_node).toBe('us-east');
  });

  it('compares the datacenter literally: regex characters, quotes and a prefix are no match', () => {
    const odd = 'eu.west "1" \\ (a|b)';
    const q = rewrite(odd, false);
    expect(evaluate(q, { datacenter: odd, tm_node: 'orders' }).tm_node).toBe('orders');
    expect(evaluate(q, { datacenter: 'euXwest "1" \\ (a|b)', tm_node: 'orders' }).tm_node).toBe('euXwest "1" \\ (a|b)');
    expect(evaluate(rewrite('eu', false), { datacenter: 'eu-west', tm_node: 'orders' }).tm_node).toBe('eu-west');
    expect(evaluate(rewrite('eu-west', false), { datacenter: 'eu', tm_node: 'orders' }).tm_node).toBe('eu');
  });

  it('keeps an end whose datacenter is a value that means none (Istio\'s "unknown")', () => {
    for (const emptyIsInside of [false, true]) {
      const q = rewrite('eu-west', emptyIsInside, ['unknown', 'n/a']);
      expect(evaluate(q, { datacenter: 'unknown', tm_node: 'unknown.unknown' }).tm_node).toBe('unknown.unknown');
      expect(evaluate(q, { datacenter: 'n/a', tm_node: 'x' }).tm_node).toBe('x');
      expect(evaluate(q, { datacenter: 'n/ab', tm_node: 'x' }).tm_node).toBe('n/ab');
      expect(evaluate(q, { datacenter: 'us-east', tm_node: 'orders' }).tm_node).toBe('us-east');
    }
  });

  it('keeps any name of an end inside, also one with newlines or the datacenter in it', () => {
    const q = rewrite('eu-west', true);
    for (const name of ['a\nb', 'eu-west', 'us-east', '*', '$1']) {
      expect(evaluate(q, { datacenter: 'eu-west', tm_node: name }).tm_node).toBe(name);
    }
  });
});
