/**
 * Bounds the reader enforces before allocating anything a file asks for. They
 * are far above what real models need (the largest vocabularies are ~260k
 * tokens and ~20 MB of metadata; the largest MoE models ~2k tensors) and far
 * below what would let a hostile file exhaust memory or time.
 */
export interface GgufLimits {
  /** Tensor infos in one file. */
  maxTensors: number;
  /** Metadata key/value pairs in one file. */
  maxKeyValues: number;
  /** Bytes of one metadata key (GGUF caps keys at 65535). */
  maxKeyBytes: number;
  /** Bytes of one string value (chat templates are checked against maxChatTemplateBytes as well). */
  maxStringBytes: number;
  /** Elements of one metadata array. */
  maxArrayLength: number;
  /** Elements of all metadata arrays together: many large arrays would otherwise add up to gigabytes of JS values. */
  maxMetadataElements: number;
  /** Bytes from the start of the file to the end of the tensor infos. */
  maxHeaderBytes: number;
  /** Bytes of `tokenizer.chat_template`. */
  maxChatTemplateBytes: number;
  /** Bytes read from the file at a time. */
  chunkBytes: number;
}

export const DEFAULT_GGUF_LIMITS: Readonly<GgufLimits> = Object.freeze({
  maxTensors: 65_536,
  maxKeyValues: 16_384,
  maxKeyBytes: 65_535,
  maxStringBytes: 16 * 1024 * 1024,
  maxArrayLength: 4 * 1024 * 1024,
  maxMetadataElements: 8 * 1024 * 1024,
  maxHeaderBytes: 256 * 1024 * 1024,
  maxChatTemplateBytes: 1024 * 1024,
  chunkBytes: 1024 * 1024,
});
