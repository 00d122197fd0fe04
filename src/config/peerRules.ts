import { compileRule, groupCount, templateGroups } from '../graph/peerResolver.ts';
import type { PeerRule } from '../graph/types.ts';
import { checkedString, nonEmptyText } from './fields.ts';
import { array, optional, refine, strictObject, string } from './validate.ts';
import type { Report } from './validate.ts';

const RULE_EXAMPLE = '{"match": "^([a-z-]+)\\\\.prod\\\\.example\\\\.com$", "service": "$1"}';

/** Why a regular expression does not compile, or null. */
function regexProblem(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (err) {
    return `expected a regular expression (JavaScript syntax): ${err instanceof Error ? err.message : String(err)}`;
  }
}

const peerRuleObject = strictObject(
  {
    /** A regular expression tried on the peer value (anchor it with ^ and $). */
    match: checkedString('expected a regular expression such as "^([a-z-]+)\\\\.prod\\\\.example\\\\.com$"', regexProblem),
    /** The service: text with $1..$9 (capture groups of `match`), $0 (the whole match), $$ (a dollar). */
    service: nonEmptyText('expected a service name or a template such as "$1"'),
    /** The datacenter, same syntax; default: as for a peer named by its service. */
    datacenter: optional(string('expected a datacenter name or a template such as "$2"')),
  },
  `expected a rule such as ${RULE_EXAMPLE}`,
);

const peerRuleSchema = refine(peerRuleObject, checkCaptures);

/** A template that refers to a group the expression does not have would always be empty there. */
function checkCaptures(rule: PeerRule, report: Report): void {
  const re = compileRule(rule.match);
  if (!re) return;
  const groups = groupCount(re);
  // A group that always matches the empty text, such as "()", is as empty as a missing one.
  const alwaysEmpty = new Set<number>();
  for (let n = 1; n <= groups; n++) if (emptyGroup(rule.match, n)) alwaysEmpty.add(n);
  for (const field of ['service', 'datacenter'] as const) {
    const template = rule[field];
    if (template === undefined) continue;
    for (const n of templateGroups(template)) {
      if (n > groups) {
        const has = groups === 0 ? 'has no capture group' : `has ${groups} capture ${groups === 1 ? 'group' : 'groups'} ($1${groups > 1 ? `..$${groups}` : ''})`;
        report({ path: [field], message: `expected captures that "match" has, but "$${n}" is always empty: the expression ${has}`, input: template });
      } else if (alwaysEmpty.has(n)) {
        report({ path: [field], message: `expected a capture that can hold text, but "$${n}" is "()" in "match": it is always empty`, input: template });
      }
    }
  }
}

/** Whether capture group `n` of the source is the literal "()" (always empty). */
function emptyGroup(source: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      // Skip a class: its parentheses are no groups.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (ch !== '(') continue;
    const named = source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!';
    if (source[i + 1] === '?' && !named) continue;
    count++;
    if (count === n) return source[i + 1] === ')';
  }
  return false;
}

/** config.json `peerRules`: peer values (hosts) mapped to services, tried in order. */
export const peerRulesSchema = array(peerRuleSchema, `expected a list of rules such as [${RULE_EXAMPLE}]`);

export const PEER_RULE_FIELDS = Object.keys(peerRuleObject.shape);
