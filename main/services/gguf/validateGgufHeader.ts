import type { GgufValue } from './ggufFormat.js';
import { checkHyperparameters } from './checkHyperparameters.js';
import { checkLayerTensors, checkLlamaTensors } from './checkLayerTensors.js';
import { DEFAULT_GGUF_LIMITS, type GgufLimits } from './ggufLimits.js';
import { formatBytes, invalidGguf } from './invalidGguf.js';
import type { GgufHeader } from './readGgufHeader.js';

const isCount = (v: GgufValue | undefined): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The ids llama.cpp and node-llama-cpp index the vocabulary with when generating. */
const TOKEN_ID_KEYS = ['bos', 'eos', 'unknown', 'padding'].map((k) => `tokenizer.ggml.${k}_token_id`);
/** Converters write -1 as a u32 to mean "no such token" (llama.cpp's LLAMA_TOKEN_NULL). */
const NO_TOKEN = 0xffffffff;

/** Keys llama.cpp reads with a fixed type: a file that stores another type is refused here, with the key named. */
const KNOWN_KEY_KINDS: ReadonlyArray<[string, 'string' | 'bool' | 'count']> = [
  ['general.name', 'string'],
  ['general.file_type', 'count'],
  ['tokenizer.ggml.model', 'string'],
  ['tokenizer.ggml.pre', 'string'],
  ['tokenizer.ggml.add_bos_token', 'bool'],
  ['tokenizer.ggml.add_eos_token', 'bool'],
];

function isKind(value: GgufValue, kind: 'string' | 'bool' | 'count'): boolean {
  if (kind === 'count') return isCount(value);
  return kind === 'bool' ? typeof value === 'boolean' : typeof value === 'string';
}

function describeValue(value: GgufValue): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return `the text "${value.slice(0, 40)}"`;
  return String(value);
}

/** llama.cpp maps token text to id and asserts the map is as long as the list: a repeated token aborts the process. */
function checkUniqueTokens(tokens: string[], fail: (problem: string) => never): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const first = seen.get(tokens[i]!);
    if (first !== undefined) fail(`tokenizer.ggml.tokens lists the token ${JSON.stringify(tokens[i]!.slice(0, 40))} twice (ids ${first} and ${i})`);
    seen.set(tokens[i]!, i);
  }
}

/**
 * BPE merges are "left right": llama.cpp splits each at the first space after
 * the first character. One without that space, or with nothing after it, is
 * not a merge; merges with no vocabulary to merge are no tokenizer.
 */
function checkMerges(merges: GgufValue | undefined, hasTokens: boolean, fail: (problem: string) => never): void {
  if (merges === undefined) return;
  if (!Array.isArray(merges) || merges.some((v) => typeof v !== 'string')) fail('tokenizer.ggml.merges is not a list of strings');
  if (!hasTokens) fail('tokenizer.ggml.merges is present but tokenizer.ggml.tokens is not');
  const list = merges as string[];
  for (let i = 0; i < list.length; i++) {
    const merge = list[i]!;
    const space = merge.indexOf(' ', 1);
    if (space < 0 || space === merge.length - 1) fail(`tokenizer.ggml.merges entry ${i} (${JSON.stringify(merge.slice(0, 40))}) is not two tokens separated by a space`);
  }
}

/**
 * Checks the metadata makes sense as a model, past the structure that
 * readGgufHeader already checked: an architecture, a context length, a
 * vocabulary whose parallel arrays agree and whose special ids exist, a
 * chat template of sane size, then the hyperparameters llama.cpp asserts on
 * and the layer tensors against them (checkHyperparameters, checkLayerTensors):
 * a file llama.cpp would abort on must never reach the engine.
 */
export function validateGgufHeader(header: GgufHeader, file: string, limits: GgufLimits = DEFAULT_GGUF_LIMITS): void {
  const m = header.metadata;
  const fail = (problem: string): never => {
    throw invalidGguf(file, problem);
  };
  if (header.tensors.length === 0) fail('it has no tensors');

  const architecture = m.get('general.architecture');
  if (architecture === undefined) fail('it has no general.architecture, so llama.cpp cannot tell what model it is');
  if (typeof architecture !== 'string' || architecture.length === 0) fail('general.architecture is not a name');
  const arch = architecture as string;

  const contextKey = `${arch}.context_length`;
  const context = m.get(contextKey);
  if (!isCount(context) || context === 0) fail(`${contextKey} is ${context === undefined ? 'missing' : `${String(context)}, not a positive integer`}`);
  for (const key of ['block_count', 'embedding_length', 'vocab_size', 'feed_forward_length'].map((k) => `${arch}.${k}`)) {
    const value = m.get(key);
    if (value !== undefined && !isCount(value)) fail(`${key} is not a whole number`);
  }

  const tokens = m.get('tokenizer.ggml.tokens');
  let vocabSize: number | null = null;
  if (tokens !== undefined) {
    if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string')) fail('tokenizer.ggml.tokens is not a list of strings');
    vocabSize = (tokens as string[]).length;
    if (vocabSize === 0) fail('tokenizer.ggml.tokens is empty');
    for (const key of ['tokenizer.ggml.scores', 'tokenizer.ggml.token_type']) {
      const values = m.get(key);
      if (values === undefined) continue;
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) fail(`${key} is not a list of numbers`);
      if ((values as number[]).length !== vocabSize) fail(`${key} has ${(values as number[]).length} entries but tokenizer.ggml.tokens has ${vocabSize}`);
    }
  } else {
    const declared = m.get(`${arch}.vocab_size`);
    if (isCount(declared)) vocabSize = declared;
  }
  if (tokens !== undefined) checkUniqueTokens(tokens as string[], fail);
  checkMerges(m.get('tokenizer.ggml.merges'), tokens !== undefined, fail);
  for (const [key, kind] of KNOWN_KEY_KINDS) {
    const value = m.get(key);
    if (value !== undefined && !isKind(value, kind)) fail(`${key} is ${describeValue(value)}, not ${kind === 'count' ? 'a whole number' : `a ${kind}`}`);
  }

  for (const key of TOKEN_ID_KEYS) {
    const id = m.get(key);
    if (id === undefined || id === NO_TOKEN || id === -1) continue;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) fail(`${key} is ${String(id)}, not a token id`);
    if (vocabSize !== null && (id as number) >= vocabSize) fail(`${key} is ${String(id)} but the vocabulary has only ${vocabSize} tokens`);
  }

  const template = m.get('tokenizer.chat_template');
  if (template !== undefined) {
    if (typeof template !== 'string') fail('tokenizer.chat_template is not text');
    const bytes = Buffer.byteLength(template as string, 'utf8');
    if (bytes > limits.maxChatTemplateBytes) {
      fail(`tokenizer.chat_template is ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.maxChatTemplateBytes)}`);
    }
  }

  const hyperparameters = checkHyperparameters(m, arch, fail);
  const byLayer = checkLayerTensors(header.tensors, arch, hyperparameters, fail);
  if (arch === 'llama') checkLlamaTensors(header.tensors, byLayer, vocabSize, hyperparameters, fail);
}
