import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dropIdentityScale } from './vizceralCanvasScale.ts';

const BUNDLE = readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8');
const RESIZE = 'key:"resizeCanvas",value:function(t,e,n){var r=t.getContext("2d"),i=r.font;t.width=1*e,r.font=i,r.scale(1,1)}';

describe('dropIdentityScale', () => {
  it("removes only the scale(1,1) at the end of Vizceral 4.9's resizeCanvas", () => {
    const changed = dropIdentityScale(BUNDLE);
    const at = BUNDLE.indexOf('key:"resizeCanvas"');
    expect(BUNDLE.slice(at, at + 300)).toMatch(/,(\w)\.textBaseline=a,\1\.scale\(1,1\)\}\}/);
    expect(changed.slice(at, at + 300)).not.toContain('scale(1,1)');
    expect(changed.slice(at, at + 300)).toMatch(/\.textBaseline=a\}\}/);
    // Nothing else: the bundle is the same text but the 13 characters of ",r.scale(1,1)".
    expect(BUNDLE.length - changed.length).toBe(',r.scale(1,1)'.length);
    expect(changed.replace(/\.textBaseline=a\}\},\{key:"setOpacity"/, '.textBaseline=a,r.scale(1,1)}},{key:"setOpacity"')).toBe(BUNDLE);
  });

  const cases: { desc: string; bundle: string; result: string | RegExp }[] = [
    { desc: 'the call at the end', bundle: `{${RESIZE}}`, result: '{key:"resizeCanvas",value:function(t,e,n){var r=t.getContext("2d"),i=r.font;t.width=1*e,r.font=i}}' },
    { desc: 'a scale of another context is left alone', bundle: `{${RESIZE.replace('r.scale', 'q.scale')}}`, result: /found 0/ },
    { desc: 'another scale is left alone', bundle: `{${RESIZE.replace('scale(1,1)', 'scale(2,2)')}}`, result: /found 0/ },
    { desc: 'no resizeCanvas', bundle: 'var x=1;', result: /found 0: update scripts\/vizceralCanvasScale\.ts/ },
    { desc: 'two resizeCanvas', bundle: `{${RESIZE}},{${RESIZE}}`, result: /found 2/ },
  ];
  it.each(cases)('$desc', ({ bundle, result }) => {
    if (typeof result === 'string') expect(dropIdentityScale(bundle)).toBe(result);
    else expect(() => dropIdentityScale(bundle)).toThrow(result);
  });
});
