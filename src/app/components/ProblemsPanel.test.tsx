// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataProblem } from '../../graph/types.ts';
import { expectInert, textOf } from '../__fixtures__/dom.ts';
import { HOSTILE } from '../__fixtures__/graph.ts';
import { describeProblem } from '../problems.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';

afterEach(cleanup);

const PROBLEMS: DataProblem[] = [
  { kind: 'missing-label', query: HOSTILE.script, label: HOSTILE.js, count: 3, example: HOSTILE.img },
  { kind: 'bad-sample', query: 'egressRate', value: HOSTILE.img, count: 1, example: HOSTILE.js },
  { kind: 'unknown-datacenter', datacenter: HOSTILE.script, count: 2, example: `${HOSTILE.img} -> x` },
  { kind: 'duplicate-series', query: HOSTILE.js, count: 4, example: HOSTILE.script },
  { kind: 'capped', datacenter: HOSTILE.img, shown: 150, total: 400 },
];

const HOST_PROBLEMS: DataProblem[] = [
  { kind: 'unresolved-peer', count: 2, examples: [HOSTILE.script, 'api.payments.example'], hint: '{"match":"^([^.:]+)\\\\.payments\\\\.example(:\\\\d+)?$","service":"$1"}' },
  { kind: 'peer-rule-conflict', count: 1, examples: [`"${HOSTILE.img}": rule 1 says "a", rule 2 says "b"; the first wins`] },
];

describe('describeProblem: callees named by host', () => {
  it('a host no rule matched: the examples and a rule to add', () => {
    const text = describeProblem(HOST_PROBLEMS[0] as DataProblem);
    expect(text).toMatch(/^2 callees are named by a host or address that matches no service and are drawn as external, e\.g\. .*api\.payments\.example; if they are services of yours, add a rule to "peerRules" such as \{"match":"\^\(\[\^\.:\]\+\)\\\\\.payments/);
  });

  it('rules in conflict: which rule wins', () => {
    expect(describeProblem(HOST_PROBLEMS[1] as DataProblem)).toMatch(/^1 peer value matches rules of "peerRules" that name different services; the first rule wins: .*rule 1 says "a"/);
  });
});

describe('ProblemsPanel renders data problems as text', () => {
  it('hostile label values, warnings and notes appear literally and make no element or link', () => {
    const { container } = render(
      <ProblemsPanel problems={PROBLEMS} warnings={[HOSTILE.script]} notes={[`${HOSTILE.img} unavailable: ${HOSTILE.js}`]} />,
    );
    const items = [...container.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([`${HOSTILE.img} unavailable: ${HOSTILE.js}`, `Prometheus warning: ${HOSTILE.script}`, ...PROBLEMS.map(describeProblem)]);
    for (const value of Object.values(HOSTILE)) expect(textOf(container)).toContain(value);
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expectInert(container);
  });

  it.each([
    { desc: 'missing label', problem: PROBLEMS[0], has: ['3 series', `lack the label "${HOSTILE.js}"`, HOSTILE.img] },
    { desc: 'bad sample', problem: PROBLEMS[1], has: [`had the value ${HOSTILE.img}`] },
    { desc: 'unknown datacenter', problem: PROBLEMS[2], has: [`datacenter "${HOSTILE.script}"`, '"datacenters"'] },
    { desc: 'duplicate series', problem: PROBLEMS[3], has: ['4 series', 'counted once'] },
    { desc: 'capped', problem: PROBLEMS[4], has: ['400 nodes', 'the 150 busiest', 'maxNodesPerView'] },
  ])('describeProblem: $desc says what and how many', ({ problem, has }) => {
    const text = describeProblem(problem as DataProblem);
    for (const part of has) expect(text).toContain(part);
  });

  it('nothing to say: nothing rendered', () => {
    const { container } = render(<ProblemsPanel problems={[]} warnings={[]} notes={[]} />);
    expect(container.innerHTML).toBe('');
  });

  it.each([
    { desc: 'one line', count: 1, summary: '1 data notice', more: null },
    { desc: 'eight lines, all shown', count: 8, summary: '8 data notices', more: null },
    { desc: 'nine lines: eight shown and one more', count: 9, summary: '9 data notices', more: '…and 1 more' },
    { desc: 'many lines: bounded', count: 50, summary: '50 data notices', more: '…and 42 more' },
  ])('$desc', ({ count, summary, more }) => {
    const warnings = Array.from({ length: count }, (_, i) => `w${i}`);
    const { container } = render(<ProblemsPanel problems={[]} warnings={warnings} notes={[]} />);
    expect(container.querySelector('summary')?.textContent).toBe(summary);
    const items = [...container.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(Math.min(count, 8) + (more ? 1 : 0));
    expect(items.at(-1)).toBe(more ?? `Prometheus warning: w${count - 1}`);
  });

  it('folded by default, so it never hides the map', () => {
    const { container } = render(<ProblemsPanel problems={PROBLEMS} warnings={[]} notes={[]} />);
    expect(container.querySelector('details')?.hasAttribute('open')).toBe(false);
  });
});
