/**
 * `npm start`: serves the built app (dist/) and proxies Prometheus with the credentials in
 * config.json (TRAFFIC_MAP_CONFIG). Stops at start, naming the field, when something is wrong.
 */
import { createApp, listen } from './app.ts';
import { routeOf } from './upstream.ts';
import { loadAssets, warmUp } from './staticFiles.ts';
import { loadServerConfig, readSettings } from './startup.ts';

function fail(what: string, errors: readonly string[]): never {
  process.stderr.write(`traffic-map: ${what}:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
  process.exit(1);
}

const settings = readSettings(process.env);
if (!settings.ok) fail('cannot start', settings.errors);
const { distDir, configFile, port, host } = settings.value;
const config = loadServerConfig(configFile);
if (!config.ok) fail(`${configFile} has problems`, config.errors);

const log = (line: string): void => { process.stdout.write(`${line}\n`); };
const assets = loadAssets(distDir);
const server = createApp({ assets, config: config.value, log });
const running = await listen(server, port, host).catch((e: unknown) => fail('cannot listen', [`${host ?? '*'}:${port}: ${e instanceof Error ? e.message : String(e)}`]));
for (const u of config.value.upstreams.values()) {
  log(JSON.stringify({ time: new Date().toISOString(), msg: 'proxying', route: routeOf(u.name), field: u.field, upstream: u.url, auth: u.auth.kind }));
}
void warmUp(assets);
log(JSON.stringify({ time: new Date().toISOString(), msg: 'listening', url: running.url, config: configFile, dist: distDir }));

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log(JSON.stringify({ time: new Date().toISOString(), msg: 'stopping', signal }));
  running.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
