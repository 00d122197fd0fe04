import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleText } from '../app/__fixtures__/hostileArbitraries.ts';
import { floatValue } from '../prometheus/floatText.ts';

/** The reference: Go's float syntax by regex, then the language's own conversion. */
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const reference = (text: string): number => (FLOAT.test(text) ? Number(text) : NaN);

/** Texts in the float syntax: digits, a point, an exponent, each part optional where the syntax allows. */
const floatText: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom('', '+', '-'),
  fc.stringMatching(/^\d{0,20}$/),
  fc.constantFrom('', '.'),
  fc.stringMatching(/^\d{0,20}$/),
  fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.stringMatching(/^\d{0,3}$/)).map((p) => p.join(''))),
).map((p) => p.join(''));

/** How Go and JS print doubles: shortest, fixed and exponent forms. */
const printed: fc.Arbitrary<string> = fc.double({ noNaN: true, noDefaultInfinity: true }).chain((x) => fc.constantFrom(
  String(x), Math.abs(x) < 1e21 ? x.toFixed(6) : String(x), x.toExponential(), x.toExponential(3), x.toPrecision(17), x.toPrecision(15),
));

describe('floatValue', () => {
  const cases: { desc: string; text: string; expected: number }[] = [
    { desc: 'decimal', text: '12.5', expected: 12.5 },
    { desc: 'shortest form of a third', text: '0.3333333333333333', expected: 1 / 3 },
    { desc: 'digits past 2^53 go through Number()', text: '9007199254740993', expected: 9007199254740992 },
    { desc: 'digits past 2^53 with a point (their sum is rounded: not m / 10^e)', text: '0.9007199254740993', expected: 0.9007199254740993 },
    { desc: 'digits past 2^53 with an exponent', text: '9007199254740995e-3', expected: 9007199254740.994 },
    { desc: 'Go exponent', text: '1e-07', expected: 1e-7 },
    { desc: 'exponent beyond 10^22 goes through Number()', text: '1.5e+30', expected: 1.5e30 },
    { desc: 'negative zero', text: '-0', expected: -0 },
    { desc: 'a point with no digits after', text: '5.', expected: 5 },
    { desc: 'no digits before the point', text: '+.5', expected: 0.5 },
    { desc: 'huge exponent', text: '1e99999999999', expected: Infinity },
    { desc: 'empty', text: '', expected: NaN },
    { desc: 'blank around', text: ' 3 ', expected: NaN },
    { desc: 'hex', text: '0x10', expected: NaN },
    { desc: 'octal prefix', text: '0o7', expected: NaN },
    { desc: 'binary prefix (ends with a digit)', text: '0b11', expected: NaN },
    { desc: 'hex prefix in capitals, ending with a digit', text: '0X10', expected: NaN },
    { desc: 'octal prefix in capitals', text: '0O7', expected: NaN },
    { desc: 'binary prefix in capitals', text: '0B1', expected: NaN },
    { desc: 'signed hex', text: '-0x10', expected: NaN },
    { desc: 'a zero before the point', text: '0.5', expected: 0.5 },
    { desc: 'zeros before digits', text: '007', expected: 7 },
    { desc: 'blank before', text: ' 3', expected: NaN },
    { desc: 'line break after', text: '3\n', expected: NaN },
    { desc: 'no-break space before', text: '\u00a03', expected: NaN },
    { desc: 'line separator after', text: '3\u2028', expected: NaN },
    { desc: 'a point alone', text: '.', expected: NaN },
    { desc: 'a sign alone', text: '-', expected: NaN },
    { desc: 'signed infinity', text: '-Infinity', expected: NaN },
    { desc: 'exponent without digits', text: '1e', expected: NaN },
    { desc: 'Go infinity', text: '+Inf', expected: NaN },
    { desc: 'JS infinity', text: 'Infinity', expected: NaN },
  ];
  it.each(cases)('$desc: $text', ({ text, expected }) => {
    expect(Object.is(floatValue(text), expected)).toBe(true);
    expect(Object.is(floatValue(text), reference(text))).toBe(true);
  });

  /** Float texts with what `Number()` reads besides: blanks around, integer-literal prefixes, "Infinity". */
  const nearFloat: fc.Arbitrary<string> = fc.tuple(
    fc.constantFrom('', ' ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '0x', '0X', '0o', '0b', '0B', '+', '-', '0'),
    fc.oneof(floatText, fc.stringMatching(/^[0-9a-fA-F]{1,6}$/), fc.constant('Infinity')),
    fc.constantFrom('', ' ', '\n', '\u3000', '.', 'e', 'e1'),
  ).map((p) => p.join(''));

  it('is exactly what the syntax check and Number() give, for every text', () => {
    fc.assert(fc.property(fc.oneof(floatText, printed, nearFloat, sampleText, fc.string()), (text) => {
      expect(Object.is(floatValue(text), reference(text))).toBe(true);
    }), { numRuns: 20_000 });
  });
});
