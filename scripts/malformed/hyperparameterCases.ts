import { alignUp, GGUF_DEFAULT_ALIGNMENT } from '../../main/services/gguf/ggufFormat.js';
import { gguf, type GgufTensorInfoSpec, type GgufWriteValue } from '../fixtures/encodeGgufHeader.js';
import { minimalGguf, minimalTensors } from '../fixtures/minimalGguf.js';
import type { MalformedCase } from './MalformedCase.js';

type Set = Record<string, GgufWriteValue | null>;
/** The minimal model is llama: 1 layer, embedding 32, 4 heads of 8, 2 KV heads, feed-forward 64, 4 tokens. */
const L = (key: string) => `llama.${key}`;

/**
 * Files whose hyperparameters make llama.cpp abort the process (GGML_ASSERT,
 * division by zero, an array indexed past its end): each is a whole-engine
 * crash on every load, so each must be refused at add time, for its reason.
 */
export function hyperparameterCases(): MalformedCase[] {
  const h = (slug: string, what: string, set: Set, expect: string): MalformedCase => ({ kind: 'hyperparameters', slug, what, bytes: minimalGguf({ set }), expect });
  const experts = (count: number, used: number, extra: Set = {}): Set => ({ [L('expert_count')]: gguf.u32(count), [L('expert_used_count')]: gguf.u32(used), ...extra });
  return [
    h('block-count-zero', 'no layers', { [L('block_count')]: gguf.u32(0) }, 'block_count is 0; llama\\.cpp accepts 1 to 512 layers'),
    h('block-count-513', 'one layer over LLAMA_MAX_LAYERS', { [L('block_count')]: gguf.u32(513) }, 'block_count is 513; llama\\.cpp accepts 1 to 512'),
    h('block-count-u32-max', '2^32-1 layers', { [L('block_count')]: gguf.u32(0xffffffff) }, 'block_count is 4294967295; llama'),
    h('block-count-missing', 'no block_count', { [L('block_count')]: null }, 'llama\\.block_count is missing'),
    h('nextn-past-layers', 'more next-token layers than layers', { [L('nextn_predict_layers')]: gguf.u32(2) }, 'nextn_predict_layers is 2, more than the 1 layers'),
    h('embedding-zero', 'a zero embedding width', { [L('embedding_length')]: gguf.u32(0) }, 'embedding_length is 0: a model needs a non-zero embedding width'),
    h('embedding-missing', 'no embedding_length', { [L('embedding_length')]: null }, 'llama\\.embedding_length is missing'),
    h('heads-zero', 'zero attention heads', { [L('attention.head_count')]: gguf.u32(0), [L('attention.head_count_kv')]: null }, 'attention\\.head_count is 0: a llama model needs attention heads'),
    h('heads-missing', 'no head_count', { [L('attention.head_count')]: null, [L('attention.head_count_kv')]: null }, 'attention\\.head_count is 0: a llama model needs attention heads'),
    h('heads-kv-zero', 'zero key/value heads', { [L('attention.head_count_kv')]: gguf.u32(0) }, 'head_count_kv is 0: a llama model needs key/value heads'),
    h('heads-not-divisible', '4 heads shared by 3 key/value heads', { [L('attention.head_count_kv')]: gguf.u32(3) }, 'head_count \\(4\\) is not a multiple of llama\\.attention\\.head_count_kv \\(3\\)'),
    h('embedding-not-divisible', 'embedding 32 split into 5 heads', { [L('attention.head_count')]: gguf.u32(5), [L('attention.head_count_kv')]: gguf.u32(5) }, 'embedding_length \\(32\\) is not a multiple of llama\\.attention\\.head_count \\(5\\)'),
    h('heads-array-long', 'two per-layer head counts for one layer', { [L('attention.head_count')]: gguf.arr('u32', [4, 4]) }, 'head_count lists 2 values but the model has 1 layers'),
    h('heads-array-zero', 'a per-layer head count of 0', { [L('attention.head_count')]: gguf.arr('u32', [0]), [L('attention.head_count_kv')]: null }, 'head_count is 0: a llama'),
    h('heads-string', 'head_count stored as text', { [L('attention.head_count')]: gguf.str('4') }, 'attention\\.head_count is 4, not a whole number'),
    h('head-width-zero', 'key and value heads 0 wide', { [L('attention.key_length')]: gguf.u32(0), [L('attention.value_length')]: gguf.u32(0) }, 'the attention head width is 0'),
    h('head-widths-differ', 'key heads 8 wide, value heads 4', { [L('attention.key_length')]: gguf.u32(8), [L('attention.value_length')]: gguf.u32(4) }, 'key heads are 8 wide and the value heads 4'),
    h('rope-wider-than-head', 'rotary dimensions 16 in an 8-wide head', { [L('rope.dimension_count')]: gguf.u32(16) }, 'rope\\.dimension_count is 16, wider than the 8-wide attention head'),
    h('rope-not-head-width', 'rotary dimensions 4 in an 8-wide llama head', { [L('rope.dimension_count')]: gguf.u32(4) }, 'rope\\.dimension_count is 4 but llama needs it equal to the head width 8'),
    h('rope-scaling-unknown', 'an unknown rope scaling type', { [L('rope.scaling.type')]: gguf.str('bogus') }, 'rope\\.scaling\\.type is "bogus"'),
    h('feed-forward-zero', 'a zero feed-forward width', { [L('feed_forward_length')]: gguf.u32(0) }, 'feed_forward_length is 0: a llama model needs a feed-forward width'),
    h('feed-forward-missing', 'no feed_forward_length', { [L('feed_forward_length')]: null }, 'feed_forward_length is missing'),
    h('experts-over-limit', '2000 experts', experts(2000, 2), 'expert_count is 2000, over llama\\.cpp\'s limit of 1024'),
    h('experts-used-over-count', '8 of 4 experts used', experts(4, 8), 'expert_used_count is 8 but llama\\.expert_count is 4'),
    h('experts-none-used', '4 experts, none used', experts(4, 0), 'no expert would ever run'),
    h('experts-used-without-experts', '2 experts used of none', { [L('expert_used_count')]: gguf.u32(2) }, 'expert_used_count is 2 but llama\\.expert_count is 0'),
    h('expert-groups-too-many', '4 expert groups of 4 experts', experts(4, 2, { [L('expert_group_count')]: gguf.u32(4) }), 'expert_group_count is 4, not fewer than the 4 experts'),
    h('expert-groups-uneven', '8 experts in 3 groups', experts(8, 2, { [L('expert_group_count')]: gguf.u32(3), [L('expert_group_used_count')]: gguf.u32(1) }), '8 experts in 3 groups with 1 used is not a valid grouping'),
    h('expert-groups-without-experts', 'expert groups in a dense model', { [L('expert_group_count')]: gguf.u32(2) }, 'expert_group_count is 2 in a model without experts'),
  ];
}

/** The minimal tensors, changed by `edit` (rename, reshape, drop), laid out again with consistent offsets and data. */
function withTensors(edit: (tensors: Array<{ name: string; dims: number[] }>) => Array<{ name: string; dims: number[] }>, set: Set = {}): Buffer {
  const base = minimalTensors().map((t) => ({ name: t.name, dims: t.dims.map(Number) }));
  let offset = 0;
  const tensors: GgufTensorInfoSpec[] = edit(base).map(({ name, dims }) => {
    const t = { name, dims, type: 0, offset };
    offset += alignUp(dims.reduce((a, b) => a * b, 1) * 4, GGUF_DEFAULT_ALIGNMENT);
    return t;
  });
  return minimalGguf({ set, tensors, dataBytes: offset });
}

const rename = (from: string, to: string) => (ts: Array<{ name: string; dims: number[] }>) => ts.map((t) => (t.name === from ? { ...t, name: to } : t));
const reshape = (name: string, dims: number[]) => (ts: Array<{ name: string; dims: number[] }>) => ts.map((t) => (t.name === name ? { ...t, dims } : t));
const drop = (name: string) => (ts: Array<{ name: string; dims: number[] }>) => ts.filter((t) => t.name !== name);

/**
 * Layer-indexed tensors that disagree with the hyperparameters: a layer
 * past block_count, a layer with nothing, a required tensor missing, a shape
 * other than the one llama.cpp creates.
 */
export function layerTensorCases(): MalformedCase[] {
  const t = (slug: string, what: string, bytes: Buffer, expect: string): MalformedCase => ({ kind: 'layer-tensors', slug, what, bytes, expect });
  return [
    t('layer-past-count', 'a tensor for layer 7 of a 1-layer model', withTensors(rename('blk.0.ffn_up.weight', 'blk.7.ffn_up.weight')), 'tensor blk\\.7\\.ffn_up\\.weight belongs to layer 7 but llama\\.block_count is 1'),
    t('layer-index-huge', 'a tensor for layer 99999999999999999999', withTensors(rename('blk.0.ffn_up.weight', 'blk.99999999999999999999.ffn_up.weight')), 'belongs to layer 99999999999999999999 but llama\\.block_count is 1'),
    t('layer-missing', 'block_count 2 with tensors for layer 0 only', withTensors((ts) => ts, { [L('block_count')]: gguf.u32(2) }), 'llama\\.block_count is 2 but there are no tensors for layer 1 \\(blk\\.1\\.\\*\\)'),
    t('attn-q-missing', 'no query projection', withTensors(drop('blk.0.attn_q.weight')), 'it has no tensor blk\\.0\\.attn_q\\.weight'),
    t('ffn-down-missing', 'no feed-forward down projection', withTensors(drop('blk.0.ffn_down.weight')), 'it has no tensor blk\\.0\\.ffn_down\\.weight'),
    t('attn-norm-missing', 'no attention norm', withTensors(drop('blk.0.attn_norm.weight')), 'it has no tensor blk\\.0\\.attn_norm\\.weight'),
    t('token-embd-missing', 'no token embedding', withTensors(drop('token_embd.weight')), 'it has no tensor token_embd\\.weight'),
    t('output-norm-missing', 'no output norm', withTensors(drop('output_norm.weight')), 'it has no tensor output_norm\\.weight'),
    t('attn-k-shape', 'keys as wide as queries with 2 KV heads', withTensors(reshape('blk.0.attn_k.weight', [32, 32])), 'tensor blk\\.0\\.attn_k\\.weight is \\[32, 32\\], not \\[32, 16\\]'),
    t('attn-v-3d', 'a 3-dimensional value projection', withTensors(reshape('blk.0.attn_v.weight', [32, 16, 2])), 'tensor blk\\.0\\.attn_v\\.weight is \\[32, 16, 2\\], not \\[32, 16\\]'),
    t('attn-output-shape', 'an output projection half as wide', withTensors(reshape('blk.0.attn_output.weight', [16, 32])), 'tensor blk\\.0\\.attn_output\\.weight is \\[16, 32\\], not \\[32, 32\\]'),
    t('ffn-gate-shape', 'a gate as wide as the embedding', withTensors(reshape('blk.0.ffn_gate.weight', [32, 32])), 'tensor blk\\.0\\.ffn_gate\\.weight is \\[32, 32\\], not \\[32, 64\\]'),
    t('ffn-norm-shape', 'a 16-wide feed-forward norm', withTensors(reshape('blk.0.ffn_norm.weight', [16])), 'tensor blk\\.0\\.ffn_norm\\.weight is \\[16\\], not \\[32\\]'),
    t('token-embd-narrow', 'a token embedding 16 wide in a 32-wide model', withTensors(reshape('token_embd.weight', [16, 4])), 'tensor token_embd\\.weight is \\[16, 4\\], not \\[32, 4\\]'),
    t('token-embd-short', 'an embedding for 3 of 4 tokens', withTensors(reshape('token_embd.weight', [32, 3])), 'tensor token_embd\\.weight is \\[32, 3\\], not \\[32, 4\\]'),
    t('output-shape', 'an output head for 3 of 4 tokens', withTensors((ts) => [...ts, { name: 'output.weight', dims: [32, 3] }]), 'tensor output\\.weight is \\[32, 3\\], not \\[32, 4\\]'),
    t('experts-dense-tensors', 'a mixture of 4 experts with only dense tensors', withTensors((ts) => ts, { [L('expert_count')]: gguf.u32(4), [L('expert_used_count')]: gguf.u32(2) }), 'it has no tensor blk\\.0\\.ffn_gate_inp\\.weight'),
  ];
}
