import { escapeRegex } from './promql.ts';

/**
 * A regex (for a label matcher) that every name of one group of a rule matches: the rule with
 * its first capture made the group's literal text, or the group's name itself (a name the rule
 * does not group is its own group). A superset (a name it matches may still fall in another
 * group: `(.*)-.*` puts `a-b-c` in `a-b`, and `(a)-.*` matches it): the view query narrows its
 * selectors with it, and keeps filtering the mapped series exactly. Both are anchored the same
 * way by Prometheus (`^(?:...)$`, in matchers and in `label_replace`). null when the rule has no
 * capture this can find.
 */
export function groupRulePrefilter(rule: string, group: string): string | null {
  const span = firstCapture(rule);
  if (!span) return null;
  const literal = escapeRegex(group);
  return `${rule.slice(0, span.start)}(${literal})${rule.slice(span.end)}|${literal}`;
}

/** Where the first capturing group `( ... )` is (its parentheses included), skipping escapes, classes and `(?...)`. */
function firstCapture(rule: string): { start: number; end: number } | null {
  let start = -1;
  let depth = 0;
  for (let i = 0; i < rule.length; i++) {
    const c = rule[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      i = classEnd(rule, i);
      if (i < 0) return null;
      continue;
    }
    if (c === '(') {
      if (start >= 0) depth++;
      else if (rule[i + 1] !== '?') {
        start = i;
        depth = 1;
      }
      continue;
    }
    if (c === ')' && start >= 0) {
      depth--;
      if (depth === 0) return { start, end: i + 1 };
    }
  }
  return null;
}

/** The index of the `]` closing the class opened at `open` (a `]` first in it is literal); -1 if none. */
function classEnd(rule: string, open: number): number {
  let i = open + 1;
  if (rule[i] === '^') i++;
  if (rule[i] === ']') i++;
  for (; i < rule.length; i++) {
    if (rule[i] === '\\') i++;
    else if (rule[i] === ']') return i;
  }
  return -1;
}
