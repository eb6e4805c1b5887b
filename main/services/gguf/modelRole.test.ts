import { describe, expect, it } from 'vitest';
import type { GgufValue } from './ggufFormat.js';
import { modelRole, roleFromArchitecture } from './modelRole.js';

const meta = (entries: Record<string, GgufValue>) => new Map(Object.entries(entries));
const LAYERS = ['token_embd.weight', 'blk.0.attn_q.weight', 'output_norm.weight'];

describe('what a model file is for', () => {
  it('a chat model: a decoder with an output matrix and no pooling', () => {
    expect(modelRole('llama', meta({}), [...LAYERS, 'output.weight'])).toBe('chat');
    expect(modelRole('qwen3', meta({ 'qwen3.context_length': 40960 }), LAYERS)).toBe('chat');
  });

  it('a reranker: a classifier head, whatever the architecture, or rank pooling', () => {
    // Qwen3-Reranker as llama.cpp converts it: the chat architecture, a yes/no head and rank pooling.
    expect(modelRole('qwen3', meta({ 'qwen3.pooling_type': 4 }), [...LAYERS, 'cls.output.weight'])).toBe('reranker');
    expect(modelRole('qwen3', meta({}), [...LAYERS, 'cls.output.weight'])).toBe('reranker');
    // bge-reranker-v2-m3: a bert encoder with a dense classifier.
    expect(modelRole('bert', meta({ 'bert.pooling_type': 2 }), [...LAYERS, 'cls.weight', 'cls.output.weight'])).toBe('reranker');
    expect(modelRole('bert', meta({ 'bert.pooling_type': 4 }), LAYERS)).toBe('reranker');
  });

  it('an embedding model: an encoder architecture, or a decoder converted to pool (Qwen3-Embedding)', () => {
    expect(modelRole('nomic-bert', meta({}), LAYERS)).toBe('embedding');
    expect(modelRole('gemma-embedding', meta({}), LAYERS)).toBe('embedding');
    expect(modelRole('qwen3', meta({ 'qwen3.pooling_type': 3 }), LAYERS)).toBe('embedding');
    expect(modelRole('llama', meta({ 'llama.pooling_type': 1 }), LAYERS)).toBe('embedding');
    // A pooling key of another architecture, or "none", says nothing.
    expect(modelRole('llama', meta({ 'bert.pooling_type': 1, 'llama.pooling_type': 0 }), LAYERS)).toBe('chat');
  });

  it('guesses from the architecture alone for records whose file was not read', () => {
    expect(roleFromArchitecture('BERT')).toBe('embedding');
    expect(roleFromArchitecture('qwen3')).toBe('chat');
  });
});
