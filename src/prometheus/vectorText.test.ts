import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantSample, labelValue } from '../app/__fixtures__/hostileArbitraries.ts';
import { floatValue } from './floatText.ts';
import type { InstantSample } from './types.ts';
import { checkQueryData } from './validate.ts';
import { scanVector } from './vectorText.ts';

const answer = (result: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, ...extra });
const sample = (metric: Record<string, string>, value: string, time: number = 1700000000) => ({ metric, value: [time, value] });
const TWO = answer([sample({ tm_node: 'cart', tm_peer: 'api', tm_class: '2xx' }, '12.5'), sample({ tm_peer: 'db', tm_node: 'api' }, '0.00431040684034673')]);

describe('scanVector', () => {
  const cases: { desc: string; text: string; labels: string[]; expected: { labels: string[][]; values: number[] } | null }[] = [
    { desc: 'the compact answer: labels asked for, in any order in the series, missing ones as ""', text: TWO, labels: ['tm_node', 'tm_peer', 'tm_dc'], expected: { labels: [['cart', 'api'], ['api', 'db'], ['', '']], values: [12.5, 0.00431040684034673] } },
    { desc: 'an empty vector', text: answer([]), labels: ['tm_node'], expected: { labels: [[]], values: [] } },
    { desc: 'a line break after the answer', text: `${TWO}\n`, labels: ['tm_node'], expected: { labels: [['cart', 'api']], values: [12.5, 0.00431040684034673] } },
    { desc: 'a timestamp with a fraction and an exponent', text: answer([sample({ a: 'x' }, '1', 1.7e9), sample({ a: 'y' }, '2', 1700000000.123)]), labels: ['a'], expected: { labels: [['x', 'y']], values: [1, 2] } },
    { desc: 'a series without labels', text: answer([sample({}, '3')]), labels: ['a'], expected: { labels: [['']], values: [3] } },
    { desc: 'NaN (a latency without requests) as NaN', text: answer([sample({ a: 'x' }, 'NaN')]), labels: ['a'], expected: { labels: [['x']], values: [NaN] } },
    { desc: 'non-ASCII label values as they are', text: answer([sample({ a: 'ευρώπη-☁️' }, '1')]), labels: ['a'], expected: { labels: [['ευρώπη-☁️']], values: [1] } },
    { desc: 'a label value with the characters of the shape (,:{}[]) read whole', text: answer([sample({ a: '{x:[1,2]},]}}', b: 'y' }, '1')]), labels: ['a', 'b'], expected: { labels: [['{x:[1,2]},]}}'], ['y']], values: [1] } },
    // JSON allows control characters only escaped, and Prometheus escapes them; looking for them would cost a pass over every answer.
    { desc: 'a raw control character in a label value (not JSON; no server sends one) is read as it is', text: answer([sample({ a: 'x' }, '1')]).replace('"x"', '"x\ty"'), labels: ['a'], expected: { labels: [['x\ty']], values: [1] } },
    { desc: 'warnings: parsed, so that they are kept', text: answer([sample({ a: 'x' }, '1')], { warnings: ['results truncated'] }), labels: ['a'], expected: null },
    { desc: 'infos: parsed', text: answer([], { infos: ['metric might not be a counter'] }), labels: ['a'], expected: null },
    { desc: 'VictoriaMetrics stats after the data: parsed', text: answer([], { stats: { seriesFetched: '1' } }), labels: ['a'], expected: null },
    { desc: 'an escape in a label value', text: answer([sample({ a: 'say "hi"' }, '1')]), labels: ['a'], expected: null },
    { desc: 'an escaped HTML character (Go escapes <, > and &)', text: answer([sample({ a: 'x' }, '1')]).replace('"x"', '"\\u003cx"'), labels: ['a'], expected: null },
    { desc: 'an empty label value (Prometheus never sends one; "" means no label here)', text: answer([sample({ a: '' }, '1')]), labels: ['a'], expected: null },
    { desc: 'whitespace between the tokens', text: JSON.stringify(JSON.parse(TWO), null, 1), labels: ['a'], expected: null },
    { desc: 'value before metric', text: answer([{ value: [1, '1'], metric: { a: 'x' } }]), labels: ['a'], expected: null },
    { desc: 'data before status', text: JSON.stringify({ data: { resultType: 'vector', result: [] }, status: 'success' }), labels: ['a'], expected: null },
    { desc: 'a native histogram beside the value', text: answer([{ metric: { a: 'x' }, value: [1, '1'], histogram: [1, {}] }]), labels: ['a'], expected: null },
    { desc: 'a matrix', text: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }), labels: ['a'], expected: null },
    { desc: 'an error answer', text: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }), labels: ['a'], expected: null },
    { desc: '+Inf: parsed, and reported as a bad sample', text: answer([sample({ a: 'x' }, '+Inf')]), labels: ['a'], expected: null },
    { desc: 'a value that is no float', text: answer([sample({ a: 'x' }, '0x10')]), labels: ['a'], expected: null },
    { desc: 'a number as the value', text: answer([{ metric: { a: 'x' }, value: [1, 1] }]), labels: ['a'], expected: null },
    { desc: 'a string as the timestamp', text: answer([{ metric: { a: 'x' }, value: ['1', '1'] }]), labels: ['a'], expected: null },
    { desc: 'a timestamp with a leading zero (no JSON number)', text: answer([sample({ a: 'x' }, '1')]).replace('1700000000', '01'), labels: ['a'], expected: null },
    { desc: 'a three-part value', text: answer([{ metric: { a: 'x' }, value: [1, '1', '2'] }]), labels: ['a'], expected: null },
    { desc: 'a label value that is no string', text: answer([{ metric: { a: 1 }, value: [1, '1'] }]), labels: ['a'], expected: null },
    { desc: 'cut off by a proxy', text: TWO.slice(0, TWO.length - 20), labels: ['tm_node'], expected: null },
    { desc: 'a trailing comma in the list', text: TWO.replace(/\]\}\}$/, ',]}}'), labels: ['tm_node'], expected: null },
    { desc: 'not JSON', text: 'Service Unavailable', labels: ['a'], expected: null },
    { desc: 'empty', text: '', labels: ['a'], expected: null },
  ];
  it.each(cases)('$desc', ({ text, labels, expected }) => {
    const scanned = scanVector(text, labels);
    if (expected === null) {
      expect(scanned).toBeNull();
      return;
    }
    expect(scanned).not.toBeNull();
    expect(scanned?.labels).toEqual(expected.labels);
    expect(scanned?.values).toEqual(expected.values);
    expect(scanned?.size).toBe(expected.values.length);
  });

  it('reads what JSON.parse and the checks read, and every answer they accept that has no escape, empty label or bad value', () => {
    const names = ['tm_node', 'tm_peer', 'tm_dc', 'constructor', '__proto__', 'a'];
    fc.assert(fc.property(
      fc.array(fc.oneof(instantSample(names), fc.record({ metric: fc.dictionary(fc.constantFrom(...names), labelValue), value: fc.tuple(fc.nat(), fc.oneof(fc.double().map(String), fc.constant('NaN'))) })), { maxLength: 12 }),
      fc.subarray(names),
      (samples, wanted) => {
        const text = answer(samples);
        const scanned = scanVector(text, wanted);
        const parsed = JSON.parse(text) as { data: unknown };
        const checked = checkQueryData(parsed.data);
        const result = (checked.ok && checked.value.resultType === 'vector' ? checked.value.result : []) as InstantSample[];
        const plain = checked.ok && !text.includes('\\') && result.every((s) =>
          Object.values(s.metric).every((v) => v !== '') && (s.value[1] === 'NaN' || !Number.isNaN(floatValue(s.value[1]))));
        expect(scanned !== null).toBe(plain);
        if (!scanned) return;
        expect(scanned.size).toBe(result.length);
        wanted.forEach((name, k) => {
          expect(scanned.labels[k]).toEqual(result.map((s) => (Object.hasOwn(s.metric, name) ? s.metric[name] : '')));
        });
        result.forEach((s, i) => {
          expect(Object.is(scanned.values[i], floatValue(s.value[1]))).toBe(true);
        });
      },
    ), { numRuns: 3000 });
  });
});
