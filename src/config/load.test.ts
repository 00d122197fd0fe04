import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';
import type { ConfigResult } from './types.ts';

const answer = (body: string, status = 200, type = 'application/json'): typeof fetch =>
  async () => new Response(body, { status, headers: { 'Content-Type': type } });

function problems(result: ConfigResult): readonly { path: string; message: string }[] {
  return result.ok ? [] : result.problems;
}

describe('loadConfig', () => {
  it('loads and validates a good file, without caching', async () => {
    let seen: { url: string; cache: RequestCache | undefined } | undefined;
    const fetchFn: typeof fetch = async (input, init) => {
      seen = { url: String(input), cache: init?.cache };
      return new Response('\uFEFF{"prometheus": {"url": "http://p:9090"}}');
    };
    const result = await loadConfig('./config.json', fetchFn);
    expect(result.ok && result.config.prometheus.url).toBe('http://p:9090');
    expect(seen).toEqual({ url: './config.json', cache: 'no-store' });
  });

  const cases: { desc: string; fetchFn: typeof fetch; path: string; message: RegExp }[] = [
    { desc: '404', fetchFn: answer('Not Found', 404, 'text/plain'), path: '', message: /config file not found at \.\/config\.json \(HTTP 404\)/ },
    { desc: '500', fetchFn: answer('boom', 500, 'text/plain'), path: '', message: /answered HTTP 500/ },
    {
      desc: 'network failure',
      fetchFn: async () => { throw new TypeError('Failed to fetch'); },
      path: '',
      message: /cannot load \.\/config\.json: Failed to fetch/,
    },
    { desc: 'not JSON, with the position', fetchFn: answer('{\n  "title": "x",\n}'), path: '', message: /is not valid JSON: .*(position 18|line 3)/ },
    { desc: 'empty file', fetchFn: answer(''), path: '', message: /is not valid JSON/ },
    {
      desc: 'SPA fallback page instead of the file',
      fetchFn: answer('<!doctype html><html></html>', 200, 'text/html'),
      path: '',
      message: /is an HTML page, not JSON: the file is probably missing/,
    },
    { desc: 'valid JSON, bad field', fetchFn: answer('{"prometheus": {"url": 9090}}'), path: 'prometheus.url', message: /got 9090/ },
  ];
  it.each(cases)('$desc', async ({ fetchFn, path, message }) => {
    const result = await loadConfig('./config.json', fetchFn);
    expect(result.ok).toBe(false);
    const problem = problems(result).find((p) => p.path === path);
    expect(problem?.message).toMatch(message);
  });
});
