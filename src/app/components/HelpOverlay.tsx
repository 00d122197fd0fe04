import { SHORTCUTS } from '../shortcuts.ts';

/** The keyboard shortcuts, behind `?`. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="help__box" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => <tr key={s.action}><th scope="row"><kbd>{s.keys}</kbd></th><td>{s.description}</td></tr>)}
          </tbody>
        </table>
        <p>URL parameters: <code>dc</code>, <code>service</code>, <code>edge</code>, <code>view=table</code>, <code>time</code> (RFC 3339 or Unix seconds), <code>kiosk=1</code>, <code>rotate=30s</code>, <code>hideHealthy=1</code>, <code>minRate</code>, <code>match</code>.</p>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
