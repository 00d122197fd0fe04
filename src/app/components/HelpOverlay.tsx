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
        <p>URL parameters: <code>dc</code>, <code>service</code>, <code>edge</code>, <code>view=table</code>, <code>time</code> (RFC 3339 or Unix seconds), <code>kiosk=1</code>, <code>rotate=30s</code>, <code>find</code>, <code>hide</code> (old links' <code>hideHealthy=1</code>, <code>minRate</code>, <code>match</code> read as <code>hide</code>).</p>
        <h2>Find and Hide</h2>
        <p>Find lights what matches and dims the rest; Hide takes it off the map (a node stays while traffic it has is shown). Enter or leaving the field applies; Esc undoes.</p>
        <table className="help__syntax">
          <tbody>
            <tr><th scope="row"><code>errors &gt; 5%</code></th><td>error share (also <code>0.05</code>); a service's is what it receives</td></tr>
            <tr><th scope="row"><code>rate &lt; 1</code></th><td>requests per second</td></tr>
            <tr><th scope="row"><code>latency &gt; 500ms</code></th><td>latency (<code>ms</code> or <code>s</code>)</td></tr>
            <tr><th scope="row"><code>name = checkout*</code></th><td>whole name, any case, <code>*</code> for any text; <code>!=</code>; an edge by either end; <code>"a b"</code> quotes</td></tr>
            <tr><th scope="row"><code>alerts &gt; 2</code></th><td>firing alerts on it (<code>alerts</code> alone: at least one)</td></tr>
            <tr><th scope="row"><code>baseline &lt; -50%</code></th><td>rate against its baseline (none never matches)</td></tr>
            <tr><th scope="row"><code>health = danger</code></th><td>its colour: normal, warning, danger</td></tr>
            <tr><th scope="row"><code>kind = external</code></th><td>service, internet, datacenter, remote, external, group, more</td></tr>
            <tr><th scope="row"><code>not and or ( )</code></th><td>binding in that order: <code>not alerts and (rate &lt; 1 or errors &gt; 5%)</code></td></tr>
          </tbody>
        </table>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
