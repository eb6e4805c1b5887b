import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { createServices } from '../../main/app/createServices.js';
import { median, percentile, summarize, type Summary } from './stats.js';

export interface ApiBenchOptions {
  modelPath: string;
  /** Completion tokens per reply; the model must not stop early (the small fixture practically never samples end-of-sequence). */
  tokens: number;
  /** Concurrent streaming clients per level. */
  levels: number[];
  reps: number;
  threads?: number;
  /** Settings.api.parallel: API requests generated at once (1: one after another, the engine's default). */
  parallel?: number;
  log(line: string): void;
}

export interface ApiLevelResult {
  /** 'chat' is one app chat reply (engine.generate, no HTTP); a number is that many concurrent API clients. */
  clients: 'chat' | number;
  /** All clients' completion tokens over the wall time from the first request to the last stream's end; median of reps. */
  aggregateTps: Summary;
  /** Time to first token per client (request sent to first content chunk), pooled over reps. */
  ttftP50Ms: number;
  ttftP95Ms: number;
  requests: number;
}

export interface ApiBenchResult {
  modelId: string;
  tokens: number;
  promptTokens: number;
  threads: number;
  parallel: number;
  levels: ApiLevelResult[];
}

const PROMPT = 'Write a short story about a lighthouse keeper who finds a message in a bottle.';

interface ClientRun {
  startedAt: number;
  firstAt: number;
  endedAt: number;
  tokens: number;
  promptTokens: number;
}

/**
 * The local API under load, beside an app chat: real services on a temp data
 * folder, the model linked in, the API served on a loopback port and driven by
 * the official openai client with 1, 4, 16... concurrent streaming requests.
 * Every reply is the same prompt and token count; both sides are timed at
 * their client, from the request to its first and last text. A reply that
 * ran another prompt or token count fails the bench.
 */
export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-apibench-'));
  const services = await createServices({ dataDir, shell: 'browser', engineEnv: { HEARTH_ENGINE_GPU: 'off' } });
  try {
    const threads = options.threads ?? Math.max(1, Math.min(4, os.availableParallelism() - 1));
    const parallel = options.parallel ?? 1;
    services.store.updateSettings({ engine: { threads }, api: { parallel } });
    // The API queue lets `parallel` requests through; the engine gives them as many sequences of their own.
    await services.engine.configure({ ...services.store.getSettings().engine, parallelSequences: parallel });
    const model = await services.models.add(options.modelPath, { mode: 'link' });
    const key = services.api.keys.create('bench');
    const status = await services.api.serve({ host: '127.0.0.1', port: 0 });
    const client = new OpenAI({ baseURL: status.url!, apiKey: key.key, maxRetries: 0, timeout: 600_000 });

    const chatOnce = async (seed: number): Promise<ClientRun> => {
      const startedAt = performance.now();
      let firstAt = 0;
      const result = await services.engine.generate(
        { modelId: model.id, modelPath: model.path, system: null, history: [], olderOmitted: 0, message: { id: `bench-${seed}`, role: 'user', content: PROMPT }, sampling: { seed, maxTokens: options.tokens } },
        { onEvent: (e) => e.type === 'delta' && e.text && !firstAt && (firstAt = performance.now()) },
      );
      return { startedAt, firstAt, endedAt: performance.now(), tokens: result.stats.completionTokens, promptTokens: result.stats.promptTokens };
    };
    const apiOnce = async (seed: number): Promise<ClientRun> => {
      const startedAt = performance.now();
      let firstAt = 0;
      let usage: { completion_tokens: number; prompt_tokens: number } | undefined;
      const stream = await client.chat.completions.create({
        model: model.id,
        messages: [{ role: 'user', content: PROMPT }],
        max_tokens: options.tokens,
        seed,
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) {
        if (!firstAt && chunk.choices[0]?.delta?.content) firstAt = performance.now();
        if (chunk.usage) usage = chunk.usage;
      }
      if (!usage) throw new Error('an API stream ended without its usage chunk');
      return { startedAt, firstAt, endedAt: performance.now(), tokens: usage.completion_tokens, promptTokens: usage.prompt_tokens };
    };

    // Warm-up: the model loads, and both sides' prompts are in the KV cache once before timing.
    const reference = await chatOnce(1);
    await apiOnce(1);
    const sides: Array<'chat' | number> = ['chat', ...options.levels];
    const samples = new Map<'chat' | number, { tps: number[]; ttft: number[] }>(sides.map((s) => [s, { tps: [], ttft: [] }]));
    for (let rep = 0; rep < options.reps; rep++) {
      // Interleaved: every side runs once per repetition, so drift on the machine touches all of them alike.
      for (const side of sides) {
        const runs = side === 'chat' ? [await chatOnce(100 + rep)] : await Promise.all(Array.from({ length: side }, (_, i) => apiOnce(100 + rep * 64 + i)));
        for (const r of runs) {
          if (r.tokens !== options.tokens) throw new Error(`a ${side === 'chat' ? 'chat' : 'API'} reply had ${r.tokens} tokens, not ${options.tokens}: the two sides did not run the same work (use a model that does not stop early)`);
          if (side !== 'chat' && Math.abs(r.promptTokens - reference.promptTokens) > 1) {
            throw new Error(`an API prompt was ${r.promptTokens} tokens and the chat's ${reference.promptTokens}: the two sides did not run the same prompt`);
          }
          if (!r.firstAt) throw new Error('a reply streamed no text');
        }
        const wallMs = Math.max(...runs.map((r) => r.endedAt)) - Math.min(...runs.map((r) => r.startedAt));
        const s = samples.get(side)!;
        s.tps.push((runs.reduce((n, r) => n + r.tokens, 0) * 1000) / wallMs);
        s.ttft.push(...runs.map((r) => r.firstAt - r.startedAt));
      }
      options.log(`api: rep ${rep + 1}/${options.reps} ${sides.map((side) => `${side === 'chat' ? 'chat' : `${side}x`} ${samples.get(side)!.tps.at(-1)!.toFixed(1)} tok/s`).join(', ')}`);
    }
    return {
      modelId: model.id,
      tokens: options.tokens,
      promptTokens: reference.promptTokens,
      threads,
      parallel,
      levels: sides.map((side) => {
        const s = samples.get(side)!;
        return { clients: side, aggregateTps: summarize(s.tps), ttftP50Ms: median(s.ttft), ttftP95Ms: percentile(s.ttft, 95), requests: s.ttft.length };
      }),
    };
  } finally {
    await services.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

