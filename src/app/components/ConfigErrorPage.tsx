import type { ConfigProblem } from '../../config/types.ts';

/** A full page that says what is wrong with config.json, field by field. Never a blank page. */
export function ConfigErrorPage({ problems, url }: { problems: readonly ConfigProblem[]; url: string }) {
  return (
    <main className="config-error" role="alert" data-testid="config-error">
      <h1>Traffic Map cannot start: the configuration needs fixing</h1>
      <p>The file <code>{url}</code> has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}:</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{p.path ? <><code className="config-error__field">{p.path}</code>: </> : null}{p.message}</li>
        ))}
      </ul>
      <p>Fix the file and reload this page. The README's “Configuration” section lists every field.</p>
    </main>
  );
}
