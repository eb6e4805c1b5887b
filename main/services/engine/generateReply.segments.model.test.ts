import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFamilyFixture, familyFiles } from '../../../test/families/familyFixture.js';
import { FAMILY_SPECS } from '../../../test/families/familySpecs.js';
import { ensureLlamaSource } from '../../../test/families/llamaSource.js';
import { hearthWrapper, LAST, SYSTEM, TURNS } from '../../../test/families/hearthPrompt.js';
import { joined, script, scriptedReply } from '../../../test/families/scriptedSequence.js';
import { TokenCounts } from './fitPrompt.js';
import { generateReply } from './generateReply.js';

/**
 * The generate loop's segment streaming across token boundaries, on scripted
 * token streams over real tokenizers (Qwen3's and a DeepSeek-R1 distill's:
 * qwen2's byte-level BPE with <think> and </think> as tokens).
 */
const source = ensureLlamaSource();
const spec = (id: string) => FAMILY_SPECS.find((s) => s.id === id)!;
const available = source !== null && familyFiles(source, spec('qwen3')) !== null && familyFiles(source, spec('deepseek-r1-distill-qwen')) !== null;

let llama: Llama;
let qwen3: LlamaModel;
let r1: LlamaModel;

beforeAll(async () => {
  if (!available) return;
  llama = await getLlama({ gpu: false });
  qwen3 = await llama.loadModel({ modelPath: await ensureFamilyFixture(source!, spec('qwen3')) });
  r1 = await llama.loadModel({ modelPath: await ensureFamilyFixture(source!, spec('deepseek-r1-distill-qwen')) });
});
afterAll(async () => {
  await qwen3?.dispose();
  await r1?.dispose();
  await llama?.dispose();
});

function noMarkers(deltas: Array<{ text: string }>) {
  for (const d of deltas) expect(d.text).not.toMatch(/<\/?think>|<\|im_end\|>/);
}

describe.skipIf(!available)('generateReply: thought and answer apart', () => {
  it('streams a thought and its answer apart; the result holds each, with the thought timed and counted', async () => {
    const tokens = script(qwen3, '<think>\nThe user asks 3+3. That is 6.\n</think>\n\nIt is 6.<|im_end|>');
    const { result, deltas } = await scriptedReply(qwen3, tokens);
    expect(result.thought?.text).toBe('The user asks 3+3. That is 6.');
    expect(result.text).toBe('It is 6.');
    expect(result.finishReason).toBe('eos');
    expect(joined(deltas, 'thought')).toBe(result.thought!.text);
    expect(joined(deltas, 'answer')).toBe(result.text);
    // Every thought delta comes before the first answer delta.
    expect(deltas.findIndex((d) => d.segment === 'answer')).toBeGreaterThan(deltas.findLastIndex((d) => d.segment === 'thought'));
    noMarkers(deltas);
    // The content tokens and the closing </think>: the opening <think> came while the reply was still answer.
    const thoughtTokens = qwen3.tokenize('\nThe user asks 3+3. That is 6.\n', true).length + 1;
    expect(result.thought!.tokens).toBe(thoughtTokens);
    expect(result.stats.thoughtTokens).toBe(thoughtTokens);
    expect(result.stats.completionTokens).toBe(tokens.length - 1);
    expect(result.thought!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('finds a marker the model writes as plain text, split over several tokens', async () => {
    // The vocabulary has both markers as tokens, and llama.cpp finds them even in plain text: the model writes them in pieces.
    const open = [...qwen3.tokenize('<th', false), ...qwen3.tokenize('ink>', false)];
    const close = [...qwen3.tokenize('</', false), ...qwen3.tokenize('think>', false)];
    expect(open.length).toBeGreaterThan(1);
    expect(close.length).toBeGreaterThan(1);
    const { result, deltas } = await scriptedReply(qwen3, script(qwen3, open, 'Adding.', close, '\n\nSix.'));
    expect(result.thought?.text).toBe('Adding.');
    expect(result.text).toBe('Six.');
    noMarkers(deltas);
  });

  it('keeps a UTF-8 character split over byte tokens whole, in the thought and in the answer', async () => {
    const split = ['𝄞', '𠀋', '🜁', '龘'].find((c) => {
      const t = qwen3.tokenize(c, false);
      return t.length > 1 && t.every((one) => qwen3.detokenize([one]).includes('\uFFFD'));
    });
    expect(split, 'a character the vocabulary spells in byte tokens').toBeDefined();
    const bytes = qwen3.tokenize(split!, false);
    const { result, deltas } = await scriptedReply(qwen3, script(qwen3, '<think>', 'Clef ', bytes, '</think>', 'Answer ', bytes));
    expect(result.thought?.text).toBe(`Clef ${split}`);
    expect(result.text).toBe(`Answer ${split}`);
    for (const d of deltas) expect(d.text).not.toContain('\uFFFD');
  });

  it("does not end the reply at a stop string inside the thought, only in the answer", async () => {
    const tokens = script(qwen3, '<think>I must not STOP thinking yet.</think>', 'Done STOP', ' and more');
    const { result, deltas } = await scriptedReply(qwen3, tokens, { stop: ['STOP'] });
    expect(result.thought?.text).toBe('I must not STOP thinking yet.');
    expect(result.text).toBe('Done ');
    expect(result.finishReason).toBe('stop');
    expect(joined(deltas, 'answer')).toBe('Done ');
  });

  it("starts in a thought the prompt opened (R1's template; thinking 'on'), and ends the prompt with the family's markers for each mode", async () => {
    const on = await scriptedReply(r1, script(r1, 'Plan: add.\n</think>\n\nSix.'), { thinking: { mode: 'on', budget: null } });
    expect(r1.detokenize(on.run.prompt().slice(-3), true)).toMatch(/<｜Assistant｜><think>\n$/);
    expect(on.result.thought?.text).toBe('Plan: add.');
    expect(on.result.text).toBe('Six.');
    // Off: an empty thought closes the prompt; nothing the model writes is thought.
    const off = await scriptedReply(qwen3, script(qwen3, 'Six.'), { thinking: { mode: 'off', budget: null } });
    expect(qwen3.detokenize(off.run.prompt().slice(-8), true)).toMatch(/<\|im_start\|>assistant\n<think>\n\n<\/think>\n\n$/);
    expect(off.result.thought).toBeNull();
    expect(off.result.text).toBe('Six.');
    expect(off.result.stats.thoughtTokens).toBeUndefined();
    // Auto: Qwen3's template default, where the model opens its own thought...
    const auto = await scriptedReply(qwen3, script(qwen3, 'Six.'));
    expect(qwen3.detokenize(auto.run.prompt().slice(-5), true)).toMatch(/<\|im_start\|>assistant\n$/);
    // ...and R1's, whose template opens it (node-llama-cpp's DeepSeek wrapper would leave it to the model).
    const r1Auto = await scriptedReply(r1, script(r1, 'Add.</think>Six.'));
    expect(r1.detokenize(r1Auto.run.prompt().slice(-3), true)).toMatch(/<｜Assistant｜><think>\n$/);
    expect(r1Auto.result.thought?.text).toBe('Add.');
    expect(r1Auto.result.text).toBe('Six.');
  });

  for (const overlap of [true, false]) {
    it(`closes the thought when its budget is spent, with the family's closing text, and the answer follows (overlap ${overlap})`, async () => {
      const words = qwen3.tokenize(' one two three four', false);
      expect(words).toHaveLength(4);
      const { result, run } = await scriptedReply(qwen3, script(qwen3, words, ' Six.'), { thinking: { mode: 'on', budget: 4 }, overlap });
      // The 4th thought token is evaluated with "\n</think>\n\n" after it, in place of sampling from it alone.
      expect([...run.replacements.keys()]).toEqual([3]);
      expect(run.replacements.get(3)).toEqual([words[3], ...qwen3.tokenize('\n</think>\n\n', true)]);
      expect(result.thought).toMatchObject({ text: 'one two three four', tokens: 4 });
      expect(result.text).toBe('Six.');
    });
  }

  it('forces no close when the model closes its thought itself at the budget', async () => {
    const { result, run } = await scriptedReply(qwen3, script(qwen3, ' one two', '</think>', 'Six.'), { thinking: { mode: 'on', budget: 3 } });
    expect(run.replacements.size).toBe(0);
    expect(result.thought).toMatchObject({ text: 'one two', tokens: 3 });
    expect(result.text).toBe('Six.');
  });

  it('keeps the thought so far when aborted while thinking', async () => {
    const controller = new AbortController();
    const tokens = script(qwen3, '<think>', ' one two three four five', '</think>', 'Six.');
    const { result, deltas, run } = await scriptedReply(qwen3, tokens, { signal: controller.signal, onYield: (i) => i === 3 && controller.abort() });
    expect(result.finishReason).toBe('aborted');
    expect(run.yielded()).toBe(4);
    expect(result.thought?.text).toBe('one two three');
    expect(result.text).toBe('');
    expect(joined(deltas, 'thought')).toBe('one two three');
  });
});

describe.skipIf(!available)('generateReply: a thinking budget on a real sequence', () => {
  it('evaluates the closing text after the last thought token the budget allows, and the reply goes on as answer', async () => {
    const context = await qwen3.createContext({ contextSize: 1024, batchSize: 128, threads: 1 });
    try {
      const sequence = context.getSequence();
      const deltas: Array<{ text: string; segment?: 'thought' }> = [];
      const result = await generateReply(
        { modelId: 'qwen3', model: qwen3, chatWrapper: hearthWrapper(qwen3).wrapper, contextSize: 1024, tokenCounts: new TokenCounts(), sequence },
        // Random weights: the model would not close its thought soon, nor end its turn (seed chosen so it does neither within 12 tokens).
        { system: SYSTEM, history: TURNS, olderOmitted: 0, message: LAST, sampling: { maxTokens: 12, seed: 3, temperature: 0 }, thinking: { mode: 'on', budget: 4 } },
        { signal: new AbortController().signal, onText: (text, segment) => deltas.push({ text, segment }), backend: 'cpu', threads: 1, startedAt: performance.now() },
      );
      expect(result.finishReason).toBe('length');
      expect(result.thought?.tokens).toBe(4);
      expect(result.stats.thoughtTokens).toBe(4);
      expect(result.stats.completionTokens).toBe(12);
      // In the sequence: the prompt, four thought tokens, "\n</think>\n\n", then the answer's tokens (the last one sampled, not evaluated).
      const closing = qwen3.tokenize('\n</think>\n\n', true);
      const held = sequence.contextTokens;
      const promptLength = held.length - 4 - closing.length - 7;
      expect(held.slice(promptLength + 4, promptLength + 4 + closing.length)).toEqual(closing);
      expect(qwen3.detokenize(held.slice(promptLength - 5, promptLength), true)).toMatch(/assistant\n<think>\n$/);
      expect(deltas.filter((d) => d.segment === 'thought').map((d) => d.text).join('')).toBe(result.thought!.text);
      expect(deltas.filter((d) => d.segment === undefined).map((d) => d.text).join('')).toBe(result.text);
    } finally {
      await context.dispose();
    }
  });
});

describe.skipIf(available)('generateReply segments', () => {
  it('are skipped: the llama.cpp source bundle or its qwen2 vocabulary is absent', () => {
    expect(available).toBe(false);
  });
});

