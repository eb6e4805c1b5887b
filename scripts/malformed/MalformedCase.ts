/** The classes of parser bugs the corpus stands for (CVE write-ups of GGUF readers use the same words). */
export type MalformedKind =
  | 'truncation'
  | 'magic'
  | 'version'
  | 'counts'
  | 'string-length'
  | 'tensor-shape'
  | 'data-offset'
  | 'array'
  | 'value-type'
  | 'vocabulary'
  | 'merges'
  | 'chat-template'
  | 'structure'
  | 'hyperparameters'
  | 'layer-tensors';

export interface MalformedCase {
  kind: MalformedKind;
  /** Short slug, unique within its kind: it becomes the file name. */
  slug: string;
  /** What is wrong with the file, in words. */
  what: string;
  bytes: Buffer;
  /**
   * A regular expression (source) the refusal must match, so each file is
   * refused for the reason it was made for and not by accident; '' accepts
   * any MODEL_INVALID (a lying count makes the reader fail wherever it lands).
   */
  expect: string;
}

/** Messages of the refusals a cut-short file can get, whichever field the cut lands in. */
export const TRUNCATED = 'ends inside|remain in the file|remaining bytes can hold|can describe|can hold|runs past the end|past the end of the file|the file is empty';

export function patched(base: Buffer, at: number, write: (b: Buffer, at: number) => void): Buffer {
  const out = Buffer.from(base);
  write(out, at);
  return out;
}

export const u32At = (value: number) => (b: Buffer, at: number) => b.writeUInt32LE(value >>> 0, at);
export const u64At = (value: bigint) => (b: Buffer, at: number) => b.writeBigUInt64LE(BigInt.asUintN(64, value), at);

/** Position of the u64 length in front of the first occurrence of `text` (a key, a tensor name, a string value). */
export function lengthBefore(buf: Buffer, text: string): number {
  const at = buf.indexOf(Buffer.from(text, 'utf8'));
  if (at < 8) throw new Error(`"${text}" is not in the buffer`);
  return at - 8;
}
