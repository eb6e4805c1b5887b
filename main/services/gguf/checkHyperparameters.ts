import type { GgufValue } from './ggufFormat.js';

/** llama.cpp's LLAMA_MAX_LAYERS and LLAMA_MAX_EXPERTS (src/llama-hparams.h): past them it aborts the process. */
export const LLAMA_MAX_LAYERS = 512;
export const LLAMA_MAX_EXPERTS = 1024;
/** The values llama_rope_scaling_type_from_string knows; anything else trips GGML_ASSERT(... != UNSPECIFIED). */
const ROPE_SCALING_TYPES = ['none', 'linear', 'yarn', 'longrope'];

/**
 * Transformer architectures with attention in every layer: zero heads there
 * is no model but a division by zero. (Recurrent ones such as mamba and rwkv
 * legitimately have no heads, so they are not listed.)
 */
export const ATTENTION_ARCHITECTURES: ReadonlySet<string> = new Set([
  'llama', 'mistral3', 'qwen2', 'qwen2moe', 'qwen3', 'qwen3moe', 'phi3', 'gemma', 'gemma2', 'gemma3', 'granite', 'olmo', 'olmo2',
  'stablelm', 'starcoder2', 'deepseek', 'deepseek2', 'internlm2', 'command-r', 'cohere2', 'exaone', 'smollm3', 'gpt2', 'falcon',
]);

/** The hyperparameters as llama.cpp reads them: one value per layer where a key may be a scalar or a per-layer array. */
export interface Hyperparameters {
  layers: number;
  embedding: number;
  heads: number[];
  headsKv: number[];
  feedForward: number[] | null;
  experts: number;
  expertsUsed: number[];
  /** Width of one key head and one value head. */
  headK: number;
  headV: number;
  rotary: number | null;
}

type Fail = (problem: string) => never;
const isCount = (v: GgufValue | undefined): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A u32 key llama.cpp requires or defaults; a present value of another kind is refused by name. */
function count(m: Map<string, GgufValue>, key: string, fail: Fail, fallback?: number): number {
  const value = m.get(key);
  if (value === undefined) {
    if (fallback === undefined) fail(`${key} is missing`);
    return fallback!;
  }
  if (!isCount(value) || value > 0xffffffff) fail(`${key} is ${Array.isArray(value) ? 'a list' : String(value)}, not a whole number`);
  return value as number;
}

/** get_key_or_arr: a scalar fills every layer; an array must have exactly one entry per layer. */
function perLayer(m: Map<string, GgufValue>, key: string, layers: number, fallback: number[] | null, fail: Fail): number[] | null {
  const value = m.get(key);
  if (value === undefined) return fallback;
  if (Array.isArray(value)) {
    if (value.length !== layers) fail(`${key} lists ${value.length} values but the model has ${layers} layers (llama.cpp needs one per layer)`);
    value.forEach((v, i) => {
      if (!isCount(v)) fail(`${key} entry ${i} is ${String(v)}, not a whole number`);
    });
    return value as number[];
  }
  return new Array<number>(layers).fill(count(m, key, fail));
}

/**
 * Every hyperparameter llama.cpp (llama_model::load_hparams and the llama
 * graph) asserts on, checked before the file reaches it: a GGML_ASSERT or a
 * division by zero there aborts the whole engine process, and it would again
 * on every send. Returns the values, for the tensor checks.
 */
export function checkHyperparameters(m: Map<string, GgufValue>, arch: string, fail: Fail): Hyperparameters {
  const k = (name: string) => `${arch}.${name}`;
  const layers = count(m, k('block_count'), fail);
  if (layers === 0 || layers > LLAMA_MAX_LAYERS) fail(`${k('block_count')} is ${layers}; llama.cpp accepts 1 to ${LLAMA_MAX_LAYERS} layers`);
  const nextn = count(m, k('nextn_predict_layers'), fail, 0);
  if (nextn > layers) fail(`${k('nextn_predict_layers')} is ${nextn}, more than the ${layers} layers`);
  const embedding = count(m, k('embedding_length'), fail);
  if (embedding === 0) fail(`${k('embedding_length')} is 0: a model needs a non-zero embedding width`);

  const experts = count(m, k('expert_count'), fail, 0);
  const expertsUsed = perLayer(m, k('expert_used_count'), layers, new Array<number>(layers).fill(0), fail)!;
  const usedMax = Math.max(0, ...expertsUsed);
  const groups = count(m, k('expert_group_count'), fail, 0);
  const groupsUsed = count(m, k('expert_group_used_count'), fail, 0);
  if (experts > LLAMA_MAX_EXPERTS) fail(`${k('expert_count')} is ${experts}, over llama.cpp's limit of ${LLAMA_MAX_EXPERTS}`);
  if (usedMax > experts) fail(`${k('expert_used_count')} is ${usedMax} but ${k('expert_count')} is ${experts}`);
  if (experts > 0) {
    if (usedMax === 0) fail(`${k('expert_count')} is ${experts} but ${k('expert_used_count')} is 0: no expert would ever run`);
    if (groups >= experts) fail(`${k('expert_group_count')} is ${groups}, not fewer than the ${experts} experts`);
    if (groups > 1 && (experts % groups !== 0 || groupsUsed === 0 || groupsUsed >= groups)) {
      fail(`${experts} experts in ${groups} groups with ${groupsUsed} used is not a valid grouping`);
    }
  } else if (groups !== 0) fail(`${k('expert_group_count')} is ${groups} in a model without experts`);

  const heads = perLayer(m, k('attention.head_count'), layers, new Array<number>(layers).fill(0), fail)!;
  const headsKv = perLayer(m, k('attention.head_count_kv'), layers, heads, fail)!;
  const attention = ATTENTION_ARCHITECTURES.has(arch);
  for (let il = 0; il < layers; il++) {
    const h = heads[il]!;
    const kv = headsKv[il]!;
    if (attention && h === 0) fail(`${k('attention.head_count')} is 0${layers > 1 ? ` for layer ${il}` : ''}: a ${arch} model needs attention heads`);
    if (attention && kv === 0) fail(`${k('attention.head_count_kv')} is 0${layers > 1 ? ` for layer ${il}` : ''}: a ${arch} model needs key/value heads`);
    if (kv > 0 && h % kv !== 0) fail(`${k('attention.head_count')} (${h}) is not a multiple of ${k('attention.head_count_kv')} (${kv})${layers > 1 ? ` in layer ${il}` : ''}`);
  }
  const h0 = heads[0]!;
  let headK = 0;
  let headV = 0;
  let rotary: number | null = null;
  if (h0 > 0) {
    const explicitK = m.get(k('attention.key_length'));
    const explicitV = m.get(k('attention.value_length'));
    if ((explicitK === undefined || explicitV === undefined) && embedding % h0 !== 0) {
      fail(`${k('embedding_length')} (${embedding}) is not a multiple of ${k('attention.head_count')} (${h0})`);
    }
    headK = count(m, k('attention.key_length'), fail, Math.floor(embedding / h0));
    headV = count(m, k('attention.value_length'), fail, Math.floor(embedding / h0));
    if (headK === 0 || headV === 0) fail(`the attention head width is 0 (${k('attention.key_length')} ${headK}, ${k('attention.value_length')} ${headV})`);
    rotary = count(m, k('rope.dimension_count'), fail, headK);
    if (rotary > headK) fail(`${k('rope.dimension_count')} is ${rotary}, wider than the ${headK}-wide attention head`);
    if (arch === 'llama' && rotary !== headK) fail(`${k('rope.dimension_count')} is ${rotary} but llama needs it equal to the head width ${headK}`);
    if (arch === 'llama' && headK !== headV) fail(`the key heads are ${headK} wide and the value heads ${headV}: llama needs them equal`);
  }
  const feedForward = perLayer(m, k('feed_forward_length'), layers, null, fail);
  if (arch === 'llama' && experts === 0 && (feedForward === null || feedForward.some((n) => n === 0))) {
    fail(`${k('feed_forward_length')} is ${feedForward === null ? 'missing' : '0'}: a llama model needs a feed-forward width`);
  }
  const scaling = m.get(k('rope.scaling.type'));
  if (scaling !== undefined && (typeof scaling !== 'string' || !ROPE_SCALING_TYPES.includes(scaling))) {
    fail(`${k('rope.scaling.type')} is ${JSON.stringify(scaling)}; llama.cpp knows ${ROPE_SCALING_TYPES.join(', ')}`);
  }
  return { layers, embedding, heads, headsKv, feedForward, experts, expertsUsed, headK, headV, rotary };
}
