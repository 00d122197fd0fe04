/**
 * Regenerates the golden files of every recorded fixture in src/graph/__fixtures__/<case>/:
 * `graph.json` (the buildGraph output) and `problems.json` (problems of the samples -> rows step).
 *
 *   npx tsx scripts/update-golden.ts           # every case
 *   npx tsx scripts/update-golden.ts capped    # only the named cases
 *
 * Review the diff before committing: a golden file is only as right as the code that wrote it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caseDir, fixtureCases, GRAPH_FILE, goldenTexts, PROBLEMS_FILE, runFixture,
} from '../src/graph/__fixtures__/golden.ts';

const all = fixtureCases();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`unknown fixture case(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(1);
}

for (const name of wanted.length > 0 ? wanted : all) {
  const dir = caseDir(name);
  const texts = goldenTexts(runFixture(dir));
  writeFileSync(join(dir, GRAPH_FILE), texts.graph);
  writeFileSync(join(dir, PROBLEMS_FILE), texts.problems);
  console.log(`updated ${name}/${GRAPH_FILE} and ${name}/${PROBLEMS_FILE}`);
}
