import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dropIdentityScale, lazyCanvases, plainNoticeCanvas } from './vizceralCanvases.ts';

const BUNDLE = readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8');
const RESIZE = 'key:"resizeCanvas",value:function(t,e,n){var r=t.getContext("2d"),i=r.font;t.width=1*e,r.font=i,r.scale(1,1)}';
const NOTICE = 'return n.noticeCanvas=n.createCanvas(256,256),n.noticeTexture=new a.Texture(n.noticeCanvas)';
const PLAIN = 'n.noticeCanvas=Object.assign(document.createElement("canvas"),{width:256,height:256})';

describe('lazyCanvases on the Vizceral 4.9 bundle', () => {
  const changed = lazyCanvases(BUNDLE);

  it('drops only the scale(1,1) at the end of resizeCanvas', () => {
    const at = BUNDLE.indexOf('key:"resizeCanvas"');
    expect(BUNDLE.slice(at, at + 300)).toMatch(/,(\w)\.textBaseline=a,\1\.scale\(1,1\)\}\}/);
    expect(changed.slice(at, at + 300)).toMatch(/\.textBaseline=a\}\},\{key:"setOpacity"/);
  });

  it('makes the notice canvas plain, 256x256, and changes nothing else', () => {
    expect(BUNDLE).toContain('n.noticeCanvas=n.createCanvas(256,256),');
    expect(changed).toContain(`${PLAIN},`);
    const back = changed
      .replace(/\.textBaseline=a\}\},\{key:"setOpacity"/, '.textBaseline=a,r.scale(1,1)}},{key:"setOpacity"')
      .replace(PLAIN, 'n.noticeCanvas=n.createCanvas(256,256)');
    expect(back).toBe(BUNDLE);
  });

  it('the plain canvas is what createCanvas gave, less the context: the same size, and the icon drawn with drawImage only', () => {
    const updateNoticeIcon = /key:"updateNoticeIcon",value:function\(\)\{[^]*?needsUpdate=!0\}/.exec(BUNDLE)?.[0] ?? '';
    expect(updateNoticeIcon).toContain('this.noticeCanvas.getContext("2d")');
    // No text, so the text alignment createCanvas set does not matter.
    expect(updateNoticeIcon).not.toMatch(/fillText|strokeText|textAlign|textBaseline|font/);
  });
});

describe('each change finds its one place or says so', () => {
  const cases: { desc: string; change: (b: string) => string; bundle: string; result: string | RegExp }[] = [
    { desc: 'scale: the call at the end', change: dropIdentityScale, bundle: `{${RESIZE}}`, result: '{key:"resizeCanvas",value:function(t,e,n){var r=t.getContext("2d"),i=r.font;t.width=1*e,r.font=i}}' },
    { desc: 'scale: of another context, left alone', change: dropIdentityScale, bundle: `{${RESIZE.replace('r.scale', 'q.scale')}}`, result: /found 0/ },
    { desc: 'scale: another scale, left alone', change: dropIdentityScale, bundle: `{${RESIZE.replace('scale(1,1)', 'scale(2,2)')}}`, result: /found 0/ },
    { desc: 'scale: no resizeCanvas', change: dropIdentityScale, bundle: 'var x=1;', result: /found 0: update scripts\/vizceralCanvases\.ts/ },
    { desc: 'scale: two resizeCanvas', change: dropIdentityScale, bundle: `{${RESIZE}},{${RESIZE}}`, result: /found 2/ },
    { desc: 'notice: the canvas', change: plainNoticeCanvas, bundle: NOTICE, result: `return ${PLAIN},n.noticeTexture=new a.Texture(n.noticeCanvas)` },
    { desc: 'notice: another size, left alone', change: plainNoticeCanvas, bundle: NOTICE.replace('256,256', '128,128'), result: /found 0/ },
    { desc: 'notice: none', change: plainNoticeCanvas, bundle: 'var x=1;', result: /found 0/ },
    { desc: 'notice: two', change: plainNoticeCanvas, bundle: `${NOTICE};${NOTICE}`, result: /found 2/ },
  ];
  it.each(cases)('$desc', ({ change, bundle, result }) => {
    if (typeof result === 'string') expect(change(bundle)).toBe(result);
    else expect(() => change(bundle)).toThrow(result);
  });
});
