import { GGUF_FILE_TYPES } from './ggmlTypes.js';
import type { GgufValue } from './ggufFormat.js';
import { modelRole } from './modelRole.js';
import type { GgufHeader } from './readGgufHeader.js';
import type { ModelRole } from '../../contract/entities.js';

export interface GgufSummary {
  architecture: string;
  name: string | null;
  /** Total weights, counted from the tensor shapes. */
  parameters: number | null;
  /** From general.file_type (Q4_K_M, Q8_0, F16...), else the type holding most of the weight bytes. */
  quantization: string;
  /** The context the model was trained with; 0 when the file does not say. */
  contextLength: number;
  blockCount: number | null;
  embeddingLength: number | null;
  vocabSize: number | null;
  hasChatTemplate: boolean;
  /** Chat, embedding or reranker: see modelRole. */
  role: ModelRole;
  chatTemplate: string | null;
  sizeBytes: number;
}

export function metadataNumber(value: GgufValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function metadataString(value: GgufValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function dominantType(header: GgufHeader): string {
  const matrices = header.tensors.filter((t) => t.dims.length >= 2);
  const bytesByType = new Map<string, number>();
  for (const t of matrices.length ? matrices : header.tensors) bytesByType.set(t.typeName, (bytesByType.get(t.typeName) ?? 0) + t.byteSize);
  let best = 'unknown';
  let bestBytes = -1;
  for (const [type, bytes] of bytesByType) {
    if (bytes > bestBytes) [best, bestBytes] = [type, bytes];
  }
  return best;
}

/** The facts Hearth shows and stores about a model; never throws, whatever the header holds. */
export function summarizeGguf(header: GgufHeader): GgufSummary {
  const m = header.metadata;
  const architecture = metadataString(m.get('general.architecture')) ?? 'unknown';
  const archNumber = (key: string): number | null => metadataNumber(m.get(`${architecture}.${key}`));
  const fileType = metadataNumber(m.get('general.file_type'));
  const tokens = m.get('tokenizer.ggml.tokens');
  const chatTemplate = metadataString(m.get('tokenizer.chat_template'));
  const parameters = header.tensors.reduce((sum, t) => sum + t.elements, 0);
  return {
    architecture,
    name: metadataString(m.get('general.name')),
    parameters: header.tensors.length ? parameters : null,
    quantization: (fileType !== null ? GGUF_FILE_TYPES.get(fileType) : undefined) ?? dominantType(header),
    contextLength: archNumber('context_length') ?? 0,
    blockCount: archNumber('block_count'),
    embeddingLength: archNumber('embedding_length'),
    vocabSize: archNumber('vocab_size') ?? (Array.isArray(tokens) ? tokens.length : null),
    hasChatTemplate: chatTemplate !== null && chatTemplate.length > 0,
    role: modelRole(architecture, m, header.tensors.map((t) => t.name)),
    chatTemplate,
    sizeBytes: header.fileSize,
  };
}
