// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/parse.ts';
import type { ConfigProblem } from '../../config/types.ts';
import { expectInert, textOf } from '../__fixtures__/dom.ts';
import { HOSTILE } from '../__fixtures__/graph.ts';
import { ConfigErrorPage } from './ConfigErrorPage.tsx';

afterEach(cleanup);

describe('ConfigErrorPage renders config text as text', () => {
  it('hand-written hostile problems and URL appear literally', () => {
    const problems: ConfigProblem[] = [
      { path: HOSTILE.script, message: HOSTILE.img },
      { path: '', message: `links.dashboard: ${HOSTILE.js}` },
    ];
    const { container } = render(<ConfigErrorPage problems={problems} url={HOSTILE.script} />);
    const text = textOf(container);
    expect(text).toContain(`The file ${HOSTILE.script} has 2 problems:`);
    expect(container.querySelector('.config-error__field')?.textContent).toBe(HOSTILE.script);
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual([`${HOSTILE.script}: ${HOSTILE.img}`, `links.dashboard: ${HOSTILE.js}`]);
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expectInert(container);
  });

  it('the real problems of a hostile config file are shown, and stay inert', () => {
    const result = parseConfig({
      title: '',
      prometheus: { url: HOSTILE.js },
      links: { dashboard: HOSTILE.js },
      [HOSTILE.img]: HOSTILE.script,
      datacenters: [HOSTILE.script, { name: HOSTILE.img, prometheus: 'javascript:alert(2)' }],
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.length).toBeGreaterThanOrEqual(3);
    const { container } = render(<ConfigErrorPage problems={problems} url="./config.json" />);
    expect(container.querySelectorAll('li')).toHaveLength(problems.length);
    const text = textOf(container);
    expect(text).toContain('prometheus.url');
    expect(text).toContain('links.dashboard');
    expect(text).toContain(`has ${problems.length} problems`);
    expectInert(container);
  });

  it.each([
    { desc: 'one problem', problems: [{ path: 'thresholds.danger', message: 'expected a number' }], want: 'has a problem:' },
    { desc: 'a problem of the whole file has no field', problems: [{ path: '', message: 'expected a JSON object' }], want: 'has a problem:' },
  ])('$desc', ({ problems, want }) => {
    const { container } = render(<ConfigErrorPage problems={problems} url="/config.json" />);
    expect(textOf(container)).toContain(want);
    expect(container.querySelectorAll('.config-error__field')).toHaveLength(problems[0]?.path ? 1 : 0);
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
  });
});
