import { describe, expect, it } from 'vitest';
import { array, literal, number, optional, record, refine, strictObject, string, transform, union, withParse } from './validate.ts';
import type { Schema } from './validate.ts';

const text = refine(string('expected a text'), (s, report) => {
  if (s === '') report({ message: 'expected a non-empty text' });
});
const point = strictObject({ x: number('expected x'), label: optional(text) }, 'expected a point');

function issues(schema: Schema<unknown>, input: unknown) {
  return schema.run(input).issues.map(({ kind, path, message }) => ({ kind, path, message }));
}

describe('strictObject', () => {
  const cases: { desc: string; input: unknown; expected: unknown[] }[] = [
    { desc: 'good, optional field left out', input: { x: 1 }, expected: [] },
    { desc: 'not an object', input: [1], expected: [{ kind: 'type', path: [], message: 'expected a point' }] },
    { desc: 'a required field runs on undefined', input: {}, expected: [{ kind: 'type', path: ['x'], message: 'expected x' }] },
    {
      desc: 'field problems in shape order, then unknown keys',
      input: { y: 2, label: '', x: 'a' },
      expected: [
        { kind: 'type', path: ['x'], message: 'expected x' },
        { kind: 'check', path: ['label'], message: 'expected a non-empty text' },
        { kind: 'unknown-keys', path: [], message: 'expected a point' },
      ],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(issues(point, input)).toEqual(expected));

  it('keeps only the known fields', () => {
    expect(point.run({ x: 1, z: 2 }).value).toEqual({ x: 1 });
  });
});

describe('union', () => {
  const either = union([literal('none', 'expected "none"'), point], 'expected "none" or a point');
  const cases: { desc: string; input: unknown; kinds: string[] }[] = [
    { desc: 'the first alternative that accepts', input: 'none', kinds: [] },
    { desc: 'the one alternative past the type checks speaks for the value', input: { x: 1, label: '' }, kinds: ['check'] },
    { desc: 'otherwise one union issue holding every alternative', input: 3, kinds: ['union'] },
  ];
  it.each(cases)('$desc', ({ input, kinds }) => expect(either.run(input).issues.map((i) => i.kind)).toEqual(kinds));

  it('a skipped transform makes an alternative hard', () => {
    const named = union([transform(text, (s) => s.toUpperCase()), point], 'expected a name or a point');
    const [issue] = named.run('').issues;
    expect(issue?.kind).toBe('union');
    expect(issue?.alternatives?.map((a) => a.map((i) => i.kind))).toEqual([['check'], ['type']]);
  });
});

describe('refine and transform after soft and hard problems', () => {
  const seen: unknown[] = [];
  const watched = transform(
    refine(point, (p) => {
      seen.push(p);
    }),
    (p) => p.x * 2,
  );
  const cases: { desc: string; input: unknown; refined: boolean; value: unknown }[] = [
    { desc: 'good: both run', input: { x: 2 }, refined: true, value: 4 },
    { desc: 'unknown keys: both run', input: { x: 2, y: 1 }, refined: true, value: 4 },
    { desc: 'a failed check: refine runs, transform does not', input: { x: 2, label: '' }, refined: true, value: { x: 2, label: '' } },
    { desc: 'a wrong type: neither runs', input: { x: '2' }, refined: false, value: { x: '2' } },
  ];
  it.each(cases)('$desc', ({ input, refined, value }) => {
    seen.length = 0;
    expect(watched.run(input).value).toEqual(value);
    expect(seen.length > 0).toBe(refined);
  });
});

describe('array and record', () => {
  it('array: item paths, then the minimum', () => {
    const list = array(text, 'expected a list', { count: 2, message: 'expected two or more' });
    expect(issues(list, [''])).toEqual([
      { kind: 'check', path: [0], message: 'expected a non-empty text' },
      { kind: 'check', path: [], message: 'expected two or more' },
    ]);
  });

  it('record: every name checked, __proto__ dropped', () => {
    const names = record(text, 'expected names');
    const result = names.run(JSON.parse('{"a": "x", "b": "", "__proto__": "y"}'));
    expect(result.value).toEqual({ a: 'x', b: '' });
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.issues.map((i) => i.path)).toEqual([['b']]);
  });
});

it('withParse: the value, or a throw naming the field', () => {
  const parse = withParse(point).parse;
  expect(parse({ x: 1 })).toEqual({ x: 1 });
  expect(() => parse({ x: 'a' })).toThrow('x: expected x');
});
