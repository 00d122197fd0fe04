import { parseDurationMs } from './duration.ts';

/** What Prometheus uses when the config sets no `global.scrape_interval`. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 60_000;

/**
 * The global scrape interval (ms) from the YAML that /api/v1/status/config returns.
 * A line-based reading, enough for the YAML Prometheus itself writes (block style, two-space
 * indents); no YAML library. Returns the Prometheus default (1m) when `global` or its
 * `scrape_interval` is absent, and null when the value is there but not a duration.
 */
export function parseGlobalScrapeInterval(yaml: string): number | null {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((line) => /^global:\s*(#.*)?$/.test(line));
  if (start < 0) return DEFAULT_SCRAPE_INTERVAL_MS;

  let keyIndent: number | null = null;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue; // blank or comment
    const indent = line.length - line.trimStart().length;
    if (indent === 0) break; // the next top-level key: the global block is over
    keyIndent ??= indent;
    if (indent !== keyIndent) continue; // nested deeper, e.g. under external_labels
    const match = /^\s*scrape_interval:\s*(.*)$/.exec(line);
    if (match) return parseDurationMs(unquote(stripComment(match[1] ?? '')));
  }
  return DEFAULT_SCRAPE_INTERVAL_MS;
}

function stripComment(value: string): string {
  return value.replace(/\s+#.*$/, '').trim();
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}
