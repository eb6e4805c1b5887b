import { roleFromArchitecture } from '../gguf/modelRole.js';
import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../contract/index.js';
import { documentsEmbed } from './documentsEmbed.js';

function model(id: string, architecture: string, broken: string | null = null): ModelRecord {
  return { id, name: id, path: `/models/${id}.gguf`, source: 'import', sizeBytes: 1, sha256: null, architecture, parameters: null, quantization: 'Q8_0', contextLength: 512, hasChatTemplate: architecture === 'llama', role: roleFromArchitecture(architecture), addedAt: 0, broken };
}

describe('documentsEmbed', () => {
  it('is lexical (null) while no embedding model is installed, and follows installs without a restart', async () => {
    const installed: ModelRecord[] = [model('qwen-chat', 'llama')];
    const calls: Array<{ modelId: string; texts: string[] }> = [];
    const embed = documentsEmbed({ models: { list: () => installed }, engine: { embed: async (ref, texts) => (calls.push({ modelId: ref.modelId, texts }), texts.map(() => [1, 0])) } });
    expect(embed(['a'])).toBeNull();
    installed.push(model('bge-small-en-v1.5-q8_0', 'bert', 'crashed the engine'));
    expect(embed(['a'])).toBeNull();
    installed.push(model('nomic-embed-text-v1.5.Q8_0', 'nomic-bert'));
    await expect(embed(['how?'], 'query')).resolves.toEqual([[1, 0]]);
    await embed(['chunk one', 'chunk two'], 'document');
    expect(calls).toEqual([
      { modelId: 'nomic-embed-text-v1.5.Q8_0', texts: ['search_query: how?'] },
      { modelId: 'nomic-embed-text-v1.5.Q8_0', texts: ['search_document: chunk one', 'search_document: chunk two'] },
    ]);
  });

  it('sends text as it is to models trained without prefixes', async () => {
    const calls: string[][] = [];
    const embed = documentsEmbed({ models: { list: () => [model('all-minilm', 'bert')] }, engine: { embed: async (_ref, texts) => (calls.push(texts), [[0]]) } });
    await embed(['q'], 'query');
    expect(calls).toEqual([['q']]);
  });
});
