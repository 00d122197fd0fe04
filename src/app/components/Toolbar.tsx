import type { PageActions } from '../usePageActions.ts';
import type { UrlState } from '../urlState.ts';
import type { Navigate } from '../useUrlState.ts';
import { FilterControls } from './FilterControls.tsx';
import { TimeControls } from './TimeControls.tsx';

interface Props {
  readonly state: UrlState;
  readonly navigate: Navigate;
  readonly actions: PageActions;
  readonly nowS: number;
  /** Whether the date field may be created (`dateFieldDue`). */
  readonly dateField: boolean;
}

/** Time travel, filters, the shareable link and the help: everything kiosk mode hides. */
export function Toolbar({ state, navigate, actions, nowS, dateField }: Props) {
  return (
    <div className="toolbar">
      <TimeControls pinned={state.time} nowS={nowS} onStep={actions.step} onJump={actions.jump} onLive={actions.live}
        replay={actions.replay} onReplay={actions.setReplay} dateField={dateField} />
      <FilterControls filters={state.filters} onChange={(filters) => navigate({ ...state, filters }, { replace: true })} />
      <div className="toolbar__group">
        <button type="button" onClick={actions.copyLink} title="Copy a link to this view at this moment (c)">Copy link</button>
        {actions.copied && (
          <input className="toolbar__copied" readOnly value={actions.copied} aria-label="Copied link" data-testid="copied-link"
            onFocus={(e) => e.target.select()} />
        )}
        <button type="button" onClick={() => actions.setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </div>
    </div>
  );
}
