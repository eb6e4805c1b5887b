import os from 'node:os';
import { bareRun, benchGpuEnv, openHearthSession, runBlock, startBare } from './engineBench.js';
import { ensureLlamaBench, loadedCpuVariant, prepareRunDir, runLlamaBench } from './llamaBench.js';
import { median, spreadPct } from './stats.js';

export interface RawBenchModel {
  name: string;
  path: string;
  /** Tokens generated per run, on every side. */
  tokens: number;
  /** Rounds of the thread survey. */
  reps: number;
  /** Hearth / llama-bench pairs behind the ratio. */
  pairs: number;
}

export interface RawBenchModelResult {
  name: string;
  tokens: number;
  cpuVariant: string;
  /** Threads Hearth chose by itself for this model. */
  hearthThreads: number;
  /** Median over the pairs. */
  hearthTps: number;
  /** Tokens in the context when Hearth generates (its chat prompt, with the routed profile's system prompt). */
  depth: number;
  /** Survey: median tokens/s per thread count, llama-bench at the same context depth as Hearth. */
  llamaBenchTps: Record<number, number>;
  /** Survey: the same with an empty context (llama-bench's default tg test). */
  llamaBenchTpsDepth0: Record<number, number>;
  /** Survey: a bare node-llama-cpp loop at each thread count. */
  bareTps: Record<number, number>;
  bestLlamaBenchThreads: number;
  bestBareThreads: number;
  /** Pairs: llama-bench at its best thread count, median tokens/s. */
  pairedLlamaBenchTps: number;
  /** Median over pairs of Hearth / llama-bench at its best thread count and the same depth, run back to back. */
  ratio: number;
  ratioSpreadPct: number;
  pairs: number;
  /** Survey: Hearth / llama-bench's best with an empty context (what the prompt itself costs comes on top). */
  ratioDepth0: number;
  /** Did Hearth pick the thread count at which a bare node-llama-cpp loop is fastest? */
  pickedFastest: boolean;
}

const fmtRuns = (runs: { threads: number; tokensPerSecond: number }[]) => runs.map((r) => `t${r.threads} ${r.tokensPerSecond.toFixed(1)}`).join(' ');

/** 1, 2, 4 ... and the core count itself: every count on small machines, a ladder on big ones. */
export function threadLadder(cores: number): number[] {
  const out = new Set<number>();
  for (let t = 1; t < cores; t *= 2) out.add(t);
  out.add(cores);
  return [...out].sort((a, b) => a - b);
}

/**
 * llama-bench against Hearth and a bare node-llama-cpp loop on the same model,
 * in two phases. The survey runs llama-bench (at Hearth's context depth and
 * empty) and the bare loop at every thread count, to find the best count and
 * check Hearth chose it. The ratio then comes from pairs run back to back,
 * llama-bench at its best count and Hearth at its own, in ABBA order: this
 * shared 2-core VM drifts by several % within a minute, so only runs seconds
 * apart compare fairly (a survey round takes about 40 s).
 */
export async function runRawBench(models: RawBenchModel[], options: { log: (line: string) => void; threads?: number[] }): Promise<RawBenchModelResult[]> {
  const exe = ensureLlamaBench(options.log);
  const runDir = prepareRunDir(exe);
  const ladder = options.threads ?? threadLadder(os.availableParallelism());
  const results: RawBenchModelResult[] = [];
  for (const m of models) {
    const cpuVariant = loadedCpuVariant(runDir, m.path);
    const session = await openHearthSession(m.path);
    const bares = ladder.map((threads) => ({ threads, bare: startBare({ ...process.env, ...benchGpuEnv(), UV_THREADPOOL_SIZE: '1' }) }));
    try {
      for (const { threads, bare } of bares) {
        await bare.ask({ cmd: 'load', modelPath: m.path, contextSize: session.contextSize, threads });
        await bare.ask({ cmd: 'run', messages: [{ role: 'user', content: 'Warm up' }], maxTokens: 8, seed: 1 });
      }
      // Hearth's prompt length for these texts (system prompt of the routed profile + the user turn) sets llama-bench's depth.
      // Probed with the same reply length: a small model's context may make Hearth drop the profile's system prompt.
      const depth = (await session.run(`Story number 1: once upon a time`, m.tokens, 1)).promptTokens ?? 0;
      const text = (i: number) => `Story number ${i + 1}: once upon a time`;

      const lb: Record<number, number[]> = {};
      const lb0: Record<number, number[]> = {};
      const bare: Record<number, number[]> = {};
      const surveyHearth: number[] = [];
      for (let rep = 0; rep < m.reps; rep++) {
        const messages = await session.turns(text(rep), m.tokens);
        const lbRuns = runLlamaBench(runDir, m.path, ladder, m.tokens, depth);
        for (const r of lbRuns) (lb[r.threads] ??= []).push(r.tokensPerSecond);
        const lbRuns0 = depth > 0 ? runLlamaBench(runDir, m.path, ladder, m.tokens, 0) : lbRuns;
        for (const r of lbRuns0) (lb0[r.threads] ??= []).push(r.tokensPerSecond);
        surveyHearth.push((await runBlock(m.tokens, (k) => session.run(text(rep), m.tokens, 2000 + rep + 100 * k))).tps);
        for (const b of bares) {
          const r = await runBlock(m.tokens, (k) => bareRun(b.bare, messages, m.tokens, 2000 + rep + 100 * k));
          (bare[b.threads] ??= []).push(r.tps);
        }
        options.log(`  ${m.name} survey ${rep + 1}: llama-bench d${depth} ${fmtRuns(lbRuns)}, d0 ${fmtRuns(lbRuns0)}, hearth ${surveyHearth.at(-1)!.toFixed(1)} (t${session.threads}), bare ${bares.map((b) => `t${b.threads} ${bare[b.threads]!.at(-1)!.toFixed(1)}`).join(' ')}`);
      }
      const llamaBenchTps = Object.fromEntries(ladder.map((t) => [t, median(lb[t] ?? [])]));
      const llamaBenchTpsDepth0 = Object.fromEntries(ladder.map((t) => [t, median(lb0[t] ?? [])]));
      const bareTps = Object.fromEntries(ladder.map((t) => [t, median(bare[t] ?? [])]));
      const best = (rates: Record<number, number>) => Number(Object.entries(rates).sort((a, b) => b[1] - a[1])[0]![0]);
      const bestLlamaBenchThreads = best(llamaBenchTps);
      const bestBareThreads = best(bareTps);

      const hearth: number[] = [];
      const paired: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < m.pairs; i++) {
        let h = 0;
        let hTokens = 0;
        let l = 0;
        // As many replies as it takes to reach the tokens llama-bench generates (it ignores end-of-sequence; a reply may not).
        const runHearth = async () => {
          const r = await runBlock(m.tokens, (k) => session.run(text(m.reps + i), m.tokens, 3000 + i + 100 * k));
          h = r.tps;
          hTokens = r.tokens;
        };
        const runLb = async () => void (l = runLlamaBench(runDir, m.path, [bestLlamaBenchThreads], m.tokens, depth)[0]!.tokensPerSecond);
        // ABBA: neither side always goes first.
        for (const side of i % 4 === 0 || i % 4 === 3 ? [runHearth, runLb] : [runLb, runHearth]) await side();
        hearth.push(h);
        paired.push(l);
        ratios.push(h / l);
        options.log(`  ${m.name} pair ${i + 1}: hearth ${h.toFixed(1)} (t${session.threads}, ${hTokens} tokens), llama-bench t${bestLlamaBenchThreads} ${l.toFixed(1)}, ratio ${(h / l).toFixed(3)}`);
      }
      results.push({
        name: m.name,
        tokens: m.tokens,
        cpuVariant,
        hearthThreads: session.threads,
        hearthTps: median(hearth),
        depth,
        llamaBenchTps,
        llamaBenchTpsDepth0,
        bareTps,
        bestLlamaBenchThreads,
        bestBareThreads,
        pairedLlamaBenchTps: median(paired),
        ratio: median(ratios),
        ratioSpreadPct: spreadPct(ratios),
        pairs: m.pairs,
        ratioDepth0: median(surveyHearth) / Math.max(...Object.values(llamaBenchTpsDepth0)),
        pickedFastest: session.threads === bestBareThreads,
      });
    } finally {
      for (const b of bares) b.bare.close();
      await session.close();
    }
  }
  return results;
}
