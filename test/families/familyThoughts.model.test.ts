import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFamilyFixture, familyFiles } from './familyFixture.js';
import { FAMILY_SPECS } from './familySpecs.js';
import { ensureLlamaSource } from './llamaSource.js';
import { joined, script, scriptedReply } from './scriptedSequence.js';

/**
 * Each family's reply as its model writes it (thought markers, answer,
 * tool-call syntax where the family has one), scripted token by token over
 * the family's real tokenizer and run through the engine's generate loop
 * with the chat wrapper Hearth resolves: the thought and the answer come out
 * apart, with no marker text in either.
 */
interface Case {
  family: string;
  /** What the model writes, special tokens spelled out (each one token where the vocabulary has it). */
  writes: string;
  thought: string | null;
  answer: string;
  /** Where the reply ends: the end-of-turn token ('eos'), or a stop trigger. */
  finish?: 'eos' | 'stop';
}

const TOOL_CALL = '<tool_call>\n{"name": "add", "arguments": {"a": 3, "b": 3}}\n</tool_call>';

const CASES: Case[] = [
  {
    family: 'qwen3',
    writes: `<think>\nThe user asks 3+3.\n</think>\n\nI will add them.\n${TOOL_CALL}<|im_end|>`,
    thought: 'The user asks 3+3.',
    // Hearth runs no tools: a call is what the model said, in the answer.
    answer: `I will add them.\n${TOOL_CALL}`,
  },
  { family: 'qwen2.5', writes: `Adding.\n${TOOL_CALL}<|im_end|>`, thought: null, answer: `Adding.\n${TOOL_CALL}` },
  // The prompt opened the thought (R1's template; Hearth's 'auto'): the distill writes only its close.
  { family: 'deepseek-r1-distill-qwen', writes: '3 and 3 make 6.\n</think>\n\nIt is 6.<｜end▁of▁sentence｜>', thought: '3 and 3 make 6.', answer: 'It is 6.' },
  {
    family: 'gpt-oss',
    writes: '<|channel|>analysis<|message|>User asks 3+3. Simple.<|end|><|start|>assistant<|channel|>final<|message|>It is 6.<|return|>',
    thought: 'User asks 3+3. Simple.',
    answer: 'It is 6.',
  },
  {
    family: 'gpt-oss',
    // A tool call goes to the commentary channel and ends the turn with <|call|>: no answer yet, the call is not one.
    writes: '<|channel|>analysis<|message|>Need the add tool.<|end|><|start|>assistant<|channel|>commentary to=functions.add <|constrain|>json<|message|>{"a":3,"b":3}<|call|>',
    thought: 'Need the add tool.\n\n{"a":3,"b":3}',
    answer: '',
  },
  { family: 'gemma-4', writes: '<|channel>thought\nThree plus three.<channel|>It is 6.<turn|>', thought: 'Three plus three.', answer: 'It is 6.' },
  { family: 'smollm3', writes: '<think>\nAdd them.\n</think>\nIt is 6.<|im_end|>', thought: 'Add them.', answer: 'It is 6.' },
  // Families that do not think: even text that looks like a thought is answer.
  { family: 'llama-3.1', writes: '<think>hmm</think> It is 6.<|eot_id|>', thought: null, answer: '<think>hmm</think> It is 6.' },
  { family: 'llama-3.2', writes: '{"name": "add", "parameters": {"a": 3, "b": 3}}<|eot_id|>', thought: null, answer: '{"name": "add", "parameters": {"a": 3, "b": 3}}' },
  { family: 'gemma-2', writes: 'It is 6.<end_of_turn>', thought: null, answer: 'It is 6.' },
  { family: 'phi-3.5', writes: 'It is 6.<|end|>', thought: null, answer: 'It is 6.' },
];

const source = ensureLlamaSource();
let llama: Llama;
const models = new Map<string, LlamaModel>();

beforeAll(async () => {
  if (source) llama = await getLlama({ gpu: false });
});
afterAll(async () => {
  for (const model of models.values()) await model.dispose();
  await llama?.dispose();
});

async function modelFor(id: string): Promise<LlamaModel> {
  let model = models.get(id);
  if (!model) {
    model = await llama.loadModel({ modelPath: await ensureFamilyFixture(source!, FAMILY_SPECS.find((s) => s.id === id)!) });
    models.set(id, model);
  }
  return model;
}

for (const c of CASES) {
  const spec = FAMILY_SPECS.find((s) => s.id === c.family)!;
  const present = source !== null && familyFiles(source, spec) !== null;
  describe.skipIf(!present)(`${c.family}: a scripted reply`, () => {
    it(`comes out as ${c.thought === null ? 'answer only' : 'thought, then answer'}: ${JSON.stringify(c.writes.slice(0, 60))}`, async () => {
      const model = await modelFor(c.family);
      const tokens = script(model, c.writes);
      const { result, deltas } = await scriptedReply(model, tokens);
      expect(result.thought?.text ?? null).toBe(c.thought);
      expect(result.text).toBe(c.answer);
      expect(result.finishReason).toBe(c.finish ?? 'eos');
      expect(joined(deltas, 'thought')).toBe(c.thought ?? '');
      expect(joined(deltas, 'answer')).toBe(c.answer);
      if (c.thought !== null) {
        expect(result.stats.thoughtTokens).toBeGreaterThan(0);
        // Thought deltas all come before the answer's.
        const firstAnswer = deltas.findIndex((d) => d.segment === 'answer');
        if (firstAnswer !== -1) expect(firstAnswer).toBeGreaterThan(deltas.findLastIndex((d) => d.segment === 'thought'));
      } else expect(result.stats.thoughtTokens).toBeUndefined();
    });
  });
}

const gptOss = FAMILY_SPECS.find((s) => s.id === 'gpt-oss')!;
describe.skipIf(source === null || familyFiles(source, gptOss) === null)('gpt-oss: a thinking budget', () => {
  it('closes the analysis message and opens the final one, so the answer follows', async () => {
    const model = await modelFor('gpt-oss');
    const words = model.tokenize(' one two three', false);
    expect(words).toHaveLength(3);
    const tokens = script(model, '<|channel|>analysis<|message|>', words, 'Six.<|return|>');
    const { result, run } = await scriptedReply(model, tokens, { thinking: { mode: 'auto', budget: 3 } });
    const last = tokens.indexOf(words[2]!);
    expect([...run.replacements.keys()]).toEqual([last]);
    expect(run.replacements.get(last)).toEqual([words[2], ...model.tokenize('<|end|><|start|>assistant<|channel|>final<|message|>', true)]);
    expect(result.thought).toMatchObject({ text: 'one two three', tokens: 3 });
    expect(result.text).toBe('Six.');
  });
});

describe.skipIf(source !== null)('family thoughts', () => {
  it('are skipped: node-llama-cpp ships no llama.cpp source bundle here', () => {
    expect(source).toBeNull();
  });
});
