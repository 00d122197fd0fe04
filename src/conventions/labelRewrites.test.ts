import { describe, expect, it } from 'vitest';
import { clearIfBothEqual, SCRATCH, setToOtherDc } from './labelRewrites.ts';

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

/**
 * Any nest of `label_replace(E, dst, replacement, src, regex)` and `label_join(E, dst, sep, a, b)`
 * around the series `x`, evaluated as Prometheus does (an empty result removes the label).
 */
function evaluateNest(promql: string, labels: Record<string, string>): Record<string, string> {
  // Four string arguments: label_replace's, and label_join's of two source labels (as used here).
  const call = new RegExp(String.raw`^(label_replace|label_join)\((.*), (${STRING}(?:, ${STRING}){3})\)$`, 's').exec(promql);
  if (!call) {
    expect(promql).toBe('x');
    return labels;
  }
  const inner = evaluateNest(call[2] ?? '', labels);
  const args = [...(call[3] ?? '').matchAll(new RegExp(STRING, 'g'))].map((m) => unquote(m[0]));
  const out = { ...inner };
  const set = (dst: string, value: string) => { if (value === '') delete out[dst]; else out[dst] = value; };
  if (call[1] === 'label_join') {
    const [dst = '', sep = '', ...srcs] = args;
    set(dst, srcs.map((l) => inner[l] ?? '').join(sep));
    return out;
  }
  const [dst = '', replacement = '', src = '', regex = ''] = args;
  const match = new RegExp(`^(?:${regex})$`, 's').exec(inner[src] ?? '');
  if (match) set(dst, replacement.replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? ''));
  return out;
}

describe('clearIfBothEqual', () => {
  const q = (value: string) => clearIfBothEqual('x', 'tm_dc', 'tm_pdc', value);
  it.each<{ desc: string; labels: Record<string, string>; expected: Record<string, string> }>([
    { desc: 'both ends home: both labels gone', labels: { tm_dc: 'eu-west', tm_pdc: 'eu-west', tm_node: 'a' }, expected: { tm_node: 'a' } },
    { desc: 'caller elsewhere: kept', labels: { tm_dc: 'us-east', tm_pdc: 'eu-west', tm_node: 'us-east' }, expected: { tm_dc: 'us-east', tm_pdc: 'eu-west', tm_node: 'us-east' } },
    { desc: 'callee elsewhere: kept', labels: { tm_dc: 'eu-west', tm_pdc: 'us-east' }, expected: { tm_dc: 'eu-west', tm_pdc: 'us-east' } },
    { desc: 'callee unsaid (internet): kept', labels: { tm_dc: 'eu-west', tm_peer: 'internet' }, expected: { tm_dc: 'eu-west', tm_peer: 'internet' } },
    { desc: 'caller unsaid: kept', labels: { tm_pdc: 'eu-west' }, expected: { tm_pdc: 'eu-west' } },
    { desc: 'a prefix is no match', labels: { tm_dc: 'eu-west-2', tm_pdc: 'eu-west-2' }, expected: { tm_dc: 'eu-west-2', tm_pdc: 'eu-west-2' } },
  ])('$desc', ({ labels, expected }) => {
    expect(evaluateNest(q('eu-west'), labels)).toEqual(expected);
  });

  it('compares literally: regex characters and quotes', () => {
    const odd = 'eu.west "1" \\ (a|b)';
    expect(evaluateNest(q(odd), { tm_dc: odd, tm_pdc: odd })).toEqual({});
    expect(evaluateNest(q(odd), { tm_dc: 'euXwest "1" \\ (a|b)', tm_pdc: 'euXwest "1" \\ (a|b)' })).toEqual({ tm_dc: 'euXwest "1" \\ (a|b)', tm_pdc: 'euXwest "1" \\ (a|b)' });
  });
});
