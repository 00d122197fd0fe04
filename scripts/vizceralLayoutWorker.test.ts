import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exposeLayoutWorkerSource } from './vizceralLayoutWorker.ts';

const BUNDLE = readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8');

/** Runs a CommonJS module's text with `module`, `exports` and a `window` that is never read. */
function exportsOf(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'window', code)(module, module.exports, {});
  return module.exports;
}

describe('exposeLayoutWorkerSource', () => {
  it('exports the worker script of a factory, which now uses the same string', () => {
    const bundle = 'module.exports={};!function(){var m={};(function(t,e,n){t.exports=function(){return n(287)(\'self.onmessage=function(e){postMessage(\\\'it\\\\\\\'s \\\'+e.data)}\',n.p+"x.worker.js")}})(m,{},function(){return function(s,f){return [s,f]}});module.exports.factory=m.exports}();';
    const out = exposeLayoutWorkerSource(bundle);
    const exported = exportsOf(out);
    expect(exported['layoutWorkerSource']).toBe("self.onmessage=function(e){postMessage('it\\'s '+e.data)}");
    const [script, fallback] = (exported['factory'] as () => [string, string])();
    expect(script).toBe(exported['layoutWorkerSource']);
    expect(fallback).toMatch(/x\.worker\.js$/);
    expect(out.split('\n')[0]?.startsWith('var __trafficMapLayoutWorkerSource=')).toBe(true);
  });

  it('finds the one factory in Vizceral 4.9\'s bundle, a worker script, and keeps the bundle\'s lines', () => {
    const out = exposeLayoutWorkerSource(BUNDLE);
    const literal = /^var __trafficMapLayoutWorkerSource=('(?:[^'\\]|\\[^])*');/.exec(out)?.[1];
    expect(literal).toBeDefined();
    const source = new Function(`return ${literal}`)() as string;
    expect(source).toContain('postMessage');
    expect(source.length).toBeGreaterThan(10_000);
    expect(BUNDLE).toContain(literal);
    expect(out).not.toContain(`(${literal}`);
    expect(out.split('\n').length).toBe(BUNDLE.split('\n').length + 2);
    expect(out.length - BUNDLE.length).toBeLessThan(200);
  });

  it('refuses a bundle without the factory, or with two', () => {
    expect(() => exposeLayoutWorkerSource('module.exports={}')).toThrow(/found 0/);
    const one = "t.exports=function(){return n(1)('a',null)}";
    expect(() => exposeLayoutWorkerSource(`${one};${one}`)).toThrow(/found 2/);
  });
});
