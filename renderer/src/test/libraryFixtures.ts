import type { CatalogItem, Download, FoundModel, NetworkAttempt } from '../../../main/contract/index.js';

// Library entities as main would send them, with just the fields a test cares about set.

const T0 = 1_750_000_000_000;
const GB = 1_000_000_000;

export function makeCatalogItem(fields: Partial<CatalogItem> & Pick<CatalogItem, 'id'>): CatalogItem {
  return {
    name: fields.id,
    family: 'Qwen2.5',
    kind: 'chat',
    description: 'A small instruct model.',
    parameters: 1.5 * GB,
    contextLength: 32_768,
    licence: 'Apache-2.0',
    domains: ['general'],
    files: [{ quantization: 'Q4_K_M', uri: `hf:org/${fields.id}/${fields.id}-q4_k_m.gguf`, fileName: `${fields.id}-q4_k_m.gguf`, sizeBytes: 1 * GB, sha256: null, parts: 1 }],
    installed: [],
    fit: null,
    fitSource: null,
    ...fields,
  };
}

/** A catalog spanning the filters: sizes, families, domains, one embedding model, one that won't fit. */
export const CATALOG: CatalogItem[] = [
  makeCatalogItem({
    id: 'qwen2.5-0.5b-instruct',
    name: 'Qwen2.5 0.5B Instruct',
    parameters: 0.49 * GB,
    domains: ['general', 'multilingual'],
    files: [
      { quantization: 'Q4_K_M', uri: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf', fileName: 'qwen2.5-0.5b-instruct-q4_k_m.gguf', sizeBytes: 491_400_032, sha256: null, parts: 1 },
      { quantization: 'Q8_0', uri: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q8_0.gguf', fileName: 'qwen2.5-0.5b-instruct-q8_0.gguf', sizeBytes: 675_710_816, sha256: null, parts: 1 },
    ],
    fit: { verdict: 'fits', ramNeededBytes: 0.8 * GB, vramNeededBytes: 0, ramAvailableBytes: 16 * GB, vramAvailableBytes: 0, gpuLayers: 0, totalLayers: 24, contextSize: 4096 },
    fitSource: 'size-estimate',
  }),
  makeCatalogItem({ id: 'qwen2.5-3b-instruct', name: 'Qwen2.5 3B Instruct', parameters: 3.09 * GB, licence: 'Qwen Research Licence', domains: ['general', 'code'] }),
  makeCatalogItem({ id: 'llama-3.2-1b-instruct', name: 'Llama 3.2 1B Instruct', family: 'Llama', parameters: 1.24 * GB, licence: 'Llama 3.2 Community Licence', domains: ['general'] }),
  makeCatalogItem({
    id: 'llama-3.1-8b-instruct',
    name: 'Llama 3.1 8B Instruct',
    family: 'Llama',
    parameters: 8.03 * GB,
    licence: 'Llama 3.1 Community Licence',
    domains: ['general', 'code', 'writing'],
    fit: { verdict: 'wont-fit', ramNeededBytes: 6 * GB, vramNeededBytes: 0, ramAvailableBytes: 4 * GB, vramAvailableBytes: 0, gpuLayers: 0, totalLayers: 32, contextSize: 4096 },
    fitSource: 'size-estimate',
  }),
  makeCatalogItem({
    id: 'mistral-7b-instruct-v0.3',
    name: 'Mistral 7B Instruct v0.3',
    family: 'Mistral',
    parameters: 7.25 * GB,
    domains: ['writing'],
    // Only the size printed on the model page is known: the exact one is read at download.
    files: [{ quantization: 'Q4_K_M', uri: 'hf:bartowski/Mistral-7B-Instruct-v0.3-GGUF/Mistral-7B-Instruct-v0.3-Q4_K_M.gguf', fileName: 'Mistral-7B-Instruct-v0.3-Q4_K_M.gguf', sizeBytes: null, approxSizeBytes: 4_370_000_000, sha256: null, parts: 1 }],
  }),
  makeCatalogItem({ id: 'nomic-embed-text-v1.5', name: 'Nomic Embed Text v1.5', family: 'Nomic', kind: 'embedding', description: 'Text embeddings for search.', parameters: null, domains: [], files: [{ quantization: 'Q8_0', uri: 'hf:nomic-ai/nomic-embed-text-v1.5-GGUF/nomic-embed-text-v1.5.Q8_0.gguf', fileName: 'nomic-embed-text-v1.5.Q8_0.gguf', sizeBytes: 146_000_000, sha256: null, parts: 1 }] }),
];

export function makeDownload(fields: Partial<Download> & Pick<Download, 'id'>): Download {
  return {
    source: 'qwen2.5-0.5b-instruct',
    catalogId: 'qwen2.5-0.5b-instruct',
    quantization: 'Q4_K_M',
    fileName: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
    state: 'downloading',
    receivedBytes: 0,
    totalBytes: 491_400_032,
    bytesPerSecond: 0,
    etaSeconds: null,
    expectedSha256: null,
    modelId: null,
    error: null,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

export function makeFound(fields: Partial<FoundModel> & Pick<FoundModel, 'path'>): FoundModel {
  return { app: 'lmstudio', name: 'lmstudio-community/Llama-3.2-1B-Instruct-GGUF', sizeBytes: 807_694_464, modelId: null, ...fields };
}

export function makeAttempt(fields: Partial<NetworkAttempt> & Pick<NetworkAttempt, 'id'>): NetworkAttempt {
  return { at: T0, host: 'huggingface.co', port: 443, purpose: 'download', allowed: true, detail: 'https://huggingface.co/Qwen/…', ...fields };
}
