import os from 'node:os';
import { benchGpuEnv, openHearthSession, startBare } from './engineBench.js';
import { ensureLlamaBench, loadedCpuVariant, prepareRunDir, runLlamaBench } from './llamaBench.js';
import { median, spreadPct } from './stats.js';

export interface RawBenchModel {
  name: string;
  path: string;
  /** Tokens generated per run, on every side. */
  tokens: number;
  reps: number;
}

export interface RawBenchModelResult {
  name: string;
  tokens: number;
  cpuVariant: string;
  /** Threads Hearth chose by itself for this model. */
  hearthThreads: number;
  hearthTps: number;
  /** Tokens in the context when Hearth generates (its chat prompt, with the routed profile's system prompt). */
  depth: number;
  /** Median tokens/s per thread count, llama-bench at the same context depth as Hearth. */
  llamaBenchTps: Record<number, number>;
  /** The same with an empty context (llama-bench's default tg test). */
  llamaBenchTpsDepth0: Record<number, number>;
  bareTps: Record<number, number>;
  bestLlamaBenchThreads: number;
  bestBareThreads: number;
  /** Median over repetitions of Hearth / llama-bench at its best thread count and the same depth; llama-bench runs before and after Hearth in each repetition and the mean of the two is the reference. */
  ratio: number;
  ratioSpreadPct: number;
  /** Hearth / llama-bench's best with an empty context: what the prompt itself costs comes on top. */
  ratioDepth0: number;
  /** Did Hearth pick the thread count at which a bare node-llama-cpp loop is fastest? */
  pickedFastest: boolean;
}

/** 1, 2, 4 ... and the core count itself: every count on small machines, a ladder on big ones. */
export function threadLadder(cores: number): number[] {
  const out = new Set<number>();
  for (let t = 1; t < cores; t *= 2) out.add(t);
  out.add(cores);
  return [...out].sort((a, b) => a - b);
}

/**
 * llama-bench against Hearth and a bare node-llama-cpp loop on the same
 * model, interleaved: each repetition runs llama-bench at every thread count,
 * then Hearth at its own choice and the bare loop at every thread count (in
 * alternating order), then llama-bench again at its best thread count.
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
      const lb: Record<number, number[]> = {};
      const lb0: Record<number, number[]> = {};
      const ratios0: number[] = [];
      const bare: Record<number, number[]> = {};
      const hearth: number[] = [];
      const ratios: number[] = [];
      for (let rep = 0; rep < m.reps; rep++) {
        const text = `Story number ${rep + 1}: once upon a time`;
        const messages = await session.turns(text, m.tokens);
        const seed = 2000 + rep;
        // llama-bench brackets the two node-llama-cpp sides: once before at every thread count, once after at the
        // best of those. Hearth's reference is the mean of the two, so drift of the shared machine during a
        // repetition (which swings a 2-thread run by several %) hits both sides of the ratio alike.
        const before = runLlamaBench(runDir, m.path, ladder, m.tokens, depth);
        for (const r of before) (lb[r.threads] ??= []).push(r.tokensPerSecond);
        const bestBefore = before.reduce((a, b) => (b.tokensPerSecond > a.tokensPerSecond ? b : a));
        let h: Awaited<ReturnType<typeof session.run>> | null = null;
        const runHearth = async () => {
          h = await session.run(text, m.tokens, seed);
          hearth.push(h.tps);
        };
        const runBare = async () => {
          for (const b of bares) {
            const r = await b.bare.ask({ cmd: 'run', messages, maxTokens: m.tokens, seed });
            (bare[b.threads] ??= []).push(((r.tokens! - 1) * 1000) / r.decodeMs!);
          }
        };
        // Alternating order: neither side always runs right after llama-bench.
        for (const side of rep % 2 === 0 ? [runHearth, runBare] : [runBare, runHearth]) await side();
        const after = runLlamaBench(runDir, m.path, [bestBefore.threads], m.tokens, depth)[0]!;
        (lb[after.threads] ??= []).push(after.tokensPerSecond);
        const reference = (bestBefore.tokensPerSecond + after.tokensPerSecond) / 2;
        const lbRuns0 = depth > 0 ? runLlamaBench(runDir, m.path, ladder, m.tokens, 0) : before;
        for (const r of lbRuns0) (lb0[r.threads] ??= []).push(r.tokensPerSecond);
        const hearthTps = (h as { tps: number } | null)!.tps;
        ratios.push(hearthTps / reference);
        ratios0.push(hearthTps / Math.max(...lbRuns0.map((r) => r.tokensPerSecond)));
        options.log(
          `  ${m.name} rep ${rep + 1}: hearth ${hearthTps.toFixed(1)} (t=${session.threads}), llama-bench d${depth} ${before.map((r) => `t${r.threads} ${r.tokensPerSecond.toFixed(1)}`).join(' ')} then t${after.threads} ${after.tokensPerSecond.toFixed(1)}, d0 ${lbRuns0.map((r) => `t${r.threads} ${r.tokensPerSecond.toFixed(1)}`).join(' ')}, bare ${bares.map((b) => `t${b.threads} ${bare[b.threads]!.at(-1)!.toFixed(1)}`).join(' ')}`,
        );
      }
      const llamaBenchTps = Object.fromEntries(ladder.map((t) => [t, median(lb[t] ?? [])]));
      const llamaBenchTpsDepth0 = Object.fromEntries(ladder.map((t) => [t, median(lb0[t] ?? [])]));
      const bareTps = Object.fromEntries(ladder.map((t) => [t, median(bare[t] ?? [])]));
      const best = (rates: Record<number, number>) => Number(Object.entries(rates).sort((a, b) => b[1] - a[1])[0]![0]);
      const bestBareThreads = best(bareTps);
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
        bestLlamaBenchThreads: best(llamaBenchTps),
        bestBareThreads,
        ratio: median(ratios),
        ratioSpreadPct: spreadPct(ratios),
        ratioDepth0: median(ratios0),
        pickedFastest: session.threads === bestBareThreads,
      });
    } finally {
      for (const b of bares) b.bare.close();
      await session.close();
    }
  }
  return results;
}
