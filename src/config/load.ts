import { parseConfig } from './parse.ts';
import type { ConfigResult } from './types.ts';

/**
 * Fetches and validates the runtime config. Never throws: a missing file, a body that is not
 * JSON and network failures are problems with path "" (the file as a whole).
 */
export async function loadConfig(url = './config.json', fetchFn: typeof fetch = (i, init) => fetch(i, init)): Promise<ConfigResult> {
  let text: string;
  try {
    // no-store: an edited config.json must apply on the next reload
    const response = await fetchFn(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    text = await response.text();
    if (response.status === 404) {
      return fileProblem(`config file not found at ${url} (HTTP 404): create it next to index.html (public/config.json)`);
    }
    if (!response.ok) return fileProblem(`cannot load ${url}: the server answered HTTP ${response.status}`);
  } catch (e) {
    return fileProblem(`cannot load ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*</.test(body)) {
    return fileProblem(`${url} is an HTML page, not JSON: the file is probably missing and the server sent the app's page instead`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return fileProblem(`${url} is not valid JSON: ${jsonErrorText(e, body)}`);
  }
  return parseConfig(json);
}

function fileProblem(message: string): ConfigResult {
  return { ok: false, problems: [{ path: '', message }] };
}

/** The JSON.parse message, with the line and column of its position when it gives one. */
export function jsonErrorText(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
