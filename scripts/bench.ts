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
    reps: { type: 'string' },
    threads: { type: 'string' },
    'with-1b': { type: 'boolean', default: false },
    /** Comma-separated subset of tiny, stories260K, 1b-q4_0 for the engine part. */
    models: { type: 'string' },
  },
});
// Fast models get more repetitions: their runs are short, so each one is noisier.
const reps = values.reps ? Number(values.reps) : null;
const log = (line: string) => process.stderr.write(`${line}\n`);
const out: Record<string, unknown> = { machine: { cpus: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version } };
const parts = values.only ? values.only.split(',') : ['engine'];

if (parts.includes('engine')) {
  const want1b = values['with-1b'] || fs.existsSync(fixturePath('1b'));
  await ensureFixtureModels(want1b ? ['tiny', '1b'] : ['tiny']);
  const models: EngineBenchModel[] = [{ name: 'tiny', path: fixturePath('tiny'), maxTokens: 400, reps: reps ?? 21 }];
  if (hasStoriesModel) models.push({ name: 'stories260K', path: STORIES_MODEL, maxTokens: 1000, reps: reps ?? 15 });
  if (want1b) models.push({ name: '1b-q4_0', path: fixturePath('1b'), maxTokens: 64, reps: reps ?? 7 });
  if (values.models) {
    const wanted = values.models.split(',');
    models.splice(0, models.length, ...models.filter((m) => wanted.includes(m.name)));
  }
  log(`engine: ${models.map((m) => `${m.name} (${m.reps} interleaved pairs)`).join(', ')}`);
  const results = await runEngineBench(models, { threads: values.threads ? Number(values.threads) : undefined, log });
  console.log('\nengine: tokens/s through Hearth (engine process + chat service + store + WebSocket transport, timed at the client) vs a bare node-llama-cpp loop');
  console.table(
    results.map((r) => ({
      model: r.name,
      threads: r.threads,
      tokens: r.tokens,
      'hearth tok/s': fmt(r.hearthTps),
      'bare tok/s': fmt(r.bareTps),
      'ratio (paired median)': `${fmt(r.ratio, 3)} ±${fmt(r.ratioSpreadPct)}%`,
      'end-to-end ratio': fmt(r.e2eRatio, 3),
      'spread h/b %': `${fmt(r.hearthSpreadPct)}/${fmt(r.bareSpreadPct)}`,
      'µs/token overhead': fmt(r.perTokenOverheadUs),
      'TTFT overhead ms': fmt(r.ttftOverheadMs),
      'last token → stored ms': fmt(r.doneLatencyMs),
    })),
  );
  out.engine = { ratio: Math.min(...results.map((r) => r.ratio)), models: Object.fromEntries(results.map((r) => [r.name, r])) };
}

if (values.json) console.log(JSON.stringify(out));
process.exit(0);
