import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../../contract/index.js';
import { fixturePath } from '../../../../test/fixtures.js';
import { loadCatalog } from '../catalog/loadCatalog.js';
import { describeModelFamily } from './describeModelFamily.js';

const record = (fields: Partial<ModelRecord> = {}): ModelRecord => ({
  id: 'tiny',
  name: 'tiny',
  path: fixturePath('tiny'),
  source: 'link',
  sizeBytes: 1,
  sha256: null,
  architecture: 'llama',
  parameters: null,
  quantization: 'Q8_0',
  contextLength: 512,
  hasChatTemplate: true,
  role: 'chat',
  addedAt: 0,
  broken: null,
  ...fields,
});
const fit = { verdict: 'fits' as const, ramNeededBytes: 1, vramNeededBytes: 0, ramAvailableBytes: 2, vramAvailableBytes: 0, gpuLayers: 0, totalLayers: 2, contextSize: 384, };
const loaded = { modelId: 'tiny', contextSize: 256, gpuLayers: 0, ramBytes: 1, vramBytes: 0, lastUsedAt: 0, chatWrapper: 'ChatML' };

describe('describeModelFamily', () => {
  const catalog = loadCatalog();

  it('reads the file: its ChatML template runs, no tools or thinking switch, contexts from the file and the fit', async () => {
    const family = await describeModelFamily(record(), { fit, loaded: undefined, catalog });
    expect(family).toEqual({
      architecture: 'llama',
      chatWrapper: null,
      templateFallback: null,
      thinking: null,
      tools: null,
      trainedContext: 512,
      contextUsed: 384,
      licence: null,
      catalogId: null,
    });
  });

  it("takes the wrapper and context of a loaded model from the engine, and a catalog file's licence and capabilities from its entry", async () => {
    const gemma = catalog.find((e) => e.id === 'gemma-3-1b-it')!;
    const family = await describeModelFamily(record({ sha256: gemma.files[0]!.sha256 }), { fit, loaded, catalog });
    expect(family).toMatchObject({ chatWrapper: 'ChatML', contextUsed: 256, licence: 'Gemma Terms of Use', thinking: 'none', catalogId: 'gemma-3-1b-it' });
    const byName = await describeModelFamily(record({ path: `/nowhere/${catalog.find((e) => e.id === 'qwen3-4b')!.files[0]!.fileName}` }), { fit: null, loaded: undefined, catalog });
    expect(byName).toMatchObject({ thinking: 'hybrid', tools: true, licence: 'Apache-2.0', catalogId: 'qwen3-4b', contextUsed: null });
  });

  it('says when the template is not used and replies fall back to plain text', async () => {
    const broken = await describeModelFamily(record({ path: fixturePath('tiny-f16') }), {
      fit,
      loaded,
      catalog,
      checkTemplate: async () => ({ ok: false, hostile: false, reason: 'it raised an exception on a sample chat' }),
    });
    expect(broken.chatWrapper).toBe('Plain');
    expect(broken.templateFallback).toBe('its chat template is not used (it raised an exception on a sample chat); replies use plain text');
    const none = await describeModelFamily(record({ hasChatTemplate: false }), { fit, loaded: undefined, catalog });
    expect(none.templateFallback).toMatch(/no chat template; replies use plain text/);
  });

  it('reads tools and the thinking switch from a template that shows them', async () => {
    const template = "{% if tools %}{{ tools }}{% endif %}{% if enable_thinking is defined and not enable_thinking %}<think></think>{% endif %}";
    const family = await describeModelFamily(record(), { fit: null, loaded: undefined, catalog, readFile: async () => ({ template, licence: 'apache-2.0' }), checkTemplate: async () => ({ ok: true, outputBytes: 1 }) });
    expect(family).toMatchObject({ tools: true, thinking: 'hybrid', licence: 'apache-2.0' });
  });
});
