import fs from 'node:fs/promises';
import path from 'node:path';
import { HearthError } from '../../contract/errors.js';
import { checkChatTemplate, type TemplateCheckLimits } from './checkChatTemplate.js';
import { describeForeignFile } from './describeForeignFile.js';
import { FileCursor } from './FileCursor.js';
import { GGML_TYPES, REMOVED_GGML_TYPES } from './ggmlTypes.js';
import {
  GGML_MAX_DIMS,
  GGML_MAX_NAME_BYTES,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_SUPPORTED_VERSIONS,
  GGUF_VALUE_TYPE_NAMES,
  GgufValueType,
  type GgufValue,
} from './ggufFormat.js';
import { DEFAULT_GGUF_LIMITS, type GgufLimits } from './ggufLimits.js';
import { invalidGguf } from './invalidGguf.js';
import { readGgufString, readGgufValue } from './readGgufValue.js';
import { summarizeGguf, type GgufSummary } from './summarizeGguf.js';
import { validateGgufHeader } from './validateGgufHeader.js';

export { summarizeGguf, type GgufSummary } from './summarizeGguf.js';
export { validateGgufHeader } from './validateGgufHeader.js';

export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the inner dimension of a row. */
  dims: number[];
  /** ggml type id, and its name from GGML_TYPES. */
  type: number;
  typeName: string;
  elements: number;
  byteSize: number;
  /** Offset inside the data section, as written in the file; the data starts at dataOffset + offset. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  tensorCount: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** File position of the data section (after the tensor infos, aligned). */
  dataOffset: number;
  alignment: number;
  fileSize: number;
}

export interface ReadGgufOptions {
  signal?: AbortSignal;
  /** Overrides of DEFAULT_GGUF_LIMITS. */
  limits?: Partial<GgufLimits>;
}

const INT64_MAX = (1n << 63n) - 1n;
// Smallest encodings: a key/value is a 1-byte key, a type and a 1-byte value;
// a tensor info is a 1-byte name, one dimension, a type and an offset.
const MIN_KV_BYTES = 8 + 1 + 4 + 1;
const MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;
const HEADER_BYTES = 24;

async function openModelFile(file: string): Promise<{ handle: fs.FileHandle; size: number }> {
  const base = path.basename(file);
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new HearthError('MODEL_INVALID', `${base} is a folder, not a GGUF model file. Pick the .gguf file inside it.`);
    if (!stat.isFile()) throw new HearthError('MODEL_INVALID', `${base} is not a regular file, so it cannot be a GGUF model.`);
    const handle = await fs.open(file, 'r');
    return { handle, size: (await handle.stat()).size };
  } catch (error) {
    if (error instanceof HearthError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new HearthError('FILE_NOT_FOUND', `There is no file at ${file}. Check the path.`, { cause: error });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new HearthError('MODEL_INVALID', `${base} cannot be read: permission denied. Check the file's permissions.`, { cause: error });
    }
    throw new HearthError('MODEL_INVALID', `${base} cannot be read (${code ?? (error as Error).message}).`, { cause: error });
  }
}

async function readPreamble(cursor: FileCursor, limits: GgufLimits): Promise<{ version: number; tensorCount: number; kvCount: number }> {
  const { fileSize } = cursor;
  if (fileSize === 0) cursor.fail('the file is empty');
  await cursor.fill(Math.min(64, fileSize));
  const head = cursor.peek(64);
  if (fileSize < 4 && Buffer.from('GGUF').subarray(0, fileSize).equals(head)) cursor.fail(`the file ends inside the header (at byte 0 of ${fileSize})`);
  if (fileSize < 4 || head.readUInt32LE(0) !== GGUF_MAGIC) {
    const foreign = describeForeignFile(head);
    const start = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    cursor.fail(foreign ? `it is ${foreign}, not a GGUF file` : `it is not a GGUF file (it starts with bytes ${start}, not "GGUF")`);
  }
  await cursor.fill(8);
  cursor.u32();
  const version = cursor.u32();
  if (!GGUF_SUPPORTED_VERSIONS.includes(version)) {
    if (version === 1) cursor.fail('it is GGUF version 1, which llama.cpp no longer reads');
    if (version >= 0x10000 && (version & 0xffff) === 0) cursor.fail(`it is a big-endian GGUF file (version ${version >>> 24}), which cannot be read on this machine`);
    cursor.fail(`its GGUF version is ${version} (at byte 4); llama.cpp reads versions 2 and 3`);
  }
  await cursor.fill(HEADER_BYTES - 8);
  const tensorCount = cursor.u64();
  const kvCount = cursor.u64();
  const body = BigInt(fileSize - HEADER_BYTES);
  if (tensorCount > BigInt(limits.maxTensors)) cursor.fail(`it claims ${tensorCount} tensors (at byte 8), over the limit of ${limits.maxTensors}`);
  if (tensorCount * BigInt(MIN_TENSOR_INFO_BYTES) > body) {
    cursor.fail(`it claims ${tensorCount} tensors (at byte 8), more than a file of ${fileSize} bytes can describe`);
  }
  if (kvCount > BigInt(limits.maxKeyValues)) cursor.fail(`it claims ${kvCount} metadata entries (at byte 16), over the limit of ${limits.maxKeyValues}`);
  if (kvCount * BigInt(MIN_KV_BYTES) > body) {
    cursor.fail(`it claims ${kvCount} metadata entries (at byte 16), more than a file of ${fileSize} bytes can hold`);
  }
  return { version, tensorCount: Number(tensorCount), kvCount: Number(kvCount) };
}

async function readMetadata(cursor: FileCursor, kvCount: number, limits: GgufLimits): Promise<{ metadata: Map<string, GgufValue>; alignment: number }> {
  const metadata = new Map<string, GgufValue>();
  let alignment = GGUF_DEFAULT_ALIGNMENT;
  const budget = { left: limits.maxMetadataElements };
  for (let i = 0; i < kvCount; i++) {
    cursor.section = `the metadata (entry ${i + 1} of ${kvCount})`;
    const keyAt = cursor.pos;
    const key = await readGgufString(cursor, limits.maxKeyBytes, `the key of metadata entry ${i + 1}`);
    if (key.length === 0) cursor.fail(`metadata entry ${i + 1} (at byte ${keyAt}) has an empty key`);
    if (metadata.has(key)) cursor.fail(`the metadata key ${key} appears twice (again at byte ${keyAt})`);
    cursor.section = `the metadata (value of ${key})`;
    if (cursor.available < 4) await cursor.fill(4);
    const typeAt = cursor.pos;
    const type = cursor.u32();
    if (!GGUF_VALUE_TYPE_NAMES.has(type)) cursor.fail(`the value of ${key} (at byte ${typeAt}) has unknown type ${type}`);
    const value = await readGgufValue(cursor, type, limits, key, budget);
    if (key === 'general.alignment') {
      if (type !== GgufValueType.UINT32) cursor.fail(`general.alignment must be a uint32, not ${GGUF_VALUE_TYPE_NAMES.get(type)}`);
      const a = value as number;
      if (a === 0 || (a & (a - 1)) !== 0) cursor.fail(`general.alignment is ${a}, not a power of two`);
      alignment = a;
    }
    metadata.set(key, value);
  }
  return { metadata, alignment };
}

interface RawTensor {
  name: string;
  dims: bigint[];
  type: number;
  typeName: string;
  elements: bigint;
  byteSize: bigint;
  offset: bigint;
}

async function readTensorInfo(cursor: FileCursor, index: number, count: number, alignment: number): Promise<RawTensor> {
  cursor.section = `the tensor infos (tensor ${index + 1} of ${count})`;
  const nameAt = cursor.pos;
  const name = await readGgufString(cursor, GGML_MAX_NAME_BYTES, `the name of tensor ${index + 1}`);
  if (name.length === 0) cursor.fail(`tensor ${index + 1} (at byte ${nameAt}) has an empty name`);
  cursor.section = `the tensor infos (tensor ${name})`;
  if (cursor.available < 4) await cursor.fill(4);
  const nDims = cursor.u32();
  if (nDims < 1 || nDims > GGML_MAX_DIMS) cursor.fail(`tensor ${name} has ${nDims} dimensions; ggml supports 1 to ${GGML_MAX_DIMS}`);
  await cursor.fill(nDims * 8 + 12);
  const dims: bigint[] = [];
  let elements = 1n;
  for (let d = 0; d < nDims; d++) {
    const dim = cursor.u64();
    if (dim === 0n || dim > INT64_MAX) cursor.fail(`tensor ${name} has dimension ${d} of size ${dim}`);
    dims.push(dim);
    elements *= dim;
  }
  if (elements > INT64_MAX) {
    cursor.fail(`tensor ${name} has shape [${dims.join(', ')}], ${elements} elements in all, more than ggml can address (2^63 - 1)`);
  }
  const type = cursor.u32();
  const info = GGML_TYPES.get(type);
  if (!info) {
    const removed = REMOVED_GGML_TYPES.get(type);
    cursor.fail(removed ? `tensor ${name} uses type ${removed} (${type}), which llama.cpp no longer supports` : `tensor ${name} has unknown ggml type ${type}`);
  }
  if (dims[0]! % BigInt(info.blockSize) !== 0n) {
    cursor.fail(`tensor ${name} has rows of ${dims[0]} elements, not a multiple of the ${info.name} block size ${info.blockSize}`);
  }
  const offset = cursor.u64();
  if (offset % BigInt(alignment) !== 0n) cursor.fail(`tensor ${name} starts at data offset ${offset}, which is not a multiple of the alignment ${alignment}`);
  const byteSize = (elements / BigInt(info.blockSize)) * BigInt(info.bytesPerBlock);
  return { name, dims, type, typeName: info.name, elements, byteSize, offset };
}

/** Checks every tensor lies inside the file, packed in order the way llama.cpp requires. */
function placeTensors(cursor: FileCursor, raw: RawTensor[], dataOffset: number, alignment: number): GgufTensorInfo[] {
  const size = BigInt(cursor.fileSize);
  const align = BigInt(alignment);
  const start = BigInt(dataOffset);
  let expected = 0n;
  return raw.map((t) => {
    const end = start + t.offset + t.byteSize;
    if (end > size) {
      cursor.fail(`the data of tensor ${t.name} (${t.byteSize} bytes from byte ${start + t.offset}) runs past the end of the file at byte ${size}`);
    }
    if (t.offset !== expected) {
      cursor.fail(`tensor ${t.name} starts at data offset ${t.offset}, expected ${expected} (tensors must follow each other in order)`);
    }
    expected = ((t.offset + t.byteSize + align - 1n) / align) * align;
    return {
      name: t.name,
      dims: t.dims.map(Number),
      type: t.type,
      typeName: t.typeName,
      elements: Number(t.elements),
      byteSize: Number(t.byteSize),
      offset: Number(t.offset),
    };
  });
}

/**
 * Reads and checks the structure of a GGUF file's header (metadata and
 * tensor infos) without reading tensor data, in bounded chunks. Everything a
 * crafted file could use to make a parser over-read, over-allocate or
 * overflow is refused with MODEL_INVALID; a missing file is FILE_NOT_FOUND.
 */
export async function readGgufHeader(file: string, options: ReadGgufOptions = {}): Promise<GgufHeader> {
  const limits: GgufLimits = { ...DEFAULT_GGUF_LIMITS, ...options.limits };
  if (options.signal?.aborted) throw new HearthError('ABORTED', `Reading ${path.basename(file)} was cancelled.`);
  const { handle, size } = await openModelFile(file);
  try {
    const cursor = new FileCursor(handle, file, size, limits.chunkBytes, limits.maxHeaderBytes, options.signal);
    const { version, tensorCount, kvCount } = await readPreamble(cursor, limits);
    const { metadata, alignment } = await readMetadata(cursor, kvCount, limits);
    const names = new Set<string>();
    const raw: RawTensor[] = [];
    for (let i = 0; i < tensorCount; i++) {
      const tensor = await readTensorInfo(cursor, i, tensorCount, alignment);
      if (names.has(tensor.name)) cursor.fail(`the tensor name ${tensor.name} appears twice`);
      names.add(tensor.name);
      raw.push(tensor);
    }
    const dataOffset = Math.ceil(cursor.pos / alignment) * alignment;
    if (tensorCount > 0 && dataOffset > size) {
      cursor.fail(`its data section would start at byte ${dataOffset}, past the end of the file at byte ${size}`);
    }
    const tensors = placeTensors(cursor, raw, dataOffset, alignment);
    return { version, tensorCount, metadata, tensors, dataOffset, alignment, fileSize: size };
  } finally {
    await handle.close();
  }
}

export interface InspectGgufOptions extends ReadGgufOptions {
  /** Limits of the chat template trial (checkChatTemplate); false skips it (tests of the header alone). */
  template?: Partial<TemplateCheckLimits> | false;
}

/**
 * Reads, validates and summarises a model file: what the import and `models
 * add` run before llama.cpp sees it. A chat template that would hang, exhaust
 * memory or reach for interpreter internals refuses the model; one that is
 * merely broken does not (the engine then uses the plain wrapper).
 */
export async function inspectGguf(file: string, options: InspectGgufOptions = {}): Promise<GgufSummary> {
  const header = await readGgufHeader(file, options);
  validateGgufHeader(header, file, { ...DEFAULT_GGUF_LIMITS, ...options.limits });
  const summary = summarizeGguf(header);
  if (summary.chatTemplate && options.template !== false) {
    const verdict = await checkChatTemplate(summary.chatTemplate, options.template);
    if (options.signal?.aborted) throw new HearthError('ABORTED', `Reading ${path.basename(file)} was cancelled.`);
    if (!verdict.ok && verdict.hostile) throw invalidGguf(file, `its chat template is unsafe to run: ${verdict.reason}`);
  }
  return summary;
}
