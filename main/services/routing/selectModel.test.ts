import { roleFromArchitecture } from '../gguf/modelRole.js';
import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../contract/index.js';
import { complexityTier } from './complexityTier.js';
import { describeFallback, installedFor, modelCandidates } from './selectModel.js';

const record = (id: string, extra: Partial<ModelRecord> = {}): ModelRecord => ({
  id, name: id, path: `/m/${id}.gguf`, source: 'import', sizeBytes: 1, sha256: null, architecture: 'llama', parameters: 1e9,
  quantization: 'Q4_K_M', contextLength: 2048, hasChatTemplate: true, addedAt: 0, broken: null, ...extra,
  role: extra.role ?? roleFromArchitecture(extra.architecture ?? 'llama'),
});
const profile = { name: 'Coding', models: { fast: ['qwen2.5-1.5b-instruct'], standard: ['qwen2.5-7b-instruct', 'phi-3.5-mini-instruct'] } };

describe('complexity tier', () => {
  it('short and simple is fast; long, multi-line, code or demanding asks are standard', () => {
    expect(complexityTier('what is a monad').tier).toBe('fast');
    expect(complexityTier('word '.repeat(30)).tier).toBe('standard');
    expect(complexityTier('a\nb\nc').tier).toBe('standard');
    expect(complexityTier('why does foo(x) fail').tier).toBe('standard');
    expect(complexityTier('write a poem').tier).toBe('standard');
    expect(complexityTier('is it? really?').tier).toBe('standard');
    expect(complexityTier('write a poem').reason).toMatch(/"write"/);
  });
});

describe('model selection', () => {
  it('matches catalog ids to installed files by prefix, or through the library when it knows', () => {
    const installed = [record('qwen2.5-7b-instruct-q4_k_m'), record('qwen2.5-7b-instruct-q8_0'), record('qwen2.5-0.5b-instruct-q4_k_m')];
    expect(installedFor('qwen2.5-7b-instruct', installed)).toEqual(['qwen2.5-7b-instruct-q4_k_m', 'qwen2.5-7b-instruct-q8_0']);
    expect(installedFor('qwen2.5-0.5b-instruct-q4_k_m', installed)).toEqual(['qwen2.5-0.5b-instruct-q4_k_m']);
    expect(installedFor('qwen2.5-7b', installed, () => ['qwen2.5-7b-instruct-q8_0'])).toEqual(['qwen2.5-7b-instruct-q8_0']);
    expect(installedFor('llama-3.2-1b-instruct', installed)).toEqual([]);
  });

  it('orders candidates: requested, preferred for the tier, the other tier, chat, default, anything that can chat', () => {
    const installed = [record('zeta'), record('phi-3.5-mini-instruct-q4_k_m'), record('qwen2.5-1.5b-instruct-q4_k_m'), record('emb', { architecture: 'nomic-bert' }), record('alpha', { parameters: 3e9 })];
    const ids = (c: ReturnType<typeof modelCandidates>) => c.map((x) => `${x.source}:${x.modelId}`);
    expect(ids(modelCandidates({ profile, tier: 'standard', installed, chatModelId: 'zeta', defaultModelId: 'alpha' }))).toEqual([
      'preferred:phi-3.5-mini-instruct-q4_k_m', 'other-tier:qwen2.5-1.5b-instruct-q4_k_m', 'chat:zeta', 'default:alpha',
    ]);
    expect(ids(modelCandidates({ profile, tier: 'fast', installed, requested: 'zeta' }))[0]).toBe('requested:zeta');
    const none = modelCandidates({ profile, tier: 'fast', installed: [record('zeta'), record('alpha', { parameters: 3e9 }), record('emb', { architecture: 'bert' })] });
    expect(ids(none)).toEqual(['installed:alpha', 'installed:zeta']);
  });

  it('says nothing when the first choice answers, and what happened otherwise', () => {
    expect(describeFallback(profile, 'standard', { modelId: 'qwen2.5-7b-instruct-q4_k_m', source: 'preferred', entry: 'qwen2.5-7b-instruct' })).toBeNull();
    // No fast model installed: the standard one answers by design.
    expect(describeFallback(profile, 'fast', { modelId: 'q7', source: 'other-tier', entry: 'qwen2.5-7b-instruct' })).toBeNull();
    expect(describeFallback(profile, 'standard', { modelId: 'phi', source: 'preferred', entry: 'phi-3.5-mini-instruct' })).toMatch(/qwen2\.5-7b-instruct \(Coding's first choice\) is not installed; answered with phi/);
    expect(describeFallback(profile, 'standard', { modelId: 'zeta', source: 'installed' })).toMatch(/^None of Coding's preferred models \(qwen2\.5-7b-instruct, phi-3\.5-mini-instruct, qwen2\.5-1\.5b-instruct\) is installed; answered with zeta/);
    expect(describeFallback(profile, 'standard', { modelId: 'phi', source: 'preferred', entry: 'phi-3.5-mini-instruct' }, [{ modelId: 'q7', reason: 'out of memory' }])).toBe('q7 could not be loaded (out of memory); answered with phi.');
    expect(describeFallback(profile, 'standard', undefined)).toMatch(/No model is installed/);
  });
});
