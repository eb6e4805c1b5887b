import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { TokenCounts } from '../../main/services/engine/fitPrompt.js';
import { generateReply, type GenerationTarget } from '../../main/services/engine/generateReply.js';
import type { GenerateArgs, GenerateResult } from '../../main/services/engine/engineOps.js';
import { hearthWrapper, LAST, SYSTEM, TURNS } from './hearthPrompt.js';

/**
 * A context sequence that "generates" the tokens a test chooses, over a real
 * model's tokenizer: generateReply's own loop runs on it (detokenizing,
 * segmenting, stop strings, budgets), deterministically. Like llama.cpp's
 * evaluate it ends at an end-of-generation token unless asked to yield it,
 * and it records what the loop passed back to each next() (the tokens it
 * evaluates in place of the one sampled: a forced thought close).
 */
export interface ScriptedSequence {
  sequence: LlamaContextSequence;
  /** The prompt tokens generateReply evaluated. */
  prompt(): Token[];
  /** What each next() after a yielded token received, by the index of that token in the script. */
  replacements: Map<number, Token[]>;
  /** How many scripted tokens were handed out. */
  yielded(): number;
}

export function scriptedSequence(model: LlamaModel, script: readonly Token[], onYield?: (index: number) => void): ScriptedSequence {
  let prompt: Token[] = [];
  let yielded = 0;
  const replacements = new Map<number, Token[]>();
  const sequence = {
    nextTokenIndex: 0,
    compareContextTokens: () => ({ firstDifferentIndex: 0 }),
    eraseContextTokenRanges: async () => {},
    evaluate(tokens: Token[], options: { yieldEogToken?: boolean } = {}) {
      prompt = tokens;
      return (async function* (): AsyncGenerator<Token, void, void | Token | Token[]> {
        for (let i = 0; i < script.length; i++) {
          const token = script[i]!;
          if (!options.yieldEogToken && model.isEogToken(token)) return;
          yielded++;
          onYield?.(i);
          const next = yield token;
          if (next !== undefined) replacements.set(i, Array.isArray(next) ? next : [next]);
        }
      })();
    },
  };
  return { sequence: sequence as unknown as LlamaContextSequence, prompt: () => prompt, replacements, yielded: () => yielded };
}

/** Text to script: special tokens as the model writes them ("<think>" is one token where the vocabulary has it). */
export function script(model: LlamaModel, ...parts: Array<string | Token[]>): Token[] {
  return parts.flatMap((p) => (typeof p === 'string' ? model.tokenize(p, true) : p));
}

export interface ScriptedReply {
  result: GenerateResult;
  /** onText's calls, in order, with their segment. */
  deltas: Array<{ text: string; segment: 'thought' | 'answer' }>;
  run: ScriptedSequence;
}

const wrappers = new WeakMap<LlamaModel, GenerationTarget['chatWrapper']>();

/** Runs generateReply over a scripted token stream, with the family's own wrapper and a real tokenizer. */
export async function scriptedReply(
  model: LlamaModel,
  tokens: readonly Token[],
  options: { thinking?: GenerateArgs['thinking']; stop?: string[]; overlap?: boolean; signal?: AbortSignal; onYield?: (index: number) => void; maxTokens?: number } = {},
): Promise<ScriptedReply> {
  const run = scriptedSequence(model, tokens, options.onYield);
  const deltas: ScriptedReply['deltas'] = [];
  const target: GenerationTarget = {
    modelId: 'scripted',
    model,
    chatWrapper: wrappers.get(model) ?? wrappers.set(model, hearthWrapper(model).wrapper).get(model)!,
    contextSize: 4096,
    tokenCounts: new TokenCounts(),
    sequence: run.sequence,
    overlapTextWork: options.overlap ?? true,
  };
  const result = await generateReply(
    target,
    {
      system: SYSTEM,
      history: TURNS,
      olderOmitted: 0,
      message: LAST,
      sampling: { maxTokens: options.maxTokens ?? 512, seed: 1, ...(options.stop ? { stop: options.stop } : {}) },
      ...(options.thinking ? { thinking: options.thinking } : {}),
    },
    {
      signal: options.signal ?? new AbortController().signal,
      onText: (text, segment) => deltas.push({ text, segment: segment ?? 'answer' }),
      backend: 'cpu',
      threads: 1,
      startedAt: performance.now(),
    },
  );
  return { result, deltas, run };
}

/** The deltas of one segment, joined. */
export function joined(deltas: ScriptedReply['deltas'], segment: 'thought' | 'answer'): string {
  return deltas
    .filter((d) => d.segment === segment)
    .map((d) => d.text)
    .join('');
}
