/**
 * Time to route one message with the lexical router (features, linear model,
 * explanation, context and threshold): the work Auto mode adds before every
 * reply. The budget is 2 ms per message. Messages are the
 * development set's, so lengths and vocabulary are realistic; the model is
 * built once, as at start-up, and that build time is reported too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../../main/contract/index.js';
import { builtInProfiles } from '../../main/services/routing/builtInProfiles.js';
import { createRouter } from '../../main/services/routing/createRouter.js';
import { shippedExamples, shippedLexicon } from '../../main/services/routing/shippedRoutingData.js';
import { median } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RouterBenchResult {
  messages: number;
  /** Per routed message, over every message of every round. */
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** Building the model from the profiles' examples and the lexicon (start-up, and after a profile edit). */
  buildMs: number;
  budgetMs: number;
  withinBudget: boolean;
}

export function runRouterBench(options: { rounds?: number; texts?: string[] } = {}): RouterBenchResult {
  const rounds = options.rounds ?? 20;
  const texts =
    options.texts ??
    fs
      .readFileSync(path.join(root, 'models/routing/dev.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text);
  const examples = shippedExamples();
  const profiles: Profile[] = builtInProfiles().map((p) => ({ ...p, enabled: true, builtIn: true, modified: false, examples: examples[p.id] ?? [] }));
  const router = createRouter({ profiles: { list: () => profiles }, lexicon: shippedLexicon() });
  const builtAt = performance.now();
  router.warm();
  const buildMs = performance.now() - builtAt;
  // Warm-up: the JIT and the stemmer's cache settle before timing.
  for (const text of texts) router.classify(text);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    texts.forEach((text, i) => {
      const started = performance.now();
      // Every other message as a follow-up, so the context path is timed too.
      router.classify(text, { previousDomain: i % 2 ? 'healthcare' : null });
      samples.push(performance.now() - started);
    });
  }
  samples.sort((a, b) => a - b);
  const p99Ms = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))]!;
  return { messages: samples.length, medianMs: median(samples), p99Ms, maxMs: samples.at(-1)!, buildMs, budgetMs: 2, withinBudget: p99Ms <= 2 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = runRouterBench();
  console.log(`router: ${r.messages} routed messages, median ${r.medianMs.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms, max ${r.maxMs.toFixed(2)} ms (budget ${r.budgetMs} ms); model built in ${r.buildMs.toFixed(0)} ms`);
}
