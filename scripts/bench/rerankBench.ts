/**
 * What reranking costs a question: the reranker scores the first 5 and 20
 * excerpts that search found for each dev question (the README corpus), through
 * the engine process as the app does it, side by side per question. The model
 * is the `reranker-0.6b` fixture: Qwen3-Reranker-0.6B's shape and type with
 * random weights, so the times are real and the scores are not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../../main/contract/index.js';
import type { DocHit } from '../../main/contract/documents.js';
import { createEngineClient } from '../../main/services/engine/createEngineClient.js';
import { forkWorker } from '../../main/services/engine/forkWorker.js';
import { rerankText } from '../../main/services/documents/searchDocuments.js';
import { ensureFixtureModels, fixturePath } from '../../test/fixtures.js';
import { indexInto, readmeCorpus } from './documentsBench.js';
import { fmt, percentile } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HEADS = [5, 20] as const;

export interface RerankBenchResult {
  model: string;
  threads: number | 'auto';
  questions: number;
  loadSeconds: number;
  heads: Array<{ excerpts: number; promptTokens: number; p50Seconds: number; p95Seconds: number; tokensPerSecond: number }>;
  loadAverage: number;
}


export async function runRerankBench(options: { questions?: number; threads?: number; log?: (line: string) => void } = {}): Promise<RerankBenchResult> {
  const log = options.log ?? (() => {});
  await ensureFixtureModels(['reranker-0.6b']);
  const questions = fs
    .readFileSync(path.join(ROOT, 'models/documents/dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { question: string }).question)
    .slice(0, options.questions ?? 8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-rerank-bench-'));
  const engine = createEngineClient({ spawnWorker: forkWorker, settings: { ...DEFAULT_SETTINGS.engine, threads: options.threads ?? null }, env: process.env.HEARTH_BENCH_GPU === '1' ? {} : { HEARTH_ENGINE_GPU: 'off' } });
  try {
    log('rerank: indexing the README corpus');
    const index = await indexInto(dir, 'readmes', readmeCorpus(), log);
    const heads: DocHit[][] = [];
    for (const q of questions) heads.push(await index.docs.search(q, { limit: 20 }));
    await index.docs.dispose();
    index.db.close();
    const ref = { modelId: 'reranker-0.6b', modelPath: fixturePath('reranker-0.6b') };
    const loadStart = performance.now();
    await engine.rank(ref, 'warm up', ['load the model first']);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const times = new Map<number, number[]>(HEADS.map((n) => [n, []]));
    const tokens = new Map<number, number>(HEADS.map((n) => [n, 0]));
    const loadAverage = os.loadavg()[0]!;
    for (const [i, q] of questions.entries()) {
      // Each head size in turn for the same question, so a busy moment falls on all of them alike.
      for (const n of HEADS) {
        const head = heads[i]!.slice(0, n);
        const start = performance.now();
        await engine.rank(ref, q, head.map(rerankText));
        times.get(n)!.push((performance.now() - start) / 1000);
        tokens.set(n, tokens.get(n)! + head.reduce((sum, h) => sum + h.tokens, 0));
      }
      log(`rerank: ${i + 1}/${questions.length}`);
    }
    return {
      model: 'reranker-0.6b fixture (Qwen3-Reranker-0.6B shape, Q8_0)',
      threads: options.threads ?? 'auto',
      questions: questions.length,
      loadSeconds,
      heads: HEADS.map((n) => {
        const seconds = times.get(n)!;
        const total = seconds.reduce((a, b) => a + b, 0);
        return { excerpts: n, promptTokens: tokens.get(n)! / questions.length, p50Seconds: percentile(seconds, 50), p95Seconds: percentile(seconds, 95), tokensPerSecond: tokens.get(n)! / total };
      }),
      loadAverage,
    };
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printRerankTable(r: RerankBenchResult): void {
  console.log(`\nrerank: ${r.model}, ${r.threads} threads, ${r.questions} dev questions; the first N excerpts search found, scored through the engine (load ${fmt(r.loadSeconds, 1)} s)`);
  console.table(
    r.heads.map((h) => ({
      excerpts: h.excerpts,
      'excerpt tokens (mean)': fmt(h.promptTokens, 0),
      'p50 s': fmt(h.p50Seconds, 2),
      'p95 s': fmt(h.p95Seconds, 2),
      'excerpt tok/s': fmt(h.tokensPerSecond, 0),
    })),
  );
  console.log(`load average when timing started: ${fmt(r.loadAverage, 2)} (${os.cpus().length} cores); each excerpt also carries the reranker's instructions and the question (~80 tokens)`);
}
