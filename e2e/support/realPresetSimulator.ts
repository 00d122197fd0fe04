/**
 * One convention's simulator in a process of its own, for the preset suite (six simulators in
 * the test runner's event loop would make scrapes queue behind each other):
 *
 *   node --import tsx e2e/support/realPresetSimulator.ts <preset> [name|dns]
 *
 * prints one JSON line {"controlUrl", "targets": [...]} when listening, and stops on SIGTERM.
 */
import { isExportedConvention } from '../../simulator/exporters/byConvention.ts';
import { startSimulator } from '../../simulator/start.ts';

const preset = process.argv[2] ?? '';
if (!isExportedConvention(preset)) {
  console.error(`usage: realPresetSimulator.ts <preset>, got "${preset}"`);
  process.exit(2);
}
const peerNames = process.argv[3] === 'dns' ? 'dns' : 'name';
const sim = await startSimulator({ convention: preset, peerNames, schedule: false, tickMs: 1000, scrapeCatchUpMs: 1000 });
process.stdout.write(`${JSON.stringify({ controlUrl: sim.controlUrl, targets: sim.targets })}\n`);
const stop = (): void => {
  sim.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
