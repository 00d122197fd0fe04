/**
 * A real Prometheus scraping the simulator's large platform, for the benchmarks that measure on
 * one (prometheus-cost.ts, real-views.ts): the stack started (or the server given used as it is),
 * every target scraped `scrapes` times and `settleS` seconds more waited, then `measure` run; the
 * stack is stopped after it, and on Ctrl-C.
 */
import { startLargeStack, waitForScrapes } from '../../e2e/support/realLargeStack.ts';
import type { LargeStack, LargeStackOptions } from '../../e2e/support/realLargeStack.ts';

export interface Wait {
  /** The rate window: a target counts as scraped `scrapes` times within it. */
  readonly window: string;
  readonly scrapes: number;
  readonly settleS: number;
}

export async function onLargePrometheus(given: string, options: LargeStackOptions, wait: Wait, measure: (url: string) => Promise<void>): Promise<void> {
  let stack: LargeStack | null = null;
  const stop = (): void => { void stack?.close().finally(() => process.exit(130)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    let url = given;
    if (!url) {
      const started = Date.now();
      stack = await startLargeStack(options);
      url = stack.server.url;
      const waited = await waitForScrapes(stack.server, stack.sim.targets.length, wait.window, wait.scrapes, 600_000);
      console.log(`${options.services} services x 2 datacenters in ${options.groups} groups: ${stack.sim.targets.length} targets, every one scraped ${wait.scrapes} times ${((Date.now() - started) / 1000).toFixed(0)} s after start (${(waited / 1000).toFixed(0)} s of waiting); measuring after ${wait.settleS} s more`);
      await new Promise((ok) => setTimeout(ok, wait.settleS * 1000));
    }
    await measure(url);
  } finally {
    await stack?.close();
  }
}
