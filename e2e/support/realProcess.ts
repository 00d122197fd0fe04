/**
 * Child processes for the real-server tests (Prometheus, VictoriaMetrics): free loopback ports,
 * logs in a file, waiting until ready, stopping for sure (SIGTERM, then SIGKILL), and a process
 * `exit` hook that kills whatever a crashed test run left behind.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

const live = new Set<ChildProcess>();
/** Children started as the leader of their own process group. */
const groups = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of live) {
      try {
        if (groups.has(child) && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch { /* already gone */ }
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** Removes `dir` when this process exits (a crashed run); `keep: false` forgets it (already removed). */
export function removeOnExit(dir: string, keep = true): void {
  hookExit();
  if (keep) dirs.add(dir);
  else dirs.delete(dir);
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface Spawned {
  readonly child: ChildProcess;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  logTail(lines?: number): string;
}

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Its own process group, signalled as a whole: for a command that starts the real process as
   * its child (`npm start` runs a shell that runs node), so stopping it stops them all.
   */
  readonly group?: boolean;
}

/** Starts `command` with stdout and stderr appended to `logFile`. */
export function spawnLogged(command: string, args: readonly string[], logFile: string, options: SpawnOptions = {}): Spawned {
  hookExit();
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: options.env ?? process.env, detached: options.group === true });
  closeSync(fd);
  live.add(child);
  if (options.group === true) groups.add(child);
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (options.group === true && child.pid !== undefined) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch { /* already gone */ }
  };
  const exited = new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    child.once('exit', () => ok());
    child.once('error', () => ok());
  });
  exited.then(() => { live.delete(child); groups.delete(child); }, () => undefined);
  const logTail = (lines = 15): string => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return {
    child, logFile, logTail,
    stop: async (graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200; fails with the log tail when the process dies or time runs out. */
export async function waitReady(url: string, proc: Spawned, timeoutMs = 30_000, headers: Readonly<Record<string, string>> = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.child.spawnfile} exited (${proc.child.exitCode ?? proc.child.signalCode}) before it was ready:\n${proc.logTail()}`);
    }
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  await proc.stop();
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${proc.logTail()}`);
}
