import type { VizConnection, VizNode } from './traffic.ts';

/**
 * The names Vizceral gets. Vizceral keys its graphs, nodes and connections by name in plain
 * objects (`graphs[name]`, `nodes[name]`, `positions[name]` in its layout) and names a
 * connection `${source}--${target}`. Our ids are label values: `constructor`, `__proto__` or
 * `toString` would meet Object.prototype there, and `a--b` + `c` would meet `a` + `b--c`.
 * So every name handed to Vizceral is `PREFIX` + the id with `%` and `-` escaped: no such name is a
 * property of Object.prototype, none contains `--`, and the mapping is one-to-one (`fromVizName`
 * undoes it). The text people read is in `displayName`; the app never sees these names.
 */
export const VIZ_PREFIX = 'n:';

export function vizName(id: string): string {
  return VIZ_PREFIX + id.replace(/[%-]/g, (c) => (c === '%' ? '%25' : '%2D'));
}

/** The id behind a Vizceral name; a name that is not ours is returned as it is. */
export function fromVizName(name: string): string {
  if (!name.startsWith(VIZ_PREFIX)) return name;
  return name.slice(VIZ_PREFIX.length).replace(/%2D|%25/g, (s) => (s === '%25' ? '%' : '-'));
}

/** A connection's name as Vizceral makes it (for highlighting). */
export function vizConnectionName(source: string, target: string): string {
  return `${vizName(source)}--${vizName(target)}`;
}

/** The traffic object with every name, entry node and connection end renamed by `vizName`. */
export function withVizNames(node: VizNode): VizNode {
  return {
    ...node,
    name: vizName(node.name),
    ...(node.entryNode !== undefined ? { entryNode: vizName(node.entryNode) } : {}),
    ...(node.nodes ? { nodes: node.nodes.map(withVizNames) } : {}),
    ...(node.connections ? { connections: node.connections.map(renamedConnection) } : {}),
  };
}

function renamedConnection(c: VizConnection): VizConnection {
  return { ...c, source: vizName(c.source), target: vizName(c.target) };
}
