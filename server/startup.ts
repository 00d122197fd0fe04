/**
 * What `npm start` reads before it listens: the environment and config.json. Every problem is
 * collected and named (the variable, or the field of config.json), and the server does not start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, parseConfig } from '../src/config/parse.ts';
import { checkFiles } from './secrets.ts';
import { prepareConfig } from './serverConfig.ts';
import type { PreparedConfig } from './serverConfig.ts';

export interface Settings {
  /** The built app. */
  readonly distDir: string;
  readonly configFile: string;
  readonly port: number;
  /** undefined: every interface (Node's default). */
  readonly host: string | undefined;
}

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The project's root, where `npm start` runs: two levels above this file, as source
 * (server/startup.ts) and as built (dist-server/server/startup.js) alike.
 */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** TRAFFIC_MAP_CONFIG (default dist/config.json), PORT (default 8080), HOST; TRAFFIC_MAP_DIST for another build. */
export function readSettings(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Loaded<Settings> {
  const errors: string[] = [];
  const distDir = env.TRAFFIC_MAP_DIST ? resolve(cwd, env.TRAFFIC_MAP_DIST) : join(PROJECT_ROOT, 'dist');
  const configFile = env.TRAFFIC_MAP_CONFIG ? resolve(cwd, env.TRAFFIC_MAP_CONFIG) : join(distDir, 'config.json');
  const portText = env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) errors.push(`PORT: expected a port number (0-65535), got ${JSON.stringify(portText)}`);
  const host = env.HOST === undefined || env.HOST === '' ? undefined : env.HOST;
  if (!existsSync(join(distDir, 'index.html'))) {
    errors.push(`${env.TRAFFIC_MAP_DIST ? 'TRAFFIC_MAP_DIST' : 'dist'}: ${join(distDir, 'index.html')} is missing: run "npm run build" first`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { distDir, configFile, port, host } };
}

/** config.json: parsed, the server's fields checked, files checked, the browser's config validated. */
export function loadServerConfig(file: string): Loaded<PreparedConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { ok: false, errors: [`TRAFFIC_MAP_CONFIG: cannot read ${file} (${code})`] };
  }
  let json: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { ok: false, errors: [`${file} is not valid JSON: ${jsonErrorText(e, body)}`] };
  }
  const prepared = prepareConfig(json);
  if (!prepared.ok) return { ok: false, errors: prepared.problems.map(formatProblem) };
  const problems = [...checkFiles(prepared.config.upstreams.values())];
  const browser = parseConfig(prepared.config.browserConfig);
  if (!browser.ok) problems.push(...browser.problems);
  if (problems.length > 0) return { ok: false, errors: problems.map(formatProblem) };
  return { ok: true, value: prepared.config };
}

/** The JSON.parse message with the line and column of its position (src/config/load.ts does the same for the browser, which needs fetch). */
function jsonErrorText(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  return `${message} (line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
}
