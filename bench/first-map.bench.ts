/**
 * Time to the first drawn map for a cold incident link (`?dc=eu-west&service=checkout`, the demo
 * build served statically, a fresh browser context per run), against the `load` event of the
 * same page; then the gzip size of each built asset, with budgets (exit 1 when over):
 * app JS without the vizceral chunk <= 150 kB gzip, the vizceral chunk <= 260 kB gzip.
 * Target: first map < 1.5 s.
 *
 *   npx tsx bench/first-map.bench.ts [--runs 5] [--dist dist]    (needs dist-demo/ and dist/)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openSession, waitForMap } from './support/browser.ts';
import { check, kb, median, ratio, table } from './support/measure.ts';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(argValue('runs') ?? 5);
const DIST = argValue('dist') ?? 'dist';
const LINK = '?dc=eu-west&service=checkout';

const loads: number[] = [];
const maps: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const session = await openSession({ scenario: 'calm' });
  try {
    // When the map first reports a laid-out view, in ms since navigation start.
    await session.page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const map = document.querySelector('[data-testid="map"]');
        if (map && map.getAttribute('data-map-updates') !== '0' && map.getAttribute('data-map-updates') !== null) {
          (window as unknown as { __firstMapAt?: number }).__firstMapAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-updates'] });
    });
    await session.page.goto(`${session.url}/${LINK}`);
    await waitForMap(session.page);
    const t = await session.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { load: nav?.loadEventStart ?? NaN, map: (window as unknown as { __firstMapAt?: number }).__firstMapAt ?? NaN };
    });
    loads.push(t.load);
    maps.push(t.map);
  } finally {
    await session.close();
  }
}
const load = median(loads);
const map = median(maps);
console.log(`cold incident link ${LINK}, ${RUNS} runs (median ms since navigation start)\n`);
console.log(table(['run', 'load event', 'first map', 'map/load'], [
  ...loads.map((l, i) => [String(i + 1), l.toFixed(0), (maps[i] ?? NaN).toFixed(0), ratio(maps[i] ?? NaN, l)]),
  ['median', load.toFixed(0), map.toFixed(0), ratio(map, load)],
]));

console.log(`\nbundle (${DIST}/assets, gzip -9 via zlib)\n`);
const assets = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
const sizes = assets.map((f) => {
  const data = readFileSync(join(DIST, 'assets', f));
  return { file: f, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
});
console.log(table(['asset', 'raw', 'gzip'], sizes.map((s) => [s.file, kb(s.raw), kb(s.gzip)])));
const isJs = (f: string): boolean => f.endsWith('.js');
const vizceral = sizes.filter((s) => isJs(s.file) && s.file.startsWith('vizceral')).reduce((n, s) => n + s.gzip, 0);
const app = sizes.filter((s) => isJs(s.file) && !s.file.startsWith('vizceral')).reduce((n, s) => n + s.gzip, 0);
console.log('');
check(map < 1500, `first map ${map.toFixed(0)} ms, ${ratio(map, load)} the load event (target < 1,500 ms)`);
check(app <= 150 * 1024, `app JS without vizceral ${kb(app)} gzip (budget 150 kB)`);
check(vizceral > 0 && vizceral <= 260 * 1024, `vizceral chunk ${kb(vizceral)} gzip (budget 260 kB)`);
