import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerConfig, readSettings } from './startup.ts';

const dir = mkdtempSync(join(tmpdir(), 'traffic-map-startup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, content: string): ReturnType<typeof loadServerConfig> {
  const file = join(dir, name);
  writeFileSync(file, content);
  return loadServerConfig(file);
}

describe('config.json at start', () => {
  writeFileSync(join(dir, 'password'), 'pw\n');
  writeFileSync(join(dir, 'empty'), '\n');
  const auth = (passwordFile: string) => ({ url: 'http://127.0.0.1:9090', basicAuth: { username: 'viewer', passwordFile } });

  const cases: { desc: string; json: unknown; errors: (string | RegExp)[] }[] = [
    { desc: 'the acceptance contract: url + basicAuth with a passwordFile', json: { prometheus: auth(join(dir, 'password')), datacenters: ['eu-west'] }, errors: [] },
    { desc: 'a password file that is not there', json: { prometheus: auth(join(dir, 'missing')) }, errors: [/^prometheus\.basicAuth\.passwordFile: expected a readable file, cannot read ".*missing" \(ENOENT\)$/] },
    { desc: 'an empty password file', json: { prometheus: auth(join(dir, 'empty')) }, errors: [/^prometheus\.basicAuth\.passwordFile: expected a file with the secret, ".*empty" is empty$/] },
    { desc: 'a CA file that is not PEM', json: { prometheus: { url: 'https://p', tls: { caFile: join(dir, 'password') } } }, errors: [/^prometheus\.tls\.caFile: expected PEM certificates/] },
    {
      desc: 'the browser\'s fields are checked too, with the same messages',
      json: { prometheus: auth(join(dir, 'password')), thresholds: { warning: 0.2, danger: 0.1 }, titel: 'x' },
      errors: ['titel: unknown field "titel": did you mean "title"?', 'thresholds.danger: expected thresholds.warning (0.2) below thresholds.danger (0.1), got 0.1'],
    },
  ];
  it.each(cases)('$desc', ({ json, errors }) => {
    const result = load('config.json', JSON.stringify(json));
    const got = result.ok ? [] : result.errors;
    expect(got).toHaveLength(errors.length);
    errors.forEach((e, i) => (typeof e === 'string' ? expect(got[i]).toBe(e) : expect(got[i]).toMatch(e)));
  });

  it('a file that is not JSON says where', () => {
    const result = load('broken.json', '{\n  "prometheus": {,\n}');
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/broken\.json is not valid JSON: .*line 2/)]);
  });

  it('a missing file names TRAFFIC_MAP_CONFIG', () => {
    const result = loadServerConfig(join(dir, 'nope.json'));
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^TRAFFIC_MAP_CONFIG: cannot read .*nope\.json \(ENOENT\)$/)]);
  });
});

describe('environment', () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  it.each([
    { desc: 'defaults', env: { TRAFFIC_MAP_DIST: dir }, expected: { ok: true, value: { distDir: dir, configFile: join(dir, 'config.json'), port: 8080, host: undefined } } },
    { desc: 'PORT, HOST, TRAFFIC_MAP_CONFIG relative to the working dir', env: { TRAFFIC_MAP_DIST: dir, PORT: '0', HOST: '127.0.0.1', TRAFFIC_MAP_CONFIG: 'c.json' }, expected: { ok: true, value: { distDir: dir, configFile: join(dir, 'c.json'), port: 0, host: '127.0.0.1' } } },
    { desc: 'a bad PORT', env: { TRAFFIC_MAP_DIST: dir, PORT: '80a' }, expected: { ok: false, errors: ['PORT: expected a port number (0-65535), got "80a"'] } },
    { desc: 'no build', env: { TRAFFIC_MAP_DIST: join(dir, 'none') }, expected: { ok: false, errors: [expect.stringMatching(/^TRAFFIC_MAP_DIST: .*none\/index\.html is missing: run "npm run build" first$/)] } },
  ])('$desc', ({ env, expected }) => expect(readSettings(env, dir)).toEqual(expected));
});
