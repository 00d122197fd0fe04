import { fixedDigits } from './decimal.ts';
import { formatPercent } from './stats.ts';
import type { Health, LatencyThresholds, Thresholds, ThresholdOverride, TrafficStats } from './types.ts';

/**
 * Health from the error share and the latency, worst wins, under the rule that applies to a node:
 * the first of `thresholds.overrides` whose patterns all match it, else the default thresholds.
 * Nodes are judged by their own rule, edges by their callee's (what the callee serves is what the
 * callee's owners set limits for). Pure; the rules of a config are compiled once (`HealthRules.of`).
 */

/** What the override patterns look at: a node's name, group and datacenter, where it has them. */
export interface RuleSubject {
  /** A service's or external's name (group, datacenter and internet nodes have none). */
  readonly name?: string | undefined;
  readonly group?: string | undefined;
  readonly datacenter?: string | undefined;
}

export interface RuleVerdict {
  readonly health: Health;
  /** Short, for the map, e.g. "12.5% errors", "1.20 s latency". */
  readonly notice?: string;
  /** Which rule coloured it, e.g. "latency 1.20 s ≥ danger 1 s (override payment-*)". */
  readonly healthReason?: string;
}

/** One set of limits in effect, compiled: latency limits absent are Infinity. */
export interface HealthRule {
  /** "default", or "override payment-*" (its patterns). */
  readonly label: string;
  readonly warning: number;
  readonly danger: number;
  readonly latencyWarning: number;
  readonly latencyDanger: number;
  /** The verdict of what this rule finds healthy, and of traffic under `minRate` (shared objects). */
  readonly normal: RuleVerdict;
  readonly quiet: RuleVerdict;
  /** Unhealthy verdicts by the values their texts show (see `verdictKey`): one object each, not one per edge. */
  readonly verdicts: Map<number, RuleVerdict>;
}

const MAX_VERDICTS = 10_000;
const RULES = new WeakMap<Thresholds, HealthRules>();

export class HealthRules {
  readonly fallback: HealthRule;
  /** The override patterns as one test each, in order. */
  private readonly overrides: readonly { readonly test: (s: RuleSubject) => boolean; readonly rule: HealthRule }[];

  /** The compiled rules of these thresholds: made once per thresholds object (a config's lifetime). */
  static of(thresholds: Thresholds): HealthRules {
    let rules = RULES.get(thresholds);
    if (!rules) RULES.set(thresholds, (rules = new HealthRules(thresholds)));
    return rules;
  }

  private constructor(private readonly thresholds: Thresholds) {
    // Healthy items say which rule they are under only when there is a choice (latency or overrides).
    const explain = thresholds.latency !== undefined || (thresholds.overrides?.length ?? 0) > 0;
    this.fallback = compileRule('default', thresholds, thresholds.latency, explain, thresholds.minRate);
    this.overrides = (thresholds.overrides ?? []).map((o) => ({
      test: subjectTest(o),
      rule: compileRule(
        overrideLabel(o),
        { warning: o.warning ?? thresholds.warning, danger: o.danger ?? thresholds.danger },
        o.latency === 'off' ? undefined : { ...thresholds.latency, ...o.latency },
        explain,
        thresholds.minRate,
      ),
    }));
  }

  /** The rule of a node: the first override whose patterns all match it, else the default. */
  ruleFor(subject: RuleSubject): HealthRule {
    for (const o of this.overrides) if (o.test(subject)) return o.rule;
    return this.fallback;
  }

  /** Whether any override exists (else `ruleFor` is always the default and needs no subject). */
  get hasOverrides(): boolean {
    return this.overrides.length > 0;
  }

  /** Health from the error share and the latency under `rule`, worst wins; under `minRate`, never unhealthy. */
  judge(stats: TrafficStats, rule: HealthRule): RuleVerdict {
    if (!(stats.rate >= this.thresholds.minRate)) return rule.quiet;
    const share = stats.errorShare;
    const errors = share >= rule.danger ? 2 : share >= rule.warning ? 1 : 0;
    const latency = stats.latency;
    const slow = latency >= rule.latencyDanger ? 2 : latency >= rule.latencyWarning ? 1 : 0;
    if (errors === 0 && slow === 0) return rule.normal;
    // Only what reached the worst level is named (both, when both did).
    return unhealthy(rule, errors >= slow ? share : NaN, slow >= errors ? latency : NaN, errors >= slow ? errors : slow);
  }
}

function compileRule(label: string, errors: { warning: number; danger: number }, latency: LatencyThresholds | undefined, explain: boolean, minRate: number): HealthRule {
  const latencyWarning = latency?.warning ?? Infinity;
  const latencyDanger = latency?.danger ?? Infinity;
  const limits = [`errors < ${shareText(Math.min(errors.warning, errors.danger))}`];
  const firstLatency = Math.min(latencyWarning, latencyDanger);
  if (firstLatency < Infinity) limits.push(`latency < ${secondsText(firstLatency)}`);
  return {
    label,
    warning: errors.warning,
    danger: errors.danger,
    latencyWarning,
    latencyDanger,
    normal: Object.freeze(explain ? { health: 'normal', healthReason: `within ${label === 'default' ? 'the default' : label}: ${limits.join(', ')}` } : { health: 'normal' }),
    quiet: Object.freeze(explain ? { health: 'normal', healthReason: `under ${minRate} req/s: too little traffic to judge` } : { health: 'normal' }),
    verdicts: new Map(),
  };
}

/** "payment-*", "group payments", "payment-*, datacenter eu-*". */
function overrideLabel(o: ThresholdOverride): string {
  const parts: string[] = [];
  if (o.match !== undefined) parts.push(o.match);
  if (o.group !== undefined) parts.push(`group ${o.group}`);
  if (o.datacenter !== undefined) parts.push(`datacenter ${o.datacenter}`);
  return `override ${parts.join(', ')}`;
}

/** A test of every pattern the override gives (none given: it matches nothing, which validation prevents). */
function subjectTest(o: ThresholdOverride): (s: RuleSubject) => boolean {
  const name = o.match === undefined ? null : globRegExp(o.match);
  const group = o.group === undefined ? null : globRegExp(o.group);
  const dc = o.datacenter === undefined ? null : globRegExp(o.datacenter);
  if (!name && !group && !dc) return () => false;
  return (s) => (!name || (s.name !== undefined && name.test(s.name)))
    && (!group || (s.group !== undefined && group.test(s.group)))
    && (!dc || (s.datacenter !== undefined && dc.test(s.datacenter)));
}

/** A pattern where `*` is any run of characters (none too) and everything else is itself; the whole name. */
export function globRegExp(pattern: string): RegExp {
  const source = pattern.split('*').map((part) => part.replace(/[\\^$.|?+()[\]{}/-]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 's');
}

/**
 * The verdict that names `share` and/or `latency` (NaN: not named) at `level`, shared per rule by
 * the values the texts show.
 */
function unhealthy(rule: HealthRule, share: number, latency: number, level: number): RuleVerdict {
  const key = verdictKey(share, latency, level);
  const known = key < 0 ? undefined : rule.verdicts.get(key);
  if (known) return known;
  const health: Health = level === 2 ? 'danger' : 'warning';
  const parts: string[] = [];
  if (!Number.isNaN(share)) parts.push(`errors ${formatPercent(share)} ≥ ${health} ${shareText(level === 2 ? rule.danger : rule.warning)}`);
  if (!Number.isNaN(latency)) parts.push(`latency ${formatSeconds(latency)} ≥ ${health} ${secondsText(level === 2 ? rule.latencyDanger : rule.latencyWarning)}`);
  const notice = Number.isNaN(share) ? `${formatSeconds(latency)} latency` : `${formatPercent(share)} errors`;
  const verdict: RuleVerdict = Object.freeze({ health, notice, healthReason: `${parts.join(' and ')} (${rule.label})` });
  if (key >= 0 && rule.verdicts.size < MAX_VERDICTS) rule.verdicts.set(key, verdict);
  return verdict;
}

/** A number per distinct text (-1: no key, made afresh): share and latency as shown, and the level. */
function verdictKey(share: number, latency: number, level: number): number {
  const s = Number.isNaN(share) ? 0 : percentKey(share) + 1;
  const l = Number.isNaN(latency) ? 0 : secondsKey(latency) + 1;
  if (s < 0 || l < 0 || s > 1e6 || l > 1e7) return -1;
  return (s * 1e7 + l) * 2 + (level === 2 ? 1 : 0);
}

function percentKey(share: number): number {
  const pct = share * 100;
  const digits = pct >= 10 ? 0 : pct >= 1 ? 1 : 2;
  const n = fixedDigits(pct, digits);
  return n < 0 ? -2 : n * 3 + digits;
}

function secondsKey(seconds: number): number {
  const ms = seconds * 1000;
  const [x, digits] = ms >= 1000 ? [seconds, 2 as const] : ms >= 10 ? [ms, 0 as const] : [ms, 1 as const];
  const n = fixedDigits(x, digits);
  return n < 0 ? -2 : n * 3 + digits;
}

/** A measured latency as the panels write it: "1.20 s", "350 ms", "4.2 ms". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const ms = seconds * 1000;
  if (ms >= 1000) return `${seconds.toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** A configured latency limit as written: "300 ms", "1 s", "1.5 s". */
export function secondsText(seconds: number): string {
  return seconds < 1 ? `${Number((seconds * 1000).toPrecision(6))} ms` : `${Number(seconds.toPrecision(6))} s`;
}

/** A configured error share as written: "1%", "0.5%". */
export function shareText(share: number): string {
  return `${Number((share * 100).toPrecision(6))}%`;
}
