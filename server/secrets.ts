/**
 * The files config.json names (passwordFile, bearerTokenFile, tls.caFile): checked once at start,
 * so a wrong path stops the server with the field's name, and secrets read again at each
 * request, so a rotated Kubernetes Secret applies without a restart.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ConfigProblem } from '../src/config/types.ts';
import type { Secret, Upstream } from './upstream.ts';

/** The secret's text; a file's content without the whitespace around it (as Prometheus reads it). */
export async function readSecret(secret: Secret): Promise<string> {
  if ('value' in secret) return secret.value;
  return (await readFile(secret.file, 'utf8')).trim();
}

/** Every file the upstreams name, read now: problems name the field. */
export function checkFiles(upstreams: Iterable<Upstream>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const check = (path: string, file: string, what: 'secret' | 'ca'): void => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
      problems.push({ path, message: `expected a readable file, cannot read "${file}" (${code})` });
      return;
    }
    if (what === 'secret' && text.trim() === '') problems.push({ path, message: `expected a file with the secret, "${file}" is empty` });
    if (what === 'ca' && !text.includes('-----BEGIN CERTIFICATE-----')) {
      problems.push({ path, message: `expected PEM certificates (-----BEGIN CERTIFICATE-----) in "${file}"` });
    }
  };
  for (const u of upstreams) {
    if (u.auth.kind === 'basic' && 'file' in u.auth.password) check(u.auth.password.field, u.auth.password.file, 'secret');
    if (u.auth.kind === 'bearer' && 'file' in u.auth.token) check(u.auth.token.field, u.auth.token.file, 'secret');
    if (u.tls.caFile !== undefined) check(`${u.field}.tls.caFile`, u.tls.caFile, 'ca');
  }
  return problems;
}

/** The Authorization header for an upstream, or null when it has no credentials. */
export async function authorization(upstream: Upstream): Promise<string | null> {
  const { auth } = upstream;
  if (auth.kind === 'basic') {
    const password = await readSecret(auth.password);
    return `Basic ${Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64')}`;
  }
  if (auth.kind === 'bearer') return `Bearer ${await readSecret(auth.token)}`;
  return null;
}
