import type { Hyperparameters } from './checkHyperparameters.js';
import type { GgufTensorInfo } from './readGgufHeader.js';

type Fail = (problem: string) => never;
const LAYER_TENSOR = /^blk\.(\d+)\.(.+)$/;

const shape = (dims: readonly number[]) => `[${dims.join(', ')}]`;
function expectDims(t: GgufTensorInfo | undefined, want: number[], name: string, fail: Fail): void {
  if (!t) fail(`it has no tensor ${name}`);
  const dims = t!.dims.slice(0, Math.max(want.length, 1));
  const extra = t!.dims.slice(want.length).some((d) => d !== 1);
  if (extra || dims.length !== want.length || dims.some((d, i) => d !== want[i])) fail(`tensor ${name} is ${shape(t!.dims)}, not ${shape(want)}`);
}

/**
 * Layer-indexed tensors (blk.N.*) against the hyperparameters, for every
 * architecture: no layer past block_count, none missing. llama.cpp indexes
 * per-layer arrays with N, so a file that disagrees with itself here is at
 * best refused late and at worst read out of bounds.
 */
export function checkLayerTensors(tensors: readonly GgufTensorInfo[], arch: string, hp: Hyperparameters, fail: Fail): Map<number, Map<string, GgufTensorInfo>> {
  const byLayer = new Map<number, Map<string, GgufTensorInfo>>();
  for (const t of tensors) {
    const match = LAYER_TENSOR.exec(t.name);
    if (!match) continue;
    const il = Number(match[1]);
    if (!Number.isSafeInteger(il) || il >= hp.layers) fail(`tensor ${t.name} belongs to layer ${match[1]} but ${arch}.block_count is ${hp.layers}`);
    const layer = byLayer.get(il) ?? new Map<string, GgufTensorInfo>();
    layer.set(match[2]!, t);
    byLayer.set(il, layer);
  }
  for (let il = 0; il < hp.layers; il++) {
    if (!byLayer.has(il)) fail(`${arch}.block_count is ${hp.layers} but there are no tensors for layer ${il} (blk.${il}.*)`);
  }
  return byLayer;
}

/**
 * The llama family's tensors, shaped as llama.cpp's llama loader creates
 * them (src/models/llama.cpp): token embedding, output norm, and per layer
 * norms, Q/K/V/O (or fused QKV), and a dense or expert feed-forward.
 */
export function checkLlamaTensors(tensors: readonly GgufTensorInfo[], byLayer: Map<number, Map<string, GgufTensorInfo>>, vocab: number | null, hp: Hyperparameters, fail: Fail): void {
  const top = new Map(tensors.filter((t) => !t.name.startsWith('blk.')).map((t) => [t.name, t]));
  const n = hp.embedding;
  const embd = top.get('token_embd.weight');
  if (!embd) fail('it has no tensor token_embd.weight');
  expectDims(embd, [n, vocab ?? embd!.dims[1] ?? 0], 'token_embd.weight', fail);
  expectDims(top.get('output_norm.weight'), [n], 'output_norm.weight', fail);
  const output = top.get('output.weight');
  if (output) expectDims(output, [n, embd!.dims[1]!], 'output.weight', fail);
  for (let il = 0; il < hp.layers; il++) {
    const layer = byLayer.get(il)!;
    const t = (suffix: string) => layer.get(`${suffix}.weight`);
    const name = (suffix: string) => `blk.${il}.${suffix}.weight`;
    const q = hp.headK * hp.heads[il]!;
    const kv = hp.headK * hp.headsKv[il]!;
    const v = hp.headV * hp.headsKv[il]!;
    expectDims(t('attn_norm'), [n], name('attn_norm'), fail);
    if (t('attn_qkv')) expectDims(t('attn_qkv'), [n, q + kv + v], name('attn_qkv'), fail);
    else {
      expectDims(t('attn_q'), [n, q], name('attn_q'), fail);
      expectDims(t('attn_k'), [n, kv], name('attn_k'), fail);
      expectDims(t('attn_v'), [n, v], name('attn_v'), fail);
    }
    expectDims(t('attn_output'), [q, n], name('attn_output'), fail);
    expectDims(t('ffn_norm'), [n], name('ffn_norm'), fail);
    if (hp.experts === 0) {
      const ff = hp.feedForward![il]!;
      expectDims(t('ffn_gate'), [n, ff], name('ffn_gate'), fail);
      expectDims(t('ffn_down'), [ff, n], name('ffn_down'), fail);
      expectDims(t('ffn_up'), [n, ff], name('ffn_up'), fail);
    } else {
      expectDims(t('ffn_gate_inp'), [n, hp.experts], name('ffn_gate_inp'), fail);
      for (const suffix of ['ffn_down_exps', 'ffn_up_exps']) {
        const e = t(suffix);
        if (!e) fail(`it has no tensor ${name(suffix)}`);
        if (e!.dims.length !== 3 || e!.dims[2] !== hp.experts) fail(`tensor ${name(suffix)} is ${shape(e!.dims)}, not ${hp.experts} experts deep`);
      }
    }
  }
}
