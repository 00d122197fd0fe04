import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceKey, splitServiceKey } from './endpoints.ts';
import { edgeKey, edgeOfKey } from './expressions/apply.ts';

/** Names are data: any text, U+0000 included, makes the same name back and no two names one key. */
describe('keys of names', () => {
  it.each([
    { desc: 'plain', dc: 'eu-west', name: 'checkout' },
    { desc: 'a name holding the separator', dc: 'eu-west', name: 'a\u0000b' },
    { desc: 'an empty name', dc: 'eu-west', name: '' },
  ])('serviceKey / splitServiceKey: $desc', ({ dc, name }) => {
    expect(splitServiceKey(serviceKey(dc, name))).toEqual([dc, name]);
  });

  it('splitServiceKey gives back any name of a datacenter without U+0000', () => {
    fc.assert(fc.property(fc.string().filter((d) => !d.includes('\u0000')), fc.string({ unit: 'binary' }), (dc, name) => {
      expect(splitServiceKey(serviceKey(dc, name))).toEqual([dc, name]);
    }));
  });

  it('edgeKey is one-to-one and edgeOfKey gives the ends back, whatever the names', () => {
    expect(edgeKey('a\u0000b', 'c')).not.toBe(edgeKey('a', 'b\u0000c'));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (s, t) => {
      expect(edgeOfKey(edgeKey(s, t))).toEqual([s, t]);
    }));
  });
});
