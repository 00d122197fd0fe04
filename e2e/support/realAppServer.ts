/**
 * The production server as SREs run it: `npm start` with PORT and TRAFFIC_MAP_CONFIG (after
 * `npm run build`), on a free loopback port, logging to a file; `close()` always stops it (npm,
 * its shell and node: the whole process group).
 */
import { join } from 'node:path';
import { freePort, spawnLogged, waitReady } from './realProcess.ts';

export interface AppServer {
  readonly url: string;
  readonly logFile: string;
  logTail(lines?: number): string;
  close(): Promise<void>;
}

export async function startAppServer(opts: { readonly configFile: string; readonly logDir: string; readonly name?: string }): Promise<AppServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRAFFIC_MAP_CONFIG: opts.configFile };
  // TM_REAL_DIST (another build) is the server's TRAFFIC_MAP_DIST.
  if (process.env.TM_REAL_DIST) env.TRAFFIC_MAP_DIST = process.env.TM_REAL_DIST;
  const proc = spawnLogged('npm', ['start', '--silent'], join(opts.logDir, `${opts.name ?? 'app'}.log`), { env, group: true });
  await waitReady(`http://127.0.0.1:${port}/healthz`, proc, 30_000);
  return { url: `http://127.0.0.1:${port}`, logFile: proc.logFile, logTail: proc.logTail, close: () => proc.stop() };
}
