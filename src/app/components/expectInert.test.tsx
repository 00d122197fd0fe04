// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { expectInert } from '../__fixtures__/dom.ts';
import { HOSTILE } from '../__fixtures__/graph.ts';

afterEach(cleanup);

// The safety assertions of the component tests must fail on the very thing they guard against.
describe('expectInert catches data turned into markup', () => {
  it.each([
    { desc: 'an <img onerror> injected as HTML', html: HOSTILE.img },
    { desc: 'a <script> injected as HTML', html: HOSTILE.script },
    { desc: 'a javascript: link', html: `<a href="${HOSTILE.js}">x</a>` },
    { desc: 'a JavaScript: link in capitals', html: '<a href="JavaScript:alert(1)">x</a>' },
    { desc: 'a relative link', html: '<a href="/x">x</a>' },
    { desc: 'an inline handler', html: '<span onclick="window.__pwned=1">x</span>' },
  ])('$desc', ({ html }) => {
    const { container } = render(<div dangerouslySetInnerHTML={{ __html: html }} />);
    expect(() => expectInert(container)).toThrow();
  });

  it('passes on the same text rendered by React', () => {
    const { container } = render(<div>{HOSTILE.img}{HOSTILE.script}<a href="https://g.example/">{HOSTILE.js}</a></div>);
    expect(() => expectInert(container)).not.toThrow();
  });
});
