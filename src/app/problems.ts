import type { DataProblem } from '../graph/types.ts';

/** One line of text per data problem, for the problems panel (plain text, never markup). */
export function describeProblem(p: DataProblem): string {
  switch (p.kind) {
    case 'missing-label':
      return `${p.count} series of ${p.query} lack the ${p.expected ?? `label "${p.label}"`} and were left out, e.g. ${p.example}`;
    case 'bad-sample':
      return `${p.count} samples of ${p.query} had the value ${p.value} (not a finite, non-negative number) and were left out, e.g. ${p.example}`;
    case 'unknown-datacenter':
      return `${p.count} series come from datacenter "${p.datacenter}", which the config does not list; add it to "datacenters" to see it (e.g. ${p.example})`;
    case 'duplicate-series':
      return `${p.count} series of ${p.query} were returned twice (two servers holding the same data?) and counted once, e.g. ${p.example}`;
    case 'capped':
      return `${p.datacenter} has ${p.total} nodes; showing the ${p.shown} busiest (raise "maxNodesPerView" to see more)`;
    case 'unresolved-peer':
      return `${p.count} ${p.count === 1 ? 'callee is' : 'callees are'} named by a host or address that matches no service and ${p.count === 1 ? 'is' : 'are'} drawn as external, e.g. ${p.examples.join(', ')}; if ${p.count === 1 ? 'it is a service' : 'they are services'} of yours, add a rule to "peerRules" such as ${p.hint} (a rule naming a callee outside, e.g. {"match": "^api\\\\.example\\\\.com$", "service": "example-api"}, names its node and ends this notice)`;
    case 'peer-rule-conflict':
      return `${p.count} peer ${p.count === 1 ? 'value matches' : 'values match'} rules of "peerRules" that name different services; the first rule wins: ${p.examples.join('; ')}`;
  }
}
