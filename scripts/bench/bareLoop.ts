/**
 * The baseline: a bare node-llama-cpp loop in one process, no IPC, no store,
 * no streaming. Started as a child with the same environment as Hearth's
 * engine process (UV_THREADPOOL_SIZE=1) so the comparison is like for like.
 * Speaks JSON lines on stdin/stdout: {cmd:'load',...} then {cmd:'run',...}.
 */
import readline from 'node:readline';
import { getLlama, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';
import { chatWrapperFor } from '../../main/services/engine/createEngineCore.js';
import { fitPrompt, TokenCounts } from '../../main/services/engine/fitPrompt.js';
import { DEFAULT_SAMPLING } from '../../main/services/engine/generateReply.js';

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

let model: LlamaModel | null = null;
let sequence: LlamaContextSequence | null = null;
let wrapper: ReturnType<typeof chatWrapperFor> | null = null;
let contextSize = 0;

const llama = await getLlama({ gpu: process.env.HEARTH_ENGINE_GPU === 'off' ? false : 'auto', build: 'never', logLevel: (await import('node-llama-cpp')).LlamaLogLevel.error });
const send = (m: unknown) => process.stdout.write(`${JSON.stringify(m)}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line) as { cmd: string; modelPath?: string; contextSize?: number; threads?: number; messages?: ChatTurn[]; maxTokens?: number; seed?: number };
  if (msg.cmd === 'load') {
    model = await llama.loadModel({ modelPath: msg.modelPath! });
    const context = await model.createContext({ contextSize: msg.contextSize!, threads: msg.threads!, sequences: 1 });
    sequence = context.getSequence();
    wrapper = chatWrapperFor(await import('node-llama-cpp'), model);
    contextSize = context.contextSize;
    send({ ok: true, contextSize });
  } else if (msg.cmd === 'run') {
    await sequence!.clearHistory();
    const started = performance.now();
    // The prompt rendered exactly as Hearth renders it, so both sides evaluate the same tokens.
    const turns = msg.messages!;
    const system = turns[0]?.role === 'system' ? turns[0].content : null;
    const rest = turns.filter((t) => t.role !== 'system').map((t, i) => ({ id: String(i), role: t.role as 'user' | 'assistant', content: t.content }));
    const target = { model: model!, chatWrapper: wrapper!, modelId: 'bare', contextSize, tokenCounts: new TokenCounts() };
    const { tokens: prompt } = fitPrompt(target, { system, history: rest.slice(0, -1), olderOmitted: 0, message: rest.at(-1)! }, contextSize - msg.maxTokens!, msg.maxTokens!);
    const generated: Token[] = [];
    let first = 0;
    let last = 0;
    // The same sampler chain Hearth uses, so the per-token work is identical.
    for await (const token of sequence!.evaluate(prompt, {
      temperature: DEFAULT_SAMPLING.temperature,
      topK: DEFAULT_SAMPLING.topK,
      topP: DEFAULT_SAMPLING.topP,
      minP: DEFAULT_SAMPLING.minP,
      seed: msg.seed,
      repeatPenalty: { punishTokens: () => generated.slice(-64), penalty: DEFAULT_SAMPLING.repeatPenalty, maxPunishTokens: 64 },
    })) {
      last = performance.now();
      if (generated.length === 0) first = last;
      generated.push(token);
      if (generated.length >= msg.maxTokens!) break;
    }
    send({ tokens: generated.length, ttftMs: first - started, decodeMs: last - first, promptTokens: prompt.length });
  } else if (msg.cmd === 'exit') break;
}
await model?.dispose();
process.exit(0);
