import { useState } from 'react';
import { fromLocalInput, toLocalInput } from '../timeTravel.ts';
import type { Replay } from '../timeTravel.ts';

interface Props {
  readonly pinned: number | null;
  readonly onStep: (direction: -1 | 1) => void;
  readonly onJump: (unix: number) => void;
  readonly onLive: () => void;
  readonly replay: Replay | null;
  readonly onReplay: (replay: Replay | null) => void;
  readonly nowS: number;
  /** The date field itself (see `dateFieldDue`); until then a read-only stand-in of its size. */
  readonly dateField: boolean;
}

const RANGES: readonly { label: string; seconds: number }[] = [
  { label: 'last 15 min', seconds: 900 }, { label: 'last hour', seconds: 3600 }, { label: 'last 6 hours', seconds: 21_600 },
];
const SPEEDS: readonly number[] = [10, 30, 60, 120, 300];

/** Step through time, jump to a moment, replay a range, or go back to live. */
export function TimeControls({ pinned, onStep, onJump, onLive, replay, onReplay, nowS, dateField }: Props) {
  const [range, setRange] = useState(3600);
  const [speed, setSpeed] = useState(60);
  return (
    <div className="toolbar__group" role="group" aria-label="Time">
      <button type="button" onClick={() => onStep(-1)} title="One refresh interval back ([)" aria-label="Step back">◀</button>
      {dateField
        ? <input type="datetime-local" className="time-field" step={1} aria-label="Go to time" value={pinned === null ? '' : toLocalInput(pinned)}
          max={toLocalInput(nowS)} onChange={(e) => { const t = fromLocalInput(e.target.value); if (t !== null) onJump(t); }} />
        : <input type="text" className="time-field" readOnly disabled aria-label="Go to time" value={pinned === null ? '' : toLocalInput(pinned).replace('T', ' ')} />}
      <button type="button" onClick={() => onStep(1)} disabled={pinned === null} title="One refresh interval forward (])" aria-label="Step forward">▶</button>
      <button type="button" onClick={onLive} disabled={pinned === null && !replay} aria-pressed={pinned === null} title="Back to live (l)">Live</button>
      <span className="toolbar__sep" aria-hidden="true" />
      <select aria-label="Replay range" value={range} onChange={(e) => setRange(Number(e.target.value))}>
        {RANGES.map((r) => <option key={r.seconds} value={r.seconds}>{r.label}</option>)}
      </select>
      <select aria-label="Replay speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
      </select>
      {replay
        ? <button type="button" onClick={() => onReplay(null)}>Stop replay</button>
        : <button type="button" onClick={() => onReplay({ start: nowS - range, end: nowS, speed })}>Replay</button>}
    </div>
  );
}
