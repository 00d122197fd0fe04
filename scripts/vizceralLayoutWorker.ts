/**
 * Build-time change to Vizceral's bundle (vite.config.ts): its layout worker's script, inlined by
 * webpack's worker-loader as a string literal in the worker factory
 * (`t.exports=function(){return n(287)('<script>', <fallback URL>)}`), is also exported as
 * `layoutWorkerSource`. The adapter starts a worker from it before Vizceral asks for one
 * (src/vizceral/layoutWorkers.ts). The literal is moved, not copied: the bundle grows by a few
 * bytes, and the factory uses the same string.
 */

/** The factory: `<module>.exports=function(){return <require>(<id>)(` then a quoted literal. */
const FACTORY = /(\w+)\.exports=function\(\)\{return (\w+)\((\d+)\)\(('(?:[^'\\]|\\[^])*'|"(?:[^"\\]|\\[^])*")/g;
const NAME = '__trafficMapLayoutWorkerSource';

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
  // Declared ahead of the bundle on its first line (the bundle's line numbers stay), exported after it.
  return `var ${NAME}=${literal};${bundle.slice(0, at)}${factory}${bundle.slice(at + match[0].length)}\n;module.exports.layoutWorkerSource=${NAME};\n`;
}
