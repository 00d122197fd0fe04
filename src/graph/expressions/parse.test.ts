import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { parseExpression } from './parse.ts';
import { printExpression } from './print.ts';

const cmp = (field: 'errors' | 'rate' | 'latency' | 'alerts' | 'baseline', op: '>' | '>=' | '<' | '<=' | '=' | '!=', value: number, unit: '' | '%' | 'ms' | 's' = ''): Expr =>
  ({ kind: 'compare', field, op, quantity: { value, unit } });
const name = (value: string, op: '=' | '!=' = '='): Expr => ({ kind: 'text', field: 'name', op, value });

describe('parseExpression: what parses, and its canonical text', () => {
  const cases: { desc: string; text: string; want: Expr | null; printed: string }[] = [
    { desc: 'blank is nothing', text: '  ', want: null, printed: '' },
    { desc: 'error share in percent', text: 'errors > 5%', want: cmp('errors', '>', 5, '%'), printed: 'errors > 5%' },
    { desc: 'error share as a fraction, no spaces', text: 'errors>=0.05', want: cmp('errors', '>=', 0.05), printed: 'errors >= 0.05' },
    { desc: 'rate', text: 'rate < 1', want: cmp('rate', '<', 1), printed: 'rate < 1' },
    { desc: 'latency in ms', text: 'latency > 500ms', want: cmp('latency', '>', 500, 'ms'), printed: 'latency > 500ms' },
    { desc: 'latency in seconds, upper case', text: 'LATENCY > 1.5S', want: cmp('latency', '>', 1.5, 's'), printed: 'latency > 1.5s' },
    { desc: 'a name glob', text: 'name = checkout*', want: name('checkout*'), printed: 'name = checkout*' },
    { desc: 'a name that is not', text: 'name != "pay ments"', want: name('pay ments', '!='), printed: 'name != "pay ments"' },
    { desc: 'a quoted name with a quote and a backslash', text: 'name = "a\\"b\\\\c"', want: name('a"b\\c'), printed: 'name = "a\\"b\\\\c"' },
    { desc: 'a name that is a keyword is quoted', text: 'name = "and"', want: name('and'), printed: 'name = "and"' },
    { desc: 'the empty name', text: 'name = ""', want: name(''), printed: 'name = ""' },
    { desc: 'alerts alone', text: 'alerts', want: { kind: 'flag', field: 'alerts' }, printed: 'alerts' },
    { desc: 'alerts counted', text: 'alerts > 2', want: cmp('alerts', '>', 2), printed: 'alerts > 2' },
    { desc: 'a baseline drop', text: 'baseline < -50%', want: cmp('baseline', '<', -50, '%'), printed: 'baseline < -50%' },
    { desc: 'health', text: 'health = Danger', want: { kind: 'text', field: 'health', op: '=', value: 'danger' }, printed: 'health = danger' },
    { desc: 'kind', text: 'kind != external', want: { kind: 'text', field: 'kind', op: '!=', value: 'external' }, printed: 'kind != external' },
    {
      desc: 'and binds tighter than or', text: 'rate < 1 or errors > 5% and alerts',
      want: { kind: 'or', left: cmp('rate', '<', 1), right: { kind: 'and', left: cmp('errors', '>', 5, '%'), right: { kind: 'flag', field: 'alerts' } } },
      printed: 'rate < 1 or errors > 5% and alerts',
    },
    {
      desc: 'not binds tighter than and', text: 'not alerts and rate < 1',
      want: { kind: 'and', left: { kind: 'not', operand: { kind: 'flag', field: 'alerts' } }, right: cmp('rate', '<', 1) },
      printed: 'not alerts and rate < 1',
    },
    {
      desc: 'parentheses group', text: '(rate < 1 or alerts) and NOT (name = a*)',
      want: { kind: 'and', left: { kind: 'or', left: cmp('rate', '<', 1), right: { kind: 'flag', field: 'alerts' } }, right: { kind: 'not', operand: name('a*') } },
      printed: '(rate < 1 or alerts) and not name = a*',
    },
    {
      desc: 'a right-nested or keeps its parentheses', text: 'alerts or (rate < 1 or rate > 9)',
      want: { kind: 'or', left: { kind: 'flag', field: 'alerts' }, right: { kind: 'or', left: cmp('rate', '<', 1), right: cmp('rate', '>', 9) } },
      printed: 'alerts or (rate < 1 or rate > 9)',
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = parseExpression(c.text);
      expect(r).toEqual({ ok: true, expr: c.want });
      if (r.ok) {
        expect(printExpression(r.expr)).toBe(c.printed);
        expect(parseExpression(c.printed)).toEqual(r);
      }
    });
  }
});

describe('parseExpression: errors point at the place and say what was expected', () => {
  const cases: { desc: string; text: string; column: number; expected: RegExp }[] = [
    { desc: 'a value is missing', text: 'errors >', column: 9, expected: /a value after ">" \(a share such as 5% or 0.05\)/ },
    { desc: 'an unknown field', text: 'rate < 1 and eror > 5%', column: 14, expected: /a field \(errors, rate, latency, name, alerts, baseline, health, kind\)/ },
    { desc: 'a share without %', text: 'errors > 5', column: 10, expected: /a share: 5% or 0.05/ },
    { desc: 'a latency without a unit', text: 'latency > 500', column: 11, expected: /a duration with its unit: 500ms or 500s/ },
    { desc: 'a rate with a unit', text: 'rate < 1%', column: 8, expected: /requests per second/ },
    { desc: 'a field without a comparison', text: 'errors', column: 7, expected: /a comparison after "errors"/ },
    { desc: 'name compared with <', text: 'name < a', column: 6, expected: /"=" or "!=" after "name"/ },
    { desc: 'an unknown health', text: 'health = red', column: 10, expected: /a health: normal, warning, danger/ },
    { desc: 'an unclosed parenthesis', text: '(rate < 1', column: 10, expected: /"\)" to close the "\(" at column 1/ },
    { desc: 'a stray closing parenthesis', text: 'rate < 1)', column: 9, expected: /no "\)" here/ },
    { desc: 'two conditions without and/or', text: 'rate < 1 alerts', column: 10, expected: /"and", "or" or the end/ },
    { desc: 'a dangling and', text: 'alerts and', column: 11, expected: /a condition/ },
    { desc: 'an unclosed quote', text: 'name = "abc', column: 8, expected: /a closing quote/ },
    { desc: 'a lone !', text: 'name ! a', column: 6, expected: /"!="/ },
    { desc: 'a number that is not one', text: 'rate < 1..2', column: 8, expected: /requests per second/ },
    { desc: 'too deep', text: `${'('.repeat(60)}alerts${')'.repeat(60)}`, column: 51, expected: /at most 50 nested/ },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = parseExpression(c.text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.column).toBe(c.column);
      expect(r.error.expected).toMatch(c.expected);
      expect(r.error.message).toMatch(new RegExp(`^column ${c.column}: expected `));
    });
  }
});
