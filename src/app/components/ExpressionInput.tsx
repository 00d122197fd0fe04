import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { parseExpression } from '../../graph/expressions/parse.ts';
import type { ParseError } from '../../graph/expressions/parse.ts';
import { printExpression } from '../../graph/expressions/print.ts';

interface Props {
  /** "Find" or "Hide". */
  readonly label: string;
  readonly placeholder: string;
  /** The expression in the URL. */
  readonly value: string;
  /** Called with the canonical text of an expression that parses ('' for none). */
  readonly onApply: (text: string) => void;
}

/**
 * A Find or Hide expression, applied on Enter or when the field is left. One that does not parse
 * is not applied (the map keeps the last good one): the field is marked invalid and a message
 * under it shows where, and what was expected there. Esc puts the applied text back.
 */
export function ExpressionInput({ label, placeholder, value, onApply }: Props) {
  const [draft, setDraft] = useState(value);
  // The text last checked (applied or read from the URL): its error is shown while it is in the field.
  const [checked, setChecked] = useState(value);
  useEffect(() => { setDraft(value); setChecked(value); }, [value]);
  const reverting = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const error = useMemo(() => {
    const r = parseExpression(checked);
    return r.ok ? null : r.error;
  }, [checked]);
  const shownError = draft === checked ? error : null;

  const apply = () => {
    if (reverting.current) { reverting.current = false; return; }
    setChecked(draft);
    const r = parseExpression(draft);
    if (r.ok) {
      const text = printExpression(r.expr);
      if (text !== value) onApply(text);
      else setDraft(text);
    } else {
      inputRef.current?.setSelectionRange(r.error.at, Math.min(draft.length, r.error.at + 1));
    }
  };

  return (
    <span className="expr">
      <label>{label} <input ref={inputRef} type="text" className={`expr__input${shownError ? ' expr__input--invalid' : ''}`} aria-label={`${label} expression`}
        spellCheck={false} autoComplete="off" placeholder={placeholder} value={draft} title={draft}
        aria-invalid={shownError ? true : undefined} {...(shownError ? { 'aria-describedby': errorId } : {})}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') { e.preventDefault(); apply(); }
          if (e.key === 'Escape') { reverting.current = true; setDraft(value); setChecked(value); }
        }} /></label>
      {shownError && <ExpressionError id={errorId} label={label} text={checked} error={shownError} kept={parseExpression(value).ok ? value.trim() : ''} />}
    </span>
  );
}

/** The message under a bad expression: the column, what was expected, and the text with the place marked. */
function ExpressionError({ id, label, text, error, kept }: { id: string; label: string; text: string; error: ParseError; kept: string }) {
  const start = Math.max(0, error.at - 24);
  const before = `${start > 0 ? '…' : ''}${text.slice(start, error.at)}`;
  const at = text.slice(error.at, error.at + 1);
  const after = text.slice(error.at + 1, error.at + 16);
  return (
    <span className="expr__error" id={id} role="alert" data-testid={`${label.toLowerCase()}-error`}>
      <code className="expr__where">{before}<mark>{at || ' '}</mark>{after}{error.at + 16 < text.length ? '…' : ''}</code>
      <span>{label}: {error.message}. {kept ? `Still applied: ${kept}` : `Nothing is ${label === 'Hide' ? 'hidden' : 'found'} by it.`}</span>
    </span>
  );
}
