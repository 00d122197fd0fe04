/**
 * `npm run simulate`: the simulated platform as real Prometheus targets. Prints the targets and
 * the control endpoint; Ctrl-C stops it. See simulator/README section in the project README.
 */
import { describeFault } from '../src/mocks/platform/incidents.ts';
import { parseArgs, USAGE } from './args.ts';
import type { SimFault } from './faults.ts';
import { startSimulator } from './start.ts';

function describe(f: SimFault): string {
  if (f.kind !== 'scrape-down') return describeFault(f);
  return `${f.service}${f.datacenter ? ` in ${f.datacenter}` : ''}${f.instance !== undefined ? ` #${f.instance}` : ''} stops answering scrapes (${f.mode ?? 'hang'})`;
}

async function main(): Promise<void> {
  const cli = parseArgs(process.argv.slice(2));
  if (cli.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sim = await startSimulator(cli.options);
  const byDc = new Map<string, string[]>();
  for (const t of sim.targets) byDc.set(t.dc, [...(byDc.get(t.dc) ?? []), t.address]);
  const p = sim.platform;
  if (p) {
    const services = p.services.filter((s) => s.instrumented && s.datacenter === p.datacenters[0]).length;
    const calls = p.calls.filter((c) => c.callerDc === p.datacenters[0]).length;
    console.log(`generated platform (seed ${p.shape.seed}): ${services} services per datacenter in ${p.groups.length} groups, ${calls} calls per datacenter, one target per group`);
  }
  console.log(`traffic simulator: ${sim.targets.length} targets`);
  for (const [dc, addresses] of byDc) console.log(`  ${dc}: ${addresses.length} targets (${sim.controlUrl}/targets.txt?datacenter=${dc})`);
  console.log(`control: ${sim.controlUrl}/faults   targets: ${sim.controlUrl}/targets (.txt, ?datacenter=eu-west)`);
  for (const f of sim.getFaults()) console.log(`fault: ${describe(f)}`);
  const example = p ? (p.services.find((s) => s.kind === 'java')?.name ?? 'gateway') : 'checkout';
  console.log(`e.g. curl -X POST ${sim.controlUrl}/faults -d '{"kind":"errors","service":"${example}","share":0.3}'`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
