import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineWorker } from '../src/vizceral/layoutWorkers.ts';
import type { LayoutScript } from '../src/vizceral/layoutWorkers.ts';
import { exposeLayoutWorkerSource } from './vizceralLayoutWorker.ts';

const BUNDLE = readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8');

/** Runs a CommonJS module's text with `module`, `exports` and a `window` that is never read; in strict mode with `strict`. */
function exportsOf(code: string, strict = false): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'window', `${strict ? '"use strict";' : ''}${code}`)(module, module.exports, {});
  return module.exports;
}

/** A graph in the shape Vizceral's ltrTree layout posts to its worker. */
const LAYOUT_REQUEST = {
  graph: {
    nodes: ['INTERNET', 'frontend', 'checkout', 'payments', 'db'].map((name) => ({ name, position: undefined, size: 60, weight: 1, metadata: { note: `<${name}>` } })),
    edges: [['INTERNET', 'frontend'], ['frontend', 'checkout'], ['checkout', 'payments'], ['checkout', 'db'], ['payments', 'db']].map(([source, target]) => ({ source, target })),
  },
  dimensions: { width: 1500, height: 700 },
  entryNode: 'INTERNET',
  options: {},
};

/** Vizceral 4.9's worker script, as its bundle has it (a string literal). */
function originalScript(): string {
  const literal = /\w+\.exports=function\(\)\{return \w+\(\d+\)\(('(?:[^'\\]|\\[^])*')/.exec(BUNDLE)?.[1];
  if (!literal) throw new Error('no worker factory in the bundle');
  return new Function(`return ${literal}`)() as string;
}

/** Runs a worker script as a worker would (sloppy, its own `self`) and sends it one message: its answer. */
function answerOf(script: (self: object) => void, data: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    let onMessage: ((event: { data: unknown }) => void) | null = null;
    const self = Object.create(globalThis, {
      addEventListener: { value: (_: string, fn: (event: { data: unknown }) => void) => { onMessage = fn; } },
      postMessage: { value: resolve },
      close: { value: () => {} },
      onmessage: { writable: true, value: null },
    }) as { onmessage: ((event: { data: unknown }) => void) | null };
    script(self);
    (onMessage ?? self.onmessage)?.({ data: structuredClone(data) });
  });
}

describe('exposeLayoutWorkerSource', () => {
  it('turns the worker script of a factory into an exported function; the factory gets its text as a script', async () => {
    const bundle = 'module.exports={};!function(){var m={};(function(t,e,n){t.exports=function(){return n(287)(\'self.onmessage=function(e){self.postMessage(\\\'it\\\\\\\'s \\\'+e.data)}\',n.p+"x.worker.js")}})(m,{},function(){return function(s,f){return [s,f]}});module.exports.factory=m.exports}();';
    const out = exposeLayoutWorkerSource(bundle);
    const exported = exportsOf(out);
    const source = exported['layoutWorkerSource'] as string;
    expect(source).toMatch(/^\(function __trafficMapLayoutInline\(self\)\{\nself\.onmessage=function\(e\)\{self\.postMessage\('it\\'s '\+e\.data\)\}\n\}\)\(self\);$/);
    const [script, fallback] = (exported['factory'] as () => [string, string])();
    expect(script).toBe(source);
    expect(fallback).toMatch(/x\.worker\.js$/);
    // The script, as a worker runs it, and the function, as the adapter runs it, answer alike.
    expect(await answerOf((self) => new Function('self', script)(self), 'x')).toBe("it's x");
    expect(await answerOf(exported['layoutWorkerInline'] as LayoutScript, 'x')).toBe("it's x");
    expect(out.split('\n')[0]?.startsWith('var __trafficMapLayoutWorkerSource="("+__trafficMapLayoutInline+")(self);";')).toBe(true);
  });

  it('finds the one factory in Vizceral 4.9\'s bundle; the script is in it once, as code, and the bundle\'s lines stay', () => {
    const out = exposeLayoutWorkerSource(BUNDLE);
    const script = originalScript();
    expect(script).toContain('postMessage');
    expect(script.length).toBeGreaterThan(10_000);
    expect(out).toContain(script.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, ''));
    expect(out).not.toContain("'!function(t){var n={}"); // the literal is gone
    // The bundle's first lines are where they were (the declaration joins the first one).
    const outLines = out.split('\n');
    const moved = BUNDLE.split('\n').map((line, i) => (i === 0 || line.includes("'!function(t){var n={}") || outLines[i] === line ? null : i)).filter((i) => i !== null);
    expect(moved).toEqual([]);
    expect(Math.abs(out.length - BUNDLE.length)).toBeLessThan(1_000); // one copy, not two
  });

  it('refuses a bundle without the factory, or with two', () => {
    expect(() => exposeLayoutWorkerSource('module.exports={}')).toThrow(/found 0/);
    const one = "t.exports=function(){return n(1)('a',null)}";
    expect(() => exposeLayoutWorkerSource(`${one};${one}`)).toThrow(/found 2/);
  });

  it('the exported function lays out like Vizceral\'s worker, in strict mode; so does the worker script made from it', async () => {
    const out = exposeLayoutWorkerSource(BUNDLE);
    // Vizceral's own modules need a page: only the declaration and the exports run here, in
    // strict mode, as in the ES module Vite makes of the bundle.
    const head = out.slice(0, out.indexOf('";') + 2);
    const tail = out.slice(out.lastIndexOf(';module.exports.layoutWorkerSource=') + 1);
    const exported = exportsOf(`${head}${tail}`, true);
    const inline = exported['layoutWorkerInline'] as LayoutScript;
    const reference = await answerOf((self) => new Function('self', originalScript())(self), LAYOUT_REQUEST);
    const worker = inlineWorker(inline);
    const answer = new Promise<unknown>((resolve) => worker.addEventListener('message', (event) => resolve(event.data)));
    worker.postMessage(LAYOUT_REQUEST);
    const positions = await answer as Record<string, { x: number; y: number }>;
    expect(positions).toEqual(reference);
    expect(await answerOf((self) => new Function('self', exported['layoutWorkerSource'] as string)(self), LAYOUT_REQUEST)).toEqual(reference);
    expect(Object.keys(positions).sort()).toEqual(['INTERNET', 'checkout', 'db', 'frontend', 'payments']);
    for (const p of Object.values(positions)) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // Left to right: the entry first, the database last.
    expect((positions['INTERNET']?.x ?? 0) < (positions['checkout']?.x ?? 0)).toBe(true);
    expect((positions['checkout']?.x ?? 0) < (positions['db']?.x ?? 0)).toBe(true);
  });
});
