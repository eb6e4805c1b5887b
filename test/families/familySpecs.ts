import { GgufTokenType } from '../../main/services/gguf/ggufFormat.js';
import type { FamilyToken } from '../../scripts/fixtures/writeFamilyFixture.js';

const USER = GgufTokenType.USER_DEFINED;

/** A chat family Hearth claims, and what a model of it must look like to Hearth. */
export interface FamilySpec {
  id: string;
  /** llama.cpp's models/ggml-vocab-<vocab>.gguf */
  vocab: string;
  /** llama.cpp's models/templates/<template> */
  template: string;
  /** Tokens the real model has that the borrowed vocabulary lacks; see each family's note. */
  tokens?: FamilyToken[];
  bos?: string;
  eos?: string;
  eot?: string;
  addBos?: boolean;
  /** node-llama-cpp's wrapperName for the chat wrapper Hearth should end up with. */
  wrapper: string;
  /** The token that ends the model's turn. */
  endOfTurn: string;
  /** Extra variables for the template, to render it in the mode the wrapper renders (thinking on or off). */
  render?: Record<string, unknown>;
  /** Hearth changes the end of the wrapper's prompt (thinking 'auto', see shapePromptEnd): the shaped prompt is what matches the template. */
  reshaped?: boolean;
  /** The template refuses a system message: the wrapper folds it into the first user message, this way. */
  foldSystem?: (system: string, firstUser: string) => string;
  /** Where node-llama-cpp's wrapper writes other text than the template, on purpose or not: each is asserted. */
  differences?: Array<{ wrapper: string; template: string; why: string }>;
  /** false where the wrapper's piecewise tokenization gives other tokens than tokenizing the template's text whole. */
  tokensMatch?: boolean;
  note?: string;
}

export const FAMILY_SPECS: FamilySpec[] = [
  { id: 'llama-3.1', vocab: 'llama-bpe', template: 'meta-llama-Llama-3.1-8B-Instruct.jinja', eos: '<|eot_id|>', wrapper: 'JinjaTemplate', endOfTurn: '<|eot_id|>' },
  { id: 'llama-3.2', vocab: 'llama-bpe', template: 'meta-llama-Llama-3.2-3B-Instruct.jinja', eos: '<|eot_id|>', wrapper: 'JinjaTemplate', endOfTurn: '<|eot_id|>' },
  { id: 'qwen2.5', vocab: 'qwen2', template: 'Qwen-Qwen2.5-7B-Instruct.jinja', eos: '<|im_end|>', wrapper: 'JinjaTemplate', endOfTurn: '<|im_end|>',
    tokens: [{ text: '<tool_call>', id: 151657, type: USER }, { text: '</tool_call>', id: 151658, type: USER }] },
  {
    id: 'qwen3',
    vocab: 'qwen2',
    template: 'Qwen-Qwen3-0.6B.jinja',
    eos: '<|im_end|>',
    // Qwen3 keeps Qwen2's vocabulary and fills placeholders with these, at these ids.
    tokens: [
      { text: '<tool_call>', id: 151657, type: USER },
      { text: '</tool_call>', id: 151658, type: USER },
      { text: '<think>', id: 151667, type: USER },
      { text: '</think>', id: 151668, type: USER },
    ],
    wrapper: 'JinjaTemplate',
    endOfTurn: '<|im_end|>',
    // Hearth's thinking 'auto' ends the prompt as the template does by default (the model opens its own thought);
    // node-llama-cpp's Jinja wrapper alone renders the last turn as an answered one, with an empty <think></think>
    // (thinking off): shapePromptEnd cuts it.
    reshaped: true,
  },
  {
    id: 'deepseek-r1-distill-qwen',
    vocab: 'qwen2',
    template: 'deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja',
    // The distill renames Qwen's first special tokens and adds its own, at these ids.
    tokens: [
      { text: '<｜end▁of▁sentence｜>', id: 151643 },
      { text: '<｜User｜>', id: 151644 },
      { text: '<｜Assistant｜>', id: 151645 },
      { text: '<｜begin▁of▁sentence｜>', id: 151646 },
      { text: '<think>', id: 151648, type: USER },
      { text: '</think>', id: 151649, type: USER },
    ],
    bos: '<｜begin▁of▁sentence｜>',
    eos: '<｜end▁of▁sentence｜>',
    addBos: true,
    wrapper: 'DeepSeek',
    endOfTurn: '<｜end▁of▁sentence｜>',
    render: { enable_thinking: true },
    // DeepSeekChatWrapper leaves the opening <think> to the model; the template writes it into the prompt, and so does
    // Hearth's thinking 'auto' (shapePromptEnd), as R1 distills expect.
    reshaped: true,
  },
  {
    id: 'gpt-oss',
    vocab: 'gpt-2',
    template: 'openai-gpt-oss-120b.jinja',
    // o200k_harmony is not in the bundle: GPT-2's byte-level BPE stands in, with Harmony's special tokens added.
    tokens: ['<|startoftext|>', '<|start|>', '<|end|>', '<|message|>', '<|channel|>', '<|constrain|>', '<|return|>', '<|call|>'].map((text) => ({ text })),
    bos: '<|startoftext|>',
    eos: '<|return|>',
    wrapper: 'Harmony',
    // <|end|> closes one message (the analysis channel) inside a turn; <|return|> ends the turn.
    endOfTurn: '<|return|>',
    differences: [
      {
        wrapper: '# Instruction\n\nYou are Hearth, a helpful assistant.<|end|>',
        template: '# Instructions\n\nYou are Hearth, a helpful assistant.\n\n<|end|>',
        why: 'HarmonyChatWrapper writes the developer message as "# Instruction" and without the blank line the template ends it with',
      },
    ],
    note: 'GPT-2 vocabulary plus the Harmony special tokens',
  },
  // Gemma4ChatWrapper thinks by default: the template's enable_thinking.
  { id: 'gemma-4', vocab: 'gemma-4', template: 'google-gemma-4-31B-it.jinja', eot: '<turn|>', wrapper: 'Gemma 4', endOfTurn: '<turn|>', render: { enable_thinking: true } },
  {
    id: 'gemma-2',
    vocab: 'gemma-4',
    template: 'google-gemma-2-2b-it.jinja',
    // Gemma 2/3's own vocabulary is not in the bundle: Gemma 4's stands in, with the turn tokens added.
    tokens: [{ text: '<start_of_turn>' }, { text: '<end_of_turn>' }],
    eot: '<end_of_turn>',
    wrapper: 'Gemma',
    endOfTurn: '<end_of_turn>',
    // The template raises "System role not supported": GemmaChatWrapper puts the system prompt atop the first user message.
    foldSystem: (system, firstUser) => `${system}\n\n---\n\n${firstUser}`,
    note: 'Gemma 4 vocabulary plus <start_of_turn>/<end_of_turn>',
  },
  {
    id: 'phi-3.5',
    vocab: 'phi-3',
    template: 'microsoft-Phi-3.5-mini-instruct.jinja',
    eot: '<|end|>',
    wrapper: 'JinjaTemplate',
    endOfTurn: '<|end|>',
    // Same text, other tokens: each message is tokenized on its own, so SentencePiece starts it without the '▁' it gets mid-text.
    tokensMatch: false,
  },
  {
    id: 'smollm3',
    vocab: 'llama-bpe',
    template: 'HuggingFaceTB-SmolLM3-3B.jinja',
    // SmolLM3 uses the Llama 3 tokenizer with ChatML and think tokens in reserved slots; here they are appended.
    tokens: [{ text: '<|im_start|>' }, { text: '<|im_end|>' }, { text: '<think>', type: USER }, { text: '</think>', type: USER }],
    eos: '<|im_end|>',
    wrapper: 'JinjaTemplate',
    endOfTurn: '<|im_end|>',
    // Same text, other tokens: pieces tokenized on their own merge differently at their edges.
    tokensMatch: false,
    note: 'Llama 3 vocabulary plus ChatML and think tokens',
  },
];
