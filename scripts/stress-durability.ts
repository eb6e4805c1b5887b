/**
 * The full durability run: 200 SIGKILLs of a real browser-mode Hearth (and,
 * for about a quarter of them, of its engine process) at random moments of
 * streaming replies, each followed by a restart on the same data folder and a
 * check of the database against everything the client was told.
 *
 *   npm run stress [-- --kills N] [--seed S] [--keep]
 *
 * Prints progress, a summary, and one JSON object on the last line. Exits 1
 * on any violation. The test suite runs a short version of the same harness
 * (test/durability/durability.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFixtureModels, fixturePath } from '../test/fixtures.js';
import { runDurability } from '../test/durability/runDurability.js';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { kills: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    console.error(`stress-durability: ${(error as Error).message}`);
    return 2;
  }
  const kills = Number(values.kills);
  const seed = Number(values.seed);
  if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(seed)) {
    console.error('stress-durability: --kills and --seed take whole numbers');
    return 2;
  }
  await ensureFixtureModels(['small']);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-stress-'));
  try {
    const report = await runDurability({ kills, seed, dataDir, modelPath: fixturePath('small'), log: (line) => console.log(line) });
    console.log(
      `${report.kills} kills (${report.appKills} of the app, ${report.beforeAck} of them before chat.send was answered; ${report.engineKills} of the engine; ${report.midStream} mid-stream) in ${report.seconds.toFixed(1)} s`,
    );
    console.log(`${report.acknowledged} acknowledged messages; replies by status ${JSON.stringify(report.statuses)}; stored text at most ${Math.round(report.worstUnsavedMs)} ms behind the client at a kill; ${report.orphanedEngines} orphaned engines`);
    for (const v of report.violations) console.log(`VIOLATION ${v}`);
    console.log(JSON.stringify({ durability: report }));
    return report.violations.length === 0 && report.orphanedEngines === 0 ? 0 : 1;
  } finally {
    if (values.keep) console.log(`data folder kept: ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
