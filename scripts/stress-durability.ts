/**
 * The full durability run: 200 SIGKILLs of a real browser-mode Hearth (and,
 * for about a quarter of them, of its engine process) at random moments of
 * streaming replies, each followed by a restart on the same data folder and a
 * check of the database against everything the client was told.
 *
 *   npm run stress [-- --kills N] [--seed S] [--keep]
 *
 * Then --conversion-kills SIGKILLs (default 50) of encryption being switched
 * on and off (test/durability/runConversionKills.ts), each followed by an
 * integrity check and a count of every chat and message. --kills 0 runs only
 * that part.
 *
 *   npm run stress -- --kills 0 --conversion-kills 20
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
import { runDurability, type DurabilityReport } from '../test/durability/runDurability.js';
import { runConversionKills } from '../test/durability/runConversionKills.js';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { kills: { type: 'string', default: '200' }, 'conversion-kills': { type: 'string', default: '50' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    console.error(`stress-durability: ${(error as Error).message}`);
    return 2;
  }
  const kills = Number(values.kills);
  const seed = Number(values.seed);
  const conversionKills = Number(values['conversion-kills']);
  if (!Number.isInteger(kills) || kills < 0 || !Number.isInteger(seed) || !Number.isInteger(conversionKills) || conversionKills < 0) {
    console.error('stress-durability: --kills, --conversion-kills and --seed take whole numbers');
    return 2;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-stress-'));
  try {
    let report: DurabilityReport | null = null;
    if (kills > 0) {
      await ensureFixtureModels(['small']);
      report = await runDurability({ kills, seed, dataDir, modelPath: fixturePath('small'), log: (line) => console.log(line) });
      console.log(
        `${report.kills} kills (${report.appKills} of the app, ${report.beforeAck} of them before chat.turn was answered; ${report.engineKills} of the engine; ${report.midStream} mid-stream) in ${report.seconds.toFixed(1)} s`,
      );
      console.log(`${report.acknowledged} acknowledged messages; replies by status ${JSON.stringify(report.statuses)}; stored text at most ${Math.round(report.worstUnsavedMs)} ms behind the client at a kill; ${report.orphanedEngines} orphaned engines`);
      for (const v of report.violations) console.log(`VIOLATION ${v}`);
    }
    let conversion = null;
    if (conversionKills > 0) {
      const convertDir = path.join(dataDir, 'conversion');
      fs.mkdirSync(convertDir);
      conversion = await runConversionKills({ kills: conversionKills, seed, dataDir: convertDir, log: (line) => console.log(line) });
      console.log(`${conversion.kills} kills of encryption conversions in ${conversion.seconds.toFixed(1)} s: old form kept ${conversion.keptOld}, new form in place ${conversion.becameNew} (${conversion.finished} finished before the kill)`);
      for (const v of conversion.violations) console.log(`VIOLATION conversion: ${v}`);
    }
    console.log(JSON.stringify({ durability: report, conversion }));
    const ok = (!report || (report.violations.length === 0 && report.orphanedEngines === 0)) && (!conversion || conversion.violations.length === 0);
    return ok ? 0 : 1;
  } finally {
    if (values.keep) console.log(`data folder kept: ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
