/**
 * Build-time change to Vizceral's bundle (vite.config.ts). Its layout worker's script, inlined by
 * webpack's worker-loader as a string literal in the worker factory
 * (`t.exports=function(){return n(287)('<script>', <fallback URL>)}`), becomes code: a function
 * `layoutWorkerInline(self)` of the bundle, exported. The adapter runs the first layout with it on
 * the page's thread, against a stand-in `self` (src/vizceral/layoutWorkers.ts), without eval at
 * run time. The worker script, for Vizceral's factory and for the adapter's spare workers
 * (`layoutWorkerSource`), is that function's own text called with the worker's `self`: one copy
 * of the script in the bundle, and a worker runs exactly what the inline layout runs.
 */

/** The factory: `<module>.exports=function(){return <require>(<id>)(` then a quoted literal. */
const FACTORY = /(\w+)\.exports=function\(\)\{return (\w+)\((\d+)\)\(('(?:[^'\\]|\\[^])*'|"(?:[^"\\]|\\[^])*")/g;
const NAME = '__trafficMapLayoutWorkerSource';
const INLINE = '__trafficMapLayoutInline';

/** The bundle with the script exported; throws unless there is exactly one inline worker factory. */
export function exposeLayoutWorkerSource(bundle: string): string {
  const found = [...bundle.matchAll(FACTORY)];
  if (found.length !== 1) {
    throw new Error(`vizceral: expected one inline layout worker in the bundle, found ${found.length}: update scripts/vizceralLayoutWorker.ts for this Vizceral version`);
  }
  const [match] = found as [RegExpExecArray];
  const literal = match[4] as string;
  const at = match.index;
  const factory = match[0].slice(0, match[0].length - literal.length) + NAME;
  // The literal's text, read at build time, becomes the function's body.
  // Its source map comment goes: the bundle's own is the one that counts.
  const source = String(new Function(`return ${literal}`)()).replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '');
  // The script's text is made ahead of the bundle on its first line (the bundle's line numbers
  // stay); the function is declared, and both exported, after it.
  return `var ${NAME}="("+${INLINE}+")(self);";${bundle.slice(0, at)}${factory}${bundle.slice(at + match[0].length)}\n;module.exports.layoutWorkerSource=${NAME};\n`
    + `module.exports.layoutWorkerInline=${INLINE};\nfunction ${INLINE}(self){\n${source}\n}\n`;
}
