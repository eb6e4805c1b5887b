import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createServices } from '../../main/app/createServices.js';
import { startServer } from '../../main/server.js';
import type { ChatTurn } from './bareLoop.js';
import { median, spreadPct } from './stats.js';

export interface EngineBenchModel {
  name: string;
  path: string;
  maxTokens: number;
  /** Tokens each side generates per repetition, over as many replies as that takes (at least one). */
  blockTokens: number;
  reps: number;
}

/**
 * A block is replies with seeds seed, seed+1 ... until it holds blockTokens
 * tokens: a model that samples its end-of-sequence early (the random-weight
 * fixtures) still gives each side enough tokens to time. A reply of two
 * tokens alone is one interval, and with deltas coalesced its last token
 * waits for the end-of-sequence decode: timed alone it reads as half speed.
 */
export async function runBlock(blockTokens: number, one: (k: number) => Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  // The cap only ends a runaway block (a model that always stops at once); the tiny fixture's 6,000 tokens take about 60 replies.
  for (let k = 0, total = 0; total < blockTokens && k < 256; k++) {
    const r = await one(k);
    runs.push(r);
    total += r.tokens;
  }
  return pool(runs);
}

/** Several replies as one measurement: tokens/s over their summed decode time, medians of the latencies. */
function pool(runs: Run[]): Run {
  const timed = runs.filter((r) => r.tokens > 1 && Number.isFinite(r.tps) && r.tps > 0);
  const intervals = timed.reduce((n, r) => n + r.tokens - 1, 0);
  const decodeMs = timed.reduce((n, r) => n + ((r.tokens - 1) * 1000) / r.tps, 0);
  const tokens = runs.reduce((n, r) => n + r.tokens, 0);
  const e2eMs = runs.reduce((n, r) => n + (r.tokens * 1000) / r.e2eTps, 0);
  const delivered = timed.filter((r) => r.deliveredTps !== undefined && Number.isFinite(r.deliveredTps) && r.deliveredTps > 0);
  const deliveredMs = delivered.reduce((n, r) => n + ((r.tokens - 1) * 1000) / r.deliveredTps!, 0);
  return {
    tokens,
    tps: (intervals * 1000) / decodeMs,
    deliveredTps: delivered.length === 0 ? undefined : (delivered.reduce((n, r) => n + r.tokens - 1, 0) * 1000) / deliveredMs,
    promptTokens: runs[0]?.promptTokens,
    e2eTps: (tokens * 1000) / e2eMs,
    ttftMs: median(runs.map((r) => r.ttftMs)),
    doneMs: runs[0]?.doneMs === undefined ? undefined : median(runs.map((r) => r.doneMs ?? 0)),
  };
}

export interface EngineBenchResult {
  name: string;
  threads: number;
  contextSize: number;
  tokens: number;
  hearthTps: number;
  bareTps: number;
  /** Median of the per-repetition ratios: each pair ran the same seed, prompt and token count back to back. */
  ratio: number;
  ratioSpreadPct: number;
  /** The same pairing on end-to-end rates (request to stored reply). */
  e2eRatio: number;
  /** Hearth's rate as the deltas reached the client (delivery: coalescing, IPC, WebSocket) over the bare loop's rate. */
  deliveredRatio: number;
  hearthSpreadPct: number;
  bareSpreadPct: number;
  perTokenOverheadUs: number;
  ttftOverheadMs: number;
  /** Median time from the last delta to chat.done at the client (the final store commit, fsync included). */
  doneLatencyMs: number;
  reps: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Run {
  tokens: number;
  tps: number;
  e2eTps: number;
  ttftMs: number;
  /** Hearth only: last token on screen to the stored reply's chat.done. */
  doneMs?: number;
  /** Hearth only: the routed domain and the system prompt the reply was actually generated with (from chat.done). */
  domain?: string | null;
  systemPrompt?: string | null;
  promptTokens?: number;
  /** Hearth only: tokens/s from first to last delta as the renderer received them (delivery, reported apart from tps). */
  deliveredTps?: number;
}

/** A bench script as a child process, driven by JSON lines: one answer per message. */
export function startChild<T = Record<string, number>>(script: string, env: NodeJS.ProcessEnv, args: string[] = []): { ask(msg: object): Promise<T>; close(): void } {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], { env, stdio: 'pipe' });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  // A child that died is reported by ask(); writing to its closed stdin must not crash the bench on top.
  child.stdin.on('error', () => undefined);
  return {
    async ask(msg) {
      child.stdin.write(`${JSON.stringify(msg)}\n`);
      const next = await lines.next();
      if (next.done) throw new Error(`${script} exited: ${stderr}`);
      const answer = JSON.parse(next.value) as T & { error?: string };
      if (answer.error) throw new Error(`${script}: ${answer.error}`);
      return answer;
    },
    close() {
      if (child.exitCode === null) child.stdin.write('{"cmd":"exit"}\n');
    },
  };
}

/** The bare loop (bareLoop.ts) as a child process. */
export const startBare = (env: NodeJS.ProcessEnv) => startChild('bareLoop.ts', env);

/** One reply of the bare loop, as a Run. */
export async function bareRun(bare: ReturnType<typeof startBare>, messages: ChatTurn[], maxTokens: number, seed: number): Promise<Run> {
  const r = await bare.ask({ cmd: 'run', messages, maxTokens, seed });
  return { tokens: r.tokens!, tps: ((r.tokens! - 1) * 1000) / r.decodeMs!, e2eTps: (r.tokens! * 1000) / (r.ttftMs! + r.decodeMs!), ttftMs: r.ttftMs!, promptTokens: r.promptTokens! };
}

export interface HearthSession {
  modelId: string;
  threads: number;
  contextSize: number;
  run(text: string, maxTokens: number, seed: number): Promise<Run>;
  /**
   * The turns Hearth will render for this text: in Auto mode the routed
   * profile's system prompt comes first, so the bare loop gets it too and both
   * sides decode over the same context.
   */
  turns(text: string, maxTokens: number): Promise<ChatTurn[]>;
  close(): Promise<void>;
}

/** Hearth as the app runs it (services, engine process, browser-mode server) with one model loaded and warmed up. */
export async function openHearthSession(modelPath: string, options: { threads?: number } = {}): Promise<HearthSession> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  const s = await createServices({ dataDir, shell: 'browser', engineEnv: benchGpuEnv() });
  const server = await startServer({ services: s, staticDir: null });
  // Replies are timed by a client in its own process, as a renderer is: an in-process client would read each reply's last
  // delta only after the app's final commit of it. No other connection is open, so no one else pays for the frames.
  const renderer = startChild<Run>('hearthClient.ts', process.env, [String(server.port), server.token]);
  const close = async () => {
    renderer.close();
    await server.close();
    await s.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (options.threads) {
      s.store.updateSettings({ engine: { threads: options.threads } });
      await s.engine.configure(s.store.getSettings().engine);
    }
    const record = await s.models.add(modelPath, { mode: 'link' });
    const usedPrompt = new Map<string, string | null>();
    const run = async (text: string, maxTokens: number, seed: number) => {
      const r = await renderer.ask({ cmd: 'run', modelId: record.id, text, maxTokens, seed });
      if (r.domain) usedPrompt.set(r.domain, r.systemPrompt ?? null);
      return r;
    };
    // Warm-up: loads the model and lets Hearth pick its threads.
    await renderer.ask({ cmd: 'run', modelId: record.id, text: 'Warm up', maxTokens: 8, seed: 1 });
    const status = await s.engine.status();
    const loaded = status.loaded.find((l) => l.modelId === record.id)!;
    return {
      modelId: record.id,
      threads: options.threads ?? status.threads,
      contextSize: loaded.contextSize,
      run,
      async turns(text, maxTokens) {
        // What Auto mode decides for this text in a new chat (the routing.route preview, without a connection).
        const { domain } = (await s.routing.routeAsync({ chat: null, text })).decision;
        // The prompt a reply of this domain was really generated with: a small model's context may have made Hearth drop the profile's.
        if (!usedPrompt.has(domain)) await run(text, maxTokens, 1);
        const systemPrompt = usedPrompt.get(domain);
        return [...(systemPrompt ? [{ role: 'system' as const, content: systemPrompt }] : []), { role: 'user' as const, content: text }];
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The engine on the CPU unless HEARTH_BENCH_GPU=1 (a CUDA or Metal run). */
export function benchGpuEnv(): Record<string, string> {
  return process.env.HEARTH_BENCH_GPU === '1' ? {} : { HEARTH_ENGINE_GPU: 'off' };
}

export async function runEngineBench(models: EngineBenchModel[], options: { threads?: number; log: (line: string) => void }): Promise<EngineBenchResult[]> {
  const results: EngineBenchResult[] = [];
  for (const m of models) {
    const session = await openHearthSession(m.path, { threads: options.threads });
    const bare = startBare({ ...process.env, ...benchGpuEnv(), UV_THREADPOOL_SIZE: '1' });
    try {
      const { threads, contextSize } = session;
      await bare.ask({ cmd: 'load', modelPath: m.path, contextSize, threads });
      await bare.ask({ cmd: 'run', messages: [{ role: 'user', content: 'Warm up' }], maxTokens: 8, seed: 1 });
      const hearth: Run[] = [];
      const bareRuns: Run[] = [];
      for (let rep = 0; rep < m.reps; rep++) {
        const text = `Story number ${rep + 1}: once upon a time`;
        const messages = await session.turns(text, m.maxTokens);
        const seed = 1000 + rep;
        const block = (one: (k: number) => Promise<Run>) => runBlock(m.blockTokens, one);
        const runBare = async () => {
          bareRuns.push(
            await block((k) => bareRun(bare, messages, m.maxTokens, seed + k)),
          );
        };
        const runHearth = async () => {
          hearth.push(
            await block(async (k) => {
              const h = await session.run(text, m.maxTokens, seed + k);
              const bareSystem = messages[0]?.role === 'system' ? messages[0].content : '';
              // Both sides must evaluate the same prompt, or the ratio compares different work: stop, do not warn.
              if ((h.systemPrompt ?? '') !== bareSystem) throw new Error(`${m.name} rep ${rep + 1}: Hearth's system prompt (${h.domain}) differs from the bare loop's`);
              return h;
            }),
          );
        };
        // Interleaved, alternating order: drift in the machine's state hits both sides alike.
        if (rep % 2 === 0) {
          await runHearth();
          await runBare();
        } else {
          await runBare();
          await runHearth();
        }
        const [h, b] = [hearth.at(-1)!, bareRuns.at(-1)!];
        if (h.promptTokens !== b.promptTokens) throw new Error(`${m.name} rep ${rep + 1}: Hearth evaluated a ${h.promptTokens}-token prompt and the bare loop ${b.promptTokens}: not the same work`);
        options.log(`  ${m.name} rep ${rep + 1}: hearth ${hearth.at(-1)!.tps.toFixed(1)} tok/s (${hearth.at(-1)!.tokens}), bare ${bareRuns.at(-1)!.tps.toFixed(1)} tok/s (${bareRuns.at(-1)!.tokens})`);
      }
      const hTps = median(hearth.map((r) => r.tps));
      const bTps = median(bareRuns.map((r) => r.tps));
      results.push({
        name: m.name,
        threads,
        contextSize,
        tokens: median(hearth.map((r) => r.tokens)),
        hearthTps: hTps,
        bareTps: bTps,
        ratio: median(hearth.map((h, i) => h.tps / bareRuns[i]!.tps)),
        ratioSpreadPct: spreadPct(hearth.map((h, i) => h.tps / bareRuns[i]!.tps)),
        e2eRatio: median(hearth.map((h, i) => h.e2eTps / bareRuns[i]!.e2eTps)),
        deliveredRatio: median(hearth.map((h, i) => (h.deliveredTps ?? NaN) / bareRuns[i]!.tps)),
        hearthSpreadPct: spreadPct(hearth.map((r) => r.tps)),
        bareSpreadPct: spreadPct(bareRuns.map((r) => r.tps)),
        perTokenOverheadUs: (1 / hTps - 1 / bTps) * 1e6,
        ttftOverheadMs: median(hearth.map((r) => r.ttftMs)) - median(bareRuns.map((r) => r.ttftMs)),
        doneLatencyMs: median(hearth.map((r) => r.doneMs ?? 0)),
        reps: m.reps,
      });
    } finally {
      bare.close();
      await session.close();
    }
  }
  return results;
}
