// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FiringAlert } from '../../graph/types.ts';
import { expectInert, textOf } from '../__fixtures__/dom.ts';
import { HOSTILE } from '../__fixtures__/graph.ts';
import { SelectionAlerts, UnplacedAlertsPanel } from './AlertList.tsx';

afterEach(cleanup);

const NOW = Date.UTC(2026, 11, 5, 21, 0, 0);

function alert(over: Partial<FiringAlert> = {}): FiringAlert {
  return {
    name: 'HighErrorRate', severity: 'critical', labels: new Map([['alertname', 'HighErrorRate']]),
    summary: 'checkout fails', description: 'more text', since: NOW / 1000 - 125,
    runbookUrl: 'https://runbooks.example/x', link: 'https://am.example/#/alerts', ...over,
  };
}

describe('SelectionAlerts', () => {
  it('lists name, severity, since when, summary, description and both links', () => {
    const { container } = render(<SelectionAlerts alerts={[alert()]} now={NOW} />);
    const text = (sel: string): string | null | undefined => container.querySelector(sel)?.textContent;
    expect([text('h3'), text('.alert__name'), text('.alert__severity'), text('.alert__since'), text('.alert__summary'), text('.alert__description')])
      .toEqual(['1 firing alert', 'HighErrorRate', 'critical', 'since 2 min 5 s ago', 'checkout fails', 'more text']);
    expect([...container.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://runbooks.example/x', 'https://am.example/#/alerts']);
    expect(container.querySelector('.alert')?.className).toContain('alert--danger');
  });

  it('nothing without alerts', () => {
    expect(render(<SelectionAlerts alerts={undefined} now={NOW} />).container.innerHTML).toBe('');
    expect(render(<SelectionAlerts alerts={[]} now={NOW} />).container.innerHTML).toBe('');
  });

  it.each([
    { desc: 'an <img onerror> summary and name', over: { name: HOSTILE.img, summary: HOSTILE.img, description: HOSTILE.script, severity: HOSTILE.script } },
    { desc: 'javascript: links handed in anyway', over: { runbookUrl: HOSTILE.js, link: 'data:text/html,<b>x</b>' } },
  ])('$desc stays text, no script link', ({ over }) => {
    const { container } = render(<SelectionAlerts alerts={[alert(over)]} now={NOW} />);
    expectInert(container);
    if (over.summary) expect(textOf(container)).toContain(over.summary);
  });

  it('a past view says it has no annotations and no start', () => {
    const { container } = render(<SelectionAlerts alerts={[alert({ summary: '', description: '', since: null })]} now={NOW} past />);
    expect(textOf(container)).toContain('Firing at the pinned time (from ALERTS: no summary, description or start time).');
    expect(textOf(container)).not.toContain('since');
  });

  it('many alerts: the first 20 and a count', () => {
    const { container } = render(<SelectionAlerts alerts={Array.from({ length: 25 }, (_, i) => alert({ name: `A${i}` }))} now={NOW} />);
    expect(container.querySelectorAll('[data-testid="alert"]')).toHaveLength(20);
    expect(textOf(container)).toContain('…and 5 more');
  });
});

describe('UnplacedAlertsPanel', () => {
  it('lists each alert with why it is on no node', () => {
    const { container } = render(<UnplacedAlertsPanel items={[{ alert: alert({ name: 'Watchdog', severity: 'none' }), reason: 'its labels name no service or datacenter' }]} now={NOW} />);
    expect(textOf(container)).toContain('1 firing alert on no node');
    expect(textOf(container)).toContain('Not on the map: its labels name no service or datacenter');
  });
  it('nothing when every alert is on a node', () => {
    expect(render(<UnplacedAlertsPanel items={[]} now={NOW} />).container.innerHTML).toBe('');
  });
});
