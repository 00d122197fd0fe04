import type { Health, NodeKind, TrafficEdge, TrafficNode, TrafficStats } from '../types.ts';
import { quantityValue } from './ast.ts';
import type { CompareOp, Expr, NumericField } from './ast.ts';

/**
 * Evaluates a Find / Hide expression on one node or edge. Pure.
 *
 * A node's `errors`, `rate` and `latency` are what it receives (its incoming traffic), or what it
 * sends when it receives nothing (the internet, a caller nobody calls). An edge's are the edge's
 * own. `name` and `kind` match an edge when they match either end. A missing or NaN value
 * (no latency, no baseline) makes every comparison false.
 */
export interface Subject {
  readonly stats: TrafficStats;
  readonly health: Health;
  readonly alerts: number;
  /** Baseline change (fraction), NaN when none. */
  readonly baseline: number;
  /** The node's name, or both ends' for an edge. */
  readonly names: readonly string[];
  readonly kinds: readonly NodeKind[];
}

export function nodeSubject(n: TrafficNode): Subject {
  return {
    stats: n.incoming.rate > 0 || !(n.outgoing.rate > 0) ? n.incoming : n.outgoing,
    health: n.health,
    alerts: n.alerts?.length ?? 0,
    baseline: n.baseline && n.baseline.verdict !== 'none' ? n.baseline.change : NaN,
    names: [n.id],
    kinds: [n.kind],
  };
}

/** `kindOf` gives the kind of an end (from the view's nodes). */
export function edgeSubject(e: TrafficEdge, kindOf: (id: string) => NodeKind | undefined): Subject {
  const kinds: NodeKind[] = [];
  for (const id of [e.source, e.target]) {
    const k = kindOf(id);
    if (k) kinds.push(k);
  }
  return {
    stats: e.stats,
    health: e.health,
    alerts: e.alerts?.length ?? 0,
    baseline: e.baseline && e.baseline.verdict !== 'none' ? e.baseline.change : NaN,
    names: [e.source, e.target],
    kinds,
  };
}

/** A compiled expression: name patterns become regular expressions once, not per node. */
export type Predicate = (s: Subject) => boolean;

export function compileExpression(expr: Expr): Predicate {
  switch (expr.kind) {
    case 'or': {
      const l = compileExpression(expr.left);
      const r = compileExpression(expr.right);
      return (s) => l(s) || r(s);
    }
    case 'and': {
      const l = compileExpression(expr.left);
      const r = compileExpression(expr.right);
      return (s) => l(s) && r(s);
    }
    case 'not': {
      const inner = compileExpression(expr.operand);
      return (s) => !inner(s);
    }
    case 'flag': return (s) => s.alerts > 0;
    case 'compare': {
      const want = quantityValue(expr.quantity);
      const read = reader(expr.field);
      const op = expr.op;
      return (s) => compare(read(s), op, want);
    }
    case 'text': {
      const equal = expr.op === '=';
      if (expr.field === 'name') {
        const matches = globMatcher(expr.value);
        return (s) => s.names.some(matches) === equal;
      }
      const value = expr.value;
      if (expr.field === 'health') return (s) => (s.health === value) === equal;
      return (s) => s.kinds.some((k) => k === value) === equal;
    }
  }
}

function reader(field: NumericField): (s: Subject) => number {
  switch (field) {
    case 'errors': return (s) => s.stats.errorShare;
    case 'rate': return (s) => s.stats.rate;
    case 'latency': return (s) => s.stats.latency;
    case 'alerts': return (s) => s.alerts;
    case 'baseline': return (s) => s.baseline;
  }
}

function compare(a: number, op: CompareOp, b: number): boolean {
  if (Number.isNaN(a)) return false;
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '=': return a === b;
    case '!=': return a !== b;
  }
}

/** The whole name, case-insensitive; `*` stands for any text (newlines too). */
export function globMatcher(pattern: string): (name: string) => boolean {
  const parts = pattern.toLowerCase().split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`^${parts.join('.*')}$`, 's');
  return (name) => re.test(name.toLowerCase());
}
