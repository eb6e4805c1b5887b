/** The on-disk vocabulary of GGUF shared by the reader and the fixture writer. */

/** "GGUF" read as a little-endian u32. */
export const GGUF_MAGIC = 0x46554747;
export const GGUF_DEFAULT_ALIGNMENT = 32;
/** llama.cpp reads versions 2 and 3 (both use 64-bit counts); version 1 used 32-bit ones. */
export const GGUF_SUPPORTED_VERSIONS: readonly number[] = [2, 3];
/** ggml keeps names in a char[64] with a terminating NUL. */
export const GGML_MAX_NAME_BYTES = 63;
export const GGML_MAX_DIMS = 4;

export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufValueType = (typeof GgufValueType)[keyof typeof GgufValueType];

export const GGUF_VALUE_TYPE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(GgufValueType).map(([name, id]) => [id, name.toLowerCase()]),
);

/** Bytes of a fixed-size value; strings and arrays are variable. */
export const GGUF_SCALAR_SIZES: ReadonlyMap<number, number> = new Map([
  [GgufValueType.UINT8, 1],
  [GgufValueType.INT8, 1],
  [GgufValueType.BOOL, 1],
  [GgufValueType.UINT16, 2],
  [GgufValueType.INT16, 2],
  [GgufValueType.UINT32, 4],
  [GgufValueType.INT32, 4],
  [GgufValueType.FLOAT32, 4],
  [GgufValueType.UINT64, 8],
  [GgufValueType.INT64, 8],
  [GgufValueType.FLOAT64, 8],
]);

/**
 * A metadata value as read. 64-bit integers stay numbers while they are safe
 * integers and become bigints beyond; arrays hold values of one type.
 */
export type GgufValue = number | bigint | boolean | string | GgufValue[];

/** llama.cpp's token types (tokenizer.ggml.token_type). */
export const GgufTokenType = {
  UNDEFINED: 0,
  NORMAL: 1,
  UNKNOWN: 2,
  CONTROL: 3,
  USER_DEFINED: 4,
  UNUSED: 5,
  BYTE: 6,
} as const;

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
