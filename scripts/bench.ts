/**
 * `npm run bench [-- --only <part>[,<part>]] [--json] [--reps N]`: side-by-side
 * measurements, interleaved, several repetitions, medians and spread.
 * Prints a table per part; with --json, one JSON object on the last line.
 * Parts: engine, raw, startup, store, router, download, render, documents, rerank, longchat, api (see PARTS). Progress goes to stderr.
 * The api part takes `--tokens N` (per reply), `--clients 1,4,16` and `--parallel 1,4` (Settings.api.parallel, a run each).
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ensureFixtureModels, fixturePath, hasStoriesModel, STORIES_MODEL } from '../test/fixtures.js';
import { runApiBench } from './bench/apiBench.js';
import { printDocumentsTable, runDocumentsBench } from './bench/documentsBench.js';
import { printDownloadTable, runDownloadBench } from './bench/downloadBench.js';
import { printLongChatTable, runLongChatBench } from './bench/longChatBench.js';
import { runEngineBench, type EngineBenchModel } from './bench/engineBench.js';
import { runRawBench } from './bench/rawBench.js';
import { printRerankTable, runRerankBench } from './bench/rerankBench.js';
import { fmt, fmtSummary } from './bench/stats.js';
import { printRenderTable, runRenderBench } from './bench/renderBench.js';
import { runRouterBench } from './bench/routerBench.js';
import { printStartupTable, runStartupBench } from './bench/startupBench.js';
import { printStoreTable, runStoreBench } from './bench/storeBench.js';

const PARTS = ['engine', 'raw', 'startup', 'store', 'router', 'download', 'render', 'documents', 'rerank', 'longchat', 'api'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    reps: { type: 'string' },
    threads: { type: 'string' },
    'with-1b': { type: 'boolean', default: false },
    /** Comma-separated subset of tiny, stories260K, 1b-q4_0 for the engine and raw parts. */
    models: { type: 'string' },
    /** api part: completion tokens per reply, concurrent client levels, Settings.api.parallel. */
    tokens: { type: 'string' },
    clients: { type: 'string' },
    parallel: { type: 'string' },
  },
});
const reps = values.reps ? Number(values.reps) : null;
const log = (line: string) => process.stderr.write(`${line}\n`);
const out: Record<string, unknown> = {
  machine: { cpus: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
};
const parts = (values.only ? values.only.split(',') : [...PARTS]) as Part[];
for (const p of parts) if (!PARTS.includes(p)) throw new Error(`unknown part "${p}"; parts: ${PARTS.join(', ')}`);

/** The models of the engine and raw parts: the tiny fixture, stories260K when present, the 1B-shaped fixture. */
async function benchModels(repsFor: { tiny: number; stories: number; big: number }, tokens: { tiny: number; stories: number; big: number }): Promise<EngineBenchModel[]> {
  const want1b = values['with-1b'] || parts.includes('raw') || fs.existsSync(fixturePath('1b'));
  await ensureFixtureModels(want1b ? ['tiny', '1b'] : ['tiny']);
  // The tiny fixture (random weights) often samples end-of-sequence within a few dozen tokens: a repetition then spans many replies (about 6,000 tokens a side).
  const models: EngineBenchModel[] = [{ name: 'tiny', path: fixturePath('tiny'), maxTokens: tokens.tiny, blockTokens: tokens.tiny * 15, reps: reps ?? repsFor.tiny }];
  if (hasStoriesModel) models.push({ name: 'stories260K', path: STORIES_MODEL, maxTokens: tokens.stories, blockTokens: tokens.stories, reps: reps ?? repsFor.stories });
  if (want1b) models.push({ name: '1b-q4_0', path: fixturePath('1b'), maxTokens: tokens.big, blockTokens: tokens.big, reps: reps ?? repsFor.big });
  const wanted = values.models?.split(',');
  return wanted ? models.filter((m) => wanted.includes(m.name)) : models;
}

if (parts.includes('engine')) {
  // Fast models get more repetitions: their runs are short, so each one is noisier.
  const models = await benchModels({ tiny: 21, stories: 15, big: 7 }, { tiny: 400, stories: 1000, big: 64 });
  log(`engine: ${models.map((m) => `${m.name} (${m.reps} interleaved pairs)`).join(', ')}`);
  const results = await runEngineBench(models, { threads: values.threads ? Number(values.threads) : undefined, log });
  console.log('\nengine: tokens/s of Hearth\'s engine loop vs a bare node-llama-cpp loop, both first to last sampled token in their own process (the delivered ratio times Hearth at the client, apart)');
  console.table(
    results.map((r) => ({
      model: r.name,
      threads: r.threads,
      tokens: r.tokens,
      'hearth tok/s': fmt(r.hearthTps),
      'bare tok/s': fmt(r.bareTps),
      'ratio (paired median)': `${fmt(r.ratio, 3)} ±${fmt(r.ratioSpreadPct)}%`,
      'end-to-end ratio': fmt(r.e2eRatio, 3),
      'delivered ratio': fmt(r.deliveredRatio, 3),
      'spread h/b %': `${fmt(r.hearthSpreadPct)}/${fmt(r.bareSpreadPct)}`,
      'µs/token overhead': fmt(r.perTokenOverheadUs),
      'TTFT overhead ms': fmt(r.ttftOverheadMs),
      'last token → stored ms': fmt(r.doneLatencyMs),
    })),
  );
  out.engine = { ratio: Math.min(...results.map((r) => r.ratio)), models: Object.fromEntries(results.map((r) => [r.name, r])) };
}

if (parts.includes('raw')) {
  // --reps sets the pairs behind the ratio; the thread survey takes 3 rounds (2 with --reps below 5).
  const models = (await benchModels({ tiny: 11, stories: 11, big: 11 }, { tiny: 256, stories: 256, big: 64 })).map((m) => ({ name: m.name, path: m.path, tokens: m.maxTokens, reps: m.reps < 5 ? 2 : 3, pairs: m.reps }));
  log(`raw: llama-bench vs Hearth vs bare node-llama-cpp on ${models.map((m) => m.name).join(', ')}`);
  const results = await runRawBench(models, { log, threads: values.threads ? values.threads.split(',').map(Number) : undefined });
  console.log("\nraw: text generation tokens/s, llama.cpp's llama-bench (built from node-llama-cpp's bundled source, on its prebuilt libraries) vs Hearth vs a bare node-llama-cpp loop");
  console.table(
    results.map((r) => ({
      model: r.name,
      'cpu variant': r.cpuVariant,
      depth: r.depth,
      ...Object.fromEntries(Object.entries(r.llamaBenchTps).map(([t, v]) => [`llama-bench t${t}`, fmt(v)])),
      ...Object.fromEntries(Object.entries(r.llamaBenchTpsDepth0).map(([t, v]) => [`llama-bench d0 t${t}`, fmt(v)])),
      ...Object.fromEntries(Object.entries(r.bareTps).map(([t, v]) => [`bare t${t}`, fmt(v)])),
      [`hearth`]: `${fmt(r.hearthTps)} (t${r.hearthThreads})`,
      [`paired llama-bench`]: `${fmt(r.pairedLlamaBenchTps)} (t${r.bestLlamaBenchThreads})`,
      'hearth / best llama-bench': `${fmt(r.ratio, 3)} ±${fmt(r.ratioSpreadPct)}% (${r.pairs} pairs)`,
      'vs d0': fmt(r.ratioDepth0, 3),
      'picked fastest threads': r.pickedFastest ? 'yes' : `no (bare best at t${r.bestBareThreads})`,
    })),
  );
  const big = results.find((r) => r.name === '1b-q4_0') ?? results.at(-1);
  out.raw = { ratio: big?.ratio ?? null, model: big?.name ?? null, models: Object.fromEntries(results.map((r) => [r.name, r])) };
}

if (parts.includes('startup')) {
  const result = await runStartupBench({ reps: reps ?? 7, log });
  printStartupTable(result);
  out.startup = result;
}

if (parts.includes('store')) {
  const result = runStoreBench({ reps: reps ?? 15, log });
  printStoreTable(result);
  out.store = result;
}

if (parts.includes('router')) {
  log('router: routing the development set, every message timed');
  const r = runRouterBench(reps ? { rounds: reps } : {});
  console.log(`\nrouter: time to route one message (lexical router: features, linear model, explanation, context), ${r.messages} routed messages`);
  console.table([{ 'median ms': fmt(r.medianMs, 3), 'p99 ms': fmt(r.p99Ms, 3), 'max ms': fmt(r.maxMs, 2), 'budget ms': r.budgetMs, 'p99 within budget': r.withinBudget ? 'yes' : 'no', 'model build ms': fmt(r.buildMs) }]);
  out.router = r;
}

if (parts.includes('download')) {
  const result = await runDownloadBench({ reps: reps ?? 7, log });
  printDownloadTable(result);
  out.download = result;
}

if (parts.includes('render')) {
  const result = await runRenderBench({ reps: reps ?? 7, log });
  printRenderTable(result);
  out.render = result;
}

if (parts.includes('longchat')) {
  await ensureFixtureModels(['small']);
  const result = await runLongChatBench({ reps: reps ?? 9, log });
  printLongChatTable(result);
  out.longchat = result;
}

if (parts.includes('documents')) {
  const result = await runDocumentsBench({ reps: reps ?? 5, log });
  printDocumentsTable(result);
  out.documents = result;
}

if (parts.includes('rerank')) {
  const result = await runRerankBench({ threads: values.threads ? Number(values.threads) : undefined, log });
  printRerankTable(result);
  out.rerank = result;
}

if (parts.includes('api')) {
  await ensureFixtureModels(['small']);
  const tokens = values.tokens ? Number(values.tokens) : 128;
  const levels = values.clients ? values.clients.split(',').map(Number) : [1, 4, 16];
  // Each value is a run of its own (fresh services): 1 is the default (completions take turns), more gives the engine API sequences.
  const parallels = values.parallel ? values.parallel.split(',').map(Number) : [1];
  const runs = [];
  for (const parallel of parallels) {
    log(`api: small fixture, ${tokens} tokens a reply, a chat and ${levels.join('/')} concurrent streaming clients, ${parallel} at once, ${reps ?? 5} interleaved reps`);
    const r = await runApiBench({ modelPath: fixturePath('small'), tokens, levels, reps: reps ?? 5, threads: values.threads ? Number(values.threads) : undefined, parallel, log });
    console.log(`\napi: a single app chat (engine.generate) vs N concurrent streaming API clients (openai package, SSE), same prompt (${r.promptTokens} tokens) and ${r.tokens} tokens a reply; ${r.threads} threads, ${r.parallel} API request(s) at once`);
    const chat = r.levels.find((l) => l.clients === 'chat')!;
    console.table(
      r.levels.map((l) => ({
        side: l.clients === 'chat' ? 'app chat' : `${l.clients} API client${l.clients === 1 ? '' : 's'}`,
        'aggregate tok/s (median, range)': fmtSummary(l.aggregateTps),
        'vs chat': fmt(l.aggregateTps.median / chat.aggregateTps.median, 3),
        'TTFT p50 ms': fmt(l.ttftP50Ms),
        'TTFT p95 ms': fmt(l.ttftP95Ms),
        requests: l.requests,
      })),
    );
    runs.push(r);
  }
  out.api = runs;
}

if (values.json) console.log(JSON.stringify(out));
process.exit(0);
