import { describe, expect, it } from 'vitest';
import type { ModelRecord, RerankMode } from '../../contract/index.js';
import { documentsRerank, findRerankerModel } from './documentsRerank.js';

function model(id: string, role: ModelRecord['role'], broken: string | null = null): ModelRecord {
  return { id, name: id, path: `/models/${id}.gguf`, source: 'download', sizeBytes: 1, sha256: null, architecture: 'qwen3', parameters: null, quantization: 'Q8_0', contextLength: 512, hasChatTemplate: true, role, addedAt: 0, broken };
}

describe('findRerankerModel', () => {
  it('takes the catalog’s best installed reranker, then any reranker; never a chat or broken model', () => {
    const catalog = (id: string) => (id === 'bge-reranker-v2-m3' ? ['bge-reranker-v2-m3-q8_0'] : []);
    expect(findRerankerModel([model('my-reranker', 'reranker'), model('bge-reranker-v2-m3-q8_0', 'reranker'), model('qwen3-reranker-0.6b-q8_0', 'reranker')], catalog)?.id).toBe('qwen3-reranker-0.6b-q8_0');
    expect(findRerankerModel([model('my-reranker', 'reranker'), model('bge-reranker-v2-m3-q8_0', 'reranker')], catalog)?.id).toBe('bge-reranker-v2-m3-q8_0');
    expect(findRerankerModel([model('qwen3-reranker-0.6b-q8_0', 'reranker', 'crashed'), model('my-reranker', 'reranker')])?.id).toBe('my-reranker');
    // A chat model named like a reranker is not one.
    expect(findRerankerModel([model('qwen3-reranker-0.6b-chat', 'chat'), model('e', 'embedding')])).toBeNull();
  });
});

describe('documentsRerank', () => {
  function setup(setting: RerankMode, backend: string | null, installed: ModelRecord[] = [model('qwen3-reranker-0.6b-q8_0', 'reranker')]) {
    const calls = { rank: 0, status: 0 };
    const r = documentsRerank({
      models: { list: () => installed },
      engine: {
        rank: async (_ref, _query, texts) => (calls.rank++, texts.map((_, i) => i / 10)),
        status: async () => (calls.status++, { backend }),
      },
      setting: () => setting,
    });
    return { r, calls };
  }

  it('automatic: reranks while the engine runs on a GPU, not on the CPU', async () => {
    for (const backend of ['metal', 'cuda', 'vulkan']) {
      const { r } = setup('auto', backend);
      expect(await r.rerank('q', ['a', 'b'])).toEqual([0, 0.1]);
      expect(await r.searchMode()).toMatchObject({ rerank: 'auto', reranking: true });
    }
    const { r, calls } = setup('auto', 'cpu');
    expect(await r.rerank('q', ['a', 'b'])).toBeNull();
    expect(calls.rank).toBe(0);
    expect(await r.searchMode()).toEqual({ embeddingModelId: null, rerankerModelId: 'qwen3-reranker-0.6b-q8_0', rerank: 'auto', reranking: false });
  });

  it('always reranks when on, on any backend; never when off, without asking the engine', async () => {
    expect(await setup('on', 'cpu').r.rerank('q', ['a'])).toEqual([0]);
    const off = setup('off', 'cuda');
    expect(off.r.rerank('q', ['a'])).toBeNull();
    expect(off.calls).toEqual({ rank: 0, status: 0 });
  });

  it('does nothing, and says so, while no reranker is installed', async () => {
    const { r, calls } = setup('on', 'cuda', [model('chatty', 'chat')]);
    expect(r.rerank('q', ['a'])).toBeNull();
    expect(await r.searchMode()).toMatchObject({ rerankerModelId: null, reranking: false });
    expect(calls.rank).toBe(0);
  });
});
