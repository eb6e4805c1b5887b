import type { FileCursor } from './FileCursor.js';
import { GGUF_SCALAR_SIZES, GGUF_VALUE_TYPE_NAMES, GgufValueType, type GgufValue } from './ggufFormat.js';
import type { GgufLimits } from './ggufLimits.js';

const safe = (v: bigint): number | bigint => (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v);

function scalarReader(cursor: FileCursor, type: number): () => GgufValue {
  switch (type) {
    case GgufValueType.UINT8: return () => cursor.u8();
    case GgufValueType.INT8: return () => cursor.i8();
    case GgufValueType.UINT16: return () => cursor.u16();
    case GgufValueType.INT16: return () => cursor.i16();
    case GgufValueType.UINT32: return () => cursor.u32();
    case GgufValueType.INT32: return () => cursor.i32();
    case GgufValueType.FLOAT32: return () => cursor.f32();
    case GgufValueType.FLOAT64: return () => cursor.f64();
    case GgufValueType.BOOL: return () => cursor.u8() !== 0;
    case GgufValueType.UINT64: return () => safe(cursor.u64());
    case GgufValueType.INT64: return () => safe(cursor.i64());
    default: throw new Error(`No scalar reader for GGUF type ${type}.`);
  }
}

/**
 * Reads a u64-length-prefixed string. The length is compared with what the
 * file still holds and with `cap` before a single byte is allocated, so a
 * length near 2^63 is a message, not an allocation.
 */
export async function readGgufString(cursor: FileCursor, cap: number, what: string, element = -1): Promise<string> {
  if (cursor.available < 8) await cursor.fill(8);
  return cursor.text(checkedLength(cursor, cap, what, element));
}

/** `element` >= 0 names an array element; no closure or message is made on the hot path. */
function checkedLength(cursor: FileCursor, cap: number, what: string, element: number): number {
  const at = cursor.pos;
  const length = cursor.length();
  if (length > cursor.remaining || length > cap) {
    const name = element < 0 ? what : `element ${element} of ${what}`;
    if (length > cursor.remaining) cursor.fail(`${name} at byte ${at} claims ${length} bytes but only ${cursor.remaining} remain in the file`);
    cursor.fail(`${name} at byte ${at} is ${length} bytes, over the limit of ${cap}`);
  }
  return Number(length);
}

/**
 * Strings of a vocabulary array: synchronous while the window holds the
 * next string, so 250k tokens cost 250k decodes rather than 250k awaits.
 */
async function readStringArray(cursor: FileCursor, n: number, cap: number, key: string): Promise<string[]> {
  const values = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    if (cursor.available >= 8 && cursor.peekLength() <= cursor.available - 8) {
      values[i] = cursor.textInWindow(checkedLength(cursor, cap, key, i));
    } else {
      values[i] = await readGgufString(cursor, cap, key, i);
    }
  }
  return values;
}

export function valueTypeName(type: number): string {
  return GGUF_VALUE_TYPE_NAMES.get(type) ?? `unknown (${type})`;
}

/** Array elements still allowed in this file (GgufLimits.maxMetadataElements), shared by all values. */
export interface ElementBudget {
  left: number;
}

/** One metadata value of the given type; `key` names it in messages. */
export async function readGgufValue(cursor: FileCursor, type: number, limits: GgufLimits, key: string, budget: ElementBudget): Promise<GgufValue> {
  if (type === GgufValueType.STRING) return readGgufString(cursor, limits.maxStringBytes, `the string value of ${key}`);
  if (type !== GgufValueType.ARRAY) {
    const size = GGUF_SCALAR_SIZES.get(type);
    if (size === undefined) cursor.fail(`the value of ${key} (before byte ${cursor.pos}) has unknown type ${type}`);
    if (cursor.available < size) await cursor.fill(size);
    return scalarReader(cursor, type)();
  }

  if (cursor.available < 12) await cursor.fill(12);
  const at = cursor.pos;
  const itemType = cursor.u32();
  const count = cursor.length();
  if (itemType === GgufValueType.ARRAY) {
    cursor.fail(`the array ${key} at byte ${at} holds arrays, which llama.cpp does not support`);
  }
  const size = GGUF_SCALAR_SIZES.get(itemType);
  if (itemType !== GgufValueType.STRING && size === undefined) {
    cursor.fail(`the array ${key} at byte ${at} has unknown element type ${itemType}`);
  }
  if (count > limits.maxArrayLength) {
    cursor.fail(`the array ${key} at byte ${at} claims ${count} elements, over the limit of ${limits.maxArrayLength}`);
  }
  if (count > budget.left) {
    cursor.fail(`the array ${key} at byte ${at} claims ${count} elements, past the limit of ${limits.maxMetadataElements} for all metadata arrays together`);
  }
  budget.left -= Number(count);
  // Each string costs at least its 8-byte length: the file must be able to hold them all.
  const minBytes = BigInt(count) * BigInt(size ?? 8);
  if (minBytes > BigInt(cursor.remaining)) {
    cursor.fail(`the array ${key} at byte ${at} claims ${count} elements of ${valueTypeName(itemType)}, more than the ${cursor.remaining} remaining bytes can hold`);
  }
  const n = Number(count);
  if (itemType === GgufValueType.STRING) return readStringArray(cursor, n, limits.maxStringBytes, key);
  const values = new Array<GgufValue>(n);
  const itemSize = size!;
  const read = scalarReader(cursor, itemType);
  const batch = Math.floor(limits.chunkBytes / itemSize);
  for (let i = 0; i < n; ) {
    if (cursor.available < itemSize) await cursor.fill(Math.min(n - i, batch) * itemSize);
    const end = Math.min(n, i + Math.floor(cursor.available / itemSize));
    while (i < end) values[i++] = read();
  }
  return values;
}
