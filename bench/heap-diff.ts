/**
 * What a page kept between two heap snapshots of the same run (`bench/soak.ts --snapshots`):
 * objects of the later snapshot allocated after the earlier one (higher ids) and still alive,
 * grouped by constructor (count, self size), then by where they hang from the older heap (the
 * old object and edge that retain them on their shortest path from the GC roots), with a few
 * full retainer paths.
 *
 *   npx tsx bench/heap-diff.ts .tmp/soak-50.heapsnapshot .tmp/soak-450.heapsnapshot [--top 25] [--paths MessagePort]
 *
 * `--paths CLASS` prints the retainer paths of three new objects of that class; `--retained ID`
 * the retained size of the object with that snapshot id (@ID) in the later snapshot.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  readonly names: string[];
  readonly types: string[];
  readonly ids: Float64Array;
  readonly selfSize: Float64Array;
  readonly nodeCount: number;
  /** Edges of node i: edgeStart[i] .. edgeStart[i + 1] in edgeTo/edgeName/edgeType. */
  readonly edgeStart: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly edgeName: string[];
  readonly edgeType: string[];
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function load(file: string): Snapshot {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  const { meta } = raw.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [typeF, nameF, idF, sizeF, countF] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f)) as [number, number, number, number, number];
  const [eTypeF, eNameF, eToF] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const nodeCount = raw.nodes.length / nf;
  const names: string[] = new Array<string>(nodeCount);
  const types: string[] = new Array<string>(nodeCount);
  const ids = new Float64Array(nodeCount);
  const selfSize = new Float64Array(nodeCount);
  const edgeStart = new Uint32Array(nodeCount + 1);
  const edgeCount = raw.edges.length / ef;
  const edgeTo = new Uint32Array(edgeCount);
  const edgeName: string[] = new Array<string>(edgeCount);
  const edgeType: string[] = new Array<string>(edgeCount);
  let e = 0;
  for (let i = 0; i < nodeCount; i++) {
    const o = i * nf;
    types[i] = nodeTypes[raw.nodes[o + typeF] ?? 0] ?? '?';
    names[i] = raw.strings[raw.nodes[o + nameF] ?? 0] ?? '?';
    ids[i] = raw.nodes[o + idF] ?? 0;
    selfSize[i] = raw.nodes[o + sizeF] ?? 0;
    edgeStart[i] = e;
    e += raw.nodes[o + countF] ?? 0;
  }
  edgeStart[nodeCount] = e;
  for (let j = 0; j < edgeCount; j++) {
    const o = j * ef;
    const type = edgeTypes[raw.edges[o + eTypeF] ?? 0] ?? '?';
    const nameOrIndex = raw.edges[o + eNameF] ?? 0;
    edgeType[j] = type;
    edgeName[j] = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : (raw.strings[nameOrIndex] ?? '?');
    edgeTo[j] = (raw.edges[o + eToF] ?? 0) / nf;
  }
  return { names, types, ids, selfSize, nodeCount, edgeStart, edgeTo, edgeName, edgeType };
}

/** A constructor-like class name, as DevTools' summary groups them. */
function classOf(s: Snapshot, i: number): string {
  const type = s.types[i] ?? '?';
  const name = s.names[i] ?? '?';
  if (type === 'object' || type === 'native') return name.length > 60 ? `${name.slice(0, 60)}...` : name;
  if (type === 'closure') return `(closure) ${name || '(anonymous)'}`;
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') return '(string)';
  if (type === 'hidden' || type === 'array' || type === 'object shape') return `(${type}) ${name.slice(0, 40)}`;
  return `(${type})`;
}

/** Shortest-path parent (node and edge) of every node from the root, ignoring weak edges. */
function retainerTree(s: Snapshot, without = -1): { parent: Int32Array; parentEdge: Int32Array; order: Uint32Array } {
  const parent = new Int32Array(s.nodeCount).fill(-1);
  const parentEdge = new Int32Array(s.nodeCount).fill(-1);
  const order = new Uint32Array(s.nodeCount);
  let head = 0;
  let tail = 0;
  order[tail++] = 0;
  parent[0] = 0;
  while (head < tail) {
    const n = order[head++] ?? 0;
    for (let e = s.edgeStart[n] ?? 0; e < (s.edgeStart[n + 1] ?? 0); e++) {
      if (s.edgeType[e] === 'weak' || s.edgeType[e] === 'shortcut') continue;
      const to = s.edgeTo[e] ?? 0;
      if (parent[to] !== -1 || to === without) continue;
      parent[to] = n;
      parentEdge[to] = e;
      order[tail++] = to;
    }
  }
  return { parent, parentEdge, order: order.subarray(0, tail) };
}

function summary(s: Snapshot, keep: (i: number) => boolean): Map<string, { count: number; size: number }> {
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < s.nodeCount; i++) {
    if (!keep(i)) continue;
    const k = classOf(s, i);
    const entry = out.get(k) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += s.selfSize[i] ?? 0;
    out.set(k, entry);
  }
  return out;
}

const kb = (n: number): string => `${(n / 1024).toFixed(0)} kB`;
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
const TOP = Number(option('top') ?? 25);
const PATHS = option('paths');
const [fileA, fileB] = args;
if (!fileA || !fileB) throw new Error('usage: heap-diff.ts earlier.heapsnapshot later.heapsnapshot [--top N]');
const a = load(fileA);
let maxIdA = 0;
for (const id of a.ids) maxIdA = Math.max(maxIdA, id);
const sumA = summary(a, () => true);
const b = load(fileB);
const sumB = summary(b, () => true);
let totalA = 0;
let totalB = 0;
for (const v of sumA.values()) totalA += v.size;
for (const v of sumB.values()) totalB += v.size;
console.log(`${fileA}: ${a.nodeCount} nodes, ${kb(totalA)}; ${fileB}: ${b.nodeCount} nodes, ${kb(totalB)} (+${kb(totalB - totalA)})\n`);

console.log(`## Growth per class (count, self size), top ${TOP} by size`);
const growth = [...new Set([...sumA.keys(), ...sumB.keys()])].map((k) => {
  const x = sumA.get(k) ?? { count: 0, size: 0 };
  const y = sumB.get(k) ?? { count: 0, size: 0 };
  return { k, dCount: y.count - x.count, dSize: y.size - x.size, count: y.count };
}).sort((p, q) => q.dSize - p.dSize);
for (const g of growth.slice(0, TOP)) console.log(`${kb(g.dSize).padStart(9)} ${String(g.dCount).padStart(8)}  ${g.k} (now ${g.count})`);

const tree = retainerTree(b);
const isNew = (i: number): boolean => (b.ids[i] ?? 0) > maxIdA && tree.parent[i] !== -1;
const fresh = summary(b, isNew);
console.log(`\n## Alive in the later snapshot, allocated after the earlier one, top ${TOP} by self size`);
for (const [k, v] of [...fresh].sort((p, q) => q[1].size - p[1].size).slice(0, TOP)) console.log(`${kb(v.size).padStart(9)} ${String(v.count).padStart(8)}  ${k}`);

// Each new object is charged to the old object its shortest retainer path leaves the old heap from.
const frontier = new Int32Array(b.nodeCount).fill(-1);
const held = new Map<string, { count: number; size: number; sample: number }>();
for (const n of tree.order) {
  if (!isNew(n)) continue;
  const p = tree.parent[n] ?? 0;
  frontier[n] = isNew(p) ? (frontier[p] ?? n) : n;
  const top = frontier[n] ?? n;
  const owner = tree.parent[top] ?? 0;
  const edge = tree.parentEdge[top] ?? 0;
  const key = `${classOf(b, owner)} @${b.ids[owner]} --${b.edgeType[edge]}:${b.edgeName[edge]}-->`;
  const edgeKey = b.edgeType[edge] === 'element' || b.edgeType[edge] === 'hidden' ? `${classOf(b, owner)} @${b.ids[owner]} --[i]-->` : key;
  const entry = held.get(edgeKey) ?? { count: 0, size: 0, sample: top };
  entry.count++;
  entry.size += b.selfSize[n] ?? 0;
  held.set(edgeKey, entry);
}
const path = (n: number): string => {
  const steps: string[] = [];
  for (let i = n; i !== 0 && steps.length < 40; i = tree.parent[i] ?? 0) {
    const e = tree.parentEdge[i] ?? 0;
    steps.push(`${b.edgeName[e]} -> ${classOf(b, i)} @${b.ids[i]}${isNew(i) ? '*' : ''}`);
  }
  return steps.reverse().join('\n      ');
};
console.log(`\n## Where the new objects hang from the old heap (old object --edge-->), top ${TOP} by size (* = new)`);
for (const [k, v] of [...held].sort((p, q) => q[1].size - p[1].size).slice(0, TOP)) {
  console.log(`${kb(v.size).padStart(9)} ${String(v.count).padStart(8)}  ${k}`);
  console.log(`      ${path(v.sample)}`);
}

if (PATHS) {
  console.log(`\n## Retainer paths of new ${PATHS} objects`);
  const all: number[] = [];
  for (let i = 0; i < b.nodeCount; i++) if (isNew(i) && classOf(b, i) === PATHS) all.push(i);
  // Three samples spread over the list, and how many share each sample's path (ids aside).
  const shape = (i: number): string => path(i).replace(/ @\d+/g, '').replace(/\n +\d+ -> /g, '\n [n] -> ');
  const shapes = new Map<string, number>();
  for (const i of all) shapes.set(shape(i), (shapes.get(shape(i)) ?? 0) + 1);
  console.log(`  ${all.length} new ${PATHS}, ${shapes.size} distinct retainer paths; the most common:`);
  for (const [p, n] of [...shapes].sort((x, y) => y[1] - x[1]).slice(0, 4)) console.log(`  ${n} x:\n      ${p}`);
}

const RETAINED = option('retained');
if (RETAINED) {
  const node = b.ids.indexOf(Number(RETAINED));
  const without = retainerTree(b, node);
  let size = 0;
  let count = 0;
  for (let i = 0; i < b.nodeCount; i++) {
    if (tree.parent[i] !== -1 && without.parent[i] === -1) { size += b.selfSize[i] ?? 0; count++; }
  }
  console.log(`\n## Retained by @${RETAINED} (${classOf(b, node)}): ${kb(size)} in ${count} objects`);
}
