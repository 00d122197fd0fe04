// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectInert } from '../__fixtures__/dom.ts';
import { HOSTILE } from '../__fixtures__/graph.ts';
import { ExpressionInput } from './ExpressionInput.tsx';

afterEach(cleanup);

const field = () => screen.getByLabelText('Hide expression') as HTMLInputElement;

describe('ExpressionInput', () => {
  it('applies an expression that parses on Enter, in its canonical text', () => {
    const onApply = vi.fn();
    render(<ExpressionInput label="Hide" placeholder="" value="" onApply={onApply} />);
    fireEvent.change(field(), { target: { value: 'RATE<1  OR alerts' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(onApply).toHaveBeenCalledWith('rate < 1 or alerts');
    expect(field().getAttribute('aria-invalid')).toBeNull();
  });

  it('applies on leaving the field too; clearing it applies nothing', () => {
    const onApply = vi.fn();
    render(<ExpressionInput label="Hide" placeholder="" value="alerts" onApply={onApply} />);
    fireEvent.change(field(), { target: { value: '  ' } });
    fireEvent.blur(field());
    expect(onApply).toHaveBeenCalledWith('');
  });

  it('a bad expression is not applied: the field is invalid, the message names the column and what was expected, and points at it', () => {
    const onApply = vi.fn();
    render(<ExpressionInput label="Hide" placeholder="" value="rate < 1" onApply={onApply} />);
    fireEvent.change(field(), { target: { value: 'errors > 5' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(onApply).not.toHaveBeenCalled();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByTestId('hide-error');
    expect(field().getAttribute('aria-describedby')).toBe(message.id);
    expect(message.textContent).toContain('Hide: column 10: expected a share: 5% or 0.05 (a plain number is a fraction of 1), found "5". Still applied: rate < 1');
    expect(message.querySelector('mark')?.textContent).toBe('5');
    expect(field().selectionStart).toBe(9);
  });

  it('a bad expression from the URL is shown with its message, and nothing is applied by it', () => {
    render(<ExpressionInput label="Hide" placeholder="" value="latency > 500" onApply={vi.fn()} />);
    expect(screen.getByTestId('hide-error').textContent).toContain('column 11: expected a duration with its unit: 500ms or 500s, found "500". Nothing is hidden by it.');
  });

  it('Esc puts the applied text back', () => {
    const onApply = vi.fn();
    render(<ExpressionInput label="Hide" placeholder="" value="alerts" onApply={onApply} />);
    fireEvent.change(field(), { target: { value: 'rate <' } });
    fireEvent.keyDown(field(), { key: 'Escape' });
    fireEvent.blur(field());
    expect(field().value).toBe('alerts');
    expect(onApply).not.toHaveBeenCalled();
  });

  it('hostile text in a bad expression is shown as text', () => {
    const { container } = render(<ExpressionInput label="Find" placeholder="" value={`name = ${HOSTILE.script}`} onApply={vi.fn()} />);
    expect(screen.getByTestId('find-error').textContent).toContain('column');
    expectInert(container);
  });
});
