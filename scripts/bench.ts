/**
 * `npm run bench [-- --only <part>] [--json] [--reps N]`: side-by-side
 * measurements, interleaved, several repetitions, medians and spread.
 * Prints a table; with --json, one JSON object on the last line.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ensureFixtureModels, fixturePath, hasStoriesModel, STORIES_MODEL } from '../test/fixtures.js';
import { runEngineBench, type EngineBenchModel } from './bench/engineBench.js';
import { fmt } from './bench/stats.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '7' },
    threads: { type: 'string' },
    'with-1b': { type: 'boolean', default: false },
  },
});
const reps = Number(values.reps);
const log = (line: string) => process.stderr.write(`${line}\n`);
const out: Record<string, unknown> = { machine: { cpus: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version } };
const parts = values.only ? values.only.split(',') : ['engine'];

if (parts.includes('engine')) {
  const want1b = values['with-1b'] || fs.existsSync(fixturePath('1b'));
  await ensureFixtureModels(want1b ? ['tiny', '1b'] : ['tiny']);
  const models: EngineBenchModel[] = [{ name: 'tiny', path: fixturePath('tiny'), maxTokens: 400 }];
  if (hasStoriesModel) models.push({ name: 'stories260K', path: STORIES_MODEL, maxTokens: 1000 });
  if (want1b) models.push({ name: '1b-q4_0', path: fixturePath('1b'), maxTokens: 64 });
  log(`engine: ${models.map((m) => m.name).join(', ')}; ${reps} interleaved reps each`);
  const results = await runEngineBench(models, { reps, threads: values.threads ? Number(values.threads) : undefined, log });
  console.log('\nengine: tokens/s through Hearth (engine process + chat service + store + events) vs a bare node-llama-cpp loop');
  console.table(
    results.map((r) => ({
      model: r.name,
      threads: r.threads,
      tokens: r.tokens,
      'hearth tok/s': fmt(r.hearthTps),
      'bare tok/s': fmt(r.bareTps),
      ratio: fmt(r.ratio, 3),
      'spread h/b %': `${fmt(r.hearthSpreadPct)}/${fmt(r.bareSpreadPct)}`,
      'µs/token overhead': fmt(r.perTokenOverheadUs),
      'TTFT overhead ms': fmt(r.ttftOverheadMs),
    })),
  );
  out.engine = { ratio: Math.min(...results.map((r) => r.ratio)), models: Object.fromEntries(results.map((r) => [r.name, r])) };
}

if (values.json) console.log(JSON.stringify(out));
process.exit(0);
