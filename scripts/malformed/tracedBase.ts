import { alignUp, GGUF_DEFAULT_ALIGNMENT } from '../../main/services/gguf/ggufFormat.js';
import { encodeGgufHeader, gguf, type GgufTensorInfoSpec, type GgufWriteValue } from '../fixtures/encodeGgufHeader.js';
import { minimalMetadata, minimalTensorBytes, minimalTensors } from '../fixtures/minimalGguf.js';

/** One field of the file as written: where it starts and ends, and what it is. */
export interface FieldSpan {
  label: string;
  start: number;
  end: number;
}

export interface TracedFile {
  bytes: Buffer;
  fields: FieldSpan[];
}

/** A ChatML template like real instruct models carry: the base passes the template check, so only the cut is wrong. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const PREAMBLE = 24;

/** Every metadata value type GGUF has, so truncation lands inside each kind of value at least once. */
function baseMetadata(): Array<[string, GgufWriteValue]> {
  return [
    ...minimalMetadata(),
    ['general.alignment', gguf.u32(GGUF_DEFAULT_ALIGNMENT)],
    ['tokenizer.chat_template', gguf.str(CHATML_TEMPLATE)],
    ['tokenizer.ggml.add_bos_token', gguf.bool(true)],
    ['x.u8', gguf.u8(7)],
    ['x.i16', gguf.i16(-3)],
    ['x.u64', gguf.u64(1n << 40n)],
    ['x.i64', gguf.i64(-5)],
    ['x.f64', gguf.f64(0.25)],
    ['x.u16s', gguf.arr('u16', [1, 2, 3, 4, 5, 6])],
  ];
}

/** Bytes of one tensor's data: F32, or Q8_0 (32 elements per 34-byte block). */
const dataBytes = (t: GgufTensorInfoSpec) => {
  const elements = t.dims.reduce<number>((a, b) => a * Number(b), 1);
  return t.type === 0 ? elements * 4 : (elements / 32) * 34;
};
/** The minimal llama layer (the validator checks layer tensors) plus a quantized output, so the base holds two tensor types. */
const TENSORS: GgufTensorInfoSpec[] = [...minimalTensors(), { name: 'output.weight', dims: [32, 4], type: 8, offset: minimalTensorBytes() }];
const DATA_BYTES = minimalTensorBytes() + dataBytes(TENSORS.at(-1)!);

/** The bytes encodeGgufHeader writes for one entry, without the 24-byte preamble or padding. */
function encodedKv(key: string, value: GgufWriteValue): Buffer {
  return encodeGgufHeader({ kv: [[key, value]], alignment: 1 }).subarray(PREAMBLE);
}
function encodedTensor(tensor: GgufTensorInfoSpec): Buffer {
  return encodeGgufHeader({ kv: [], tensors: [tensor], alignment: 1 }).subarray(PREAMBLE);
}

/**
 * A complete, valid model (the registry accepts it) together with the span
 * of every field in it: the truncation cases cut at each boundary and in the
 * middle of each value.
 */
export function tracedBase(): TracedFile {
  const kv = baseMetadata();
  const header = encodeGgufHeader({ kv, tensors: TENSORS });
  const fields: FieldSpan[] = [
    { label: 'magic', start: 0, end: 4 },
    { label: 'version', start: 4, end: 8 },
    { label: 'tensor count', start: 8, end: 16 },
    { label: 'metadata count', start: 16, end: 24 },
  ];
  let at = PREAMBLE;
  for (const [key, value] of kv) {
    const entry = encodedKv(key, value);
    const keyBytes = Buffer.byteLength(key);
    fields.push({ label: `${key} key length`, start: at, end: at + 8 });
    fields.push({ label: `${key} key`, start: at + 8, end: at + 8 + keyBytes });
    fields.push({ label: `${key} type`, start: at + 8 + keyBytes, end: at + 12 + keyBytes });
    const valueStart = at + 12 + keyBytes;
    const end = at + entry.length;
    if (value.type === 'string') {
      fields.push({ label: `${key} string length`, start: valueStart, end: valueStart + 8 });
      fields.push({ label: `${key} string bytes`, start: valueStart + 8, end });
    } else if (value.type === 'array') {
      fields.push({ label: `${key} element type`, start: valueStart, end: valueStart + 4 });
      fields.push({ label: `${key} element count`, start: valueStart + 4, end: valueStart + 12 });
      fields.push({ label: `${key} elements`, start: valueStart + 12, end });
    } else {
      fields.push({ label: `${key} value`, start: valueStart, end });
    }
    at = end;
  }
  for (const tensor of TENSORS) {
    const entry = encodedTensor(tensor);
    const nameBytes = Buffer.byteLength(tensor.name);
    const dimsEnd = at + 12 + nameBytes + 8 * tensor.dims.length;
    fields.push({ label: `${tensor.name} name length`, start: at, end: at + 8 });
    fields.push({ label: `${tensor.name} name`, start: at + 8, end: at + 8 + nameBytes });
    fields.push({ label: `${tensor.name} dimension count`, start: at + 8 + nameBytes, end: at + 12 + nameBytes });
    fields.push({ label: `${tensor.name} dimensions`, start: at + 12 + nameBytes, end: dimsEnd });
    fields.push({ label: `${tensor.name} type`, start: dimsEnd, end: dimsEnd + 4 });
    fields.push({ label: `${tensor.name} offset`, start: dimsEnd + 4, end: at + entry.length });
    at += entry.length;
  }
  if (header.length !== alignUp(at, GGUF_DEFAULT_ALIGNMENT)) throw new Error('tracedBase: spans disagree with the encoder');
  if (header.length > at) fields.push({ label: 'padding', start: at, end: header.length });
  const dataStart = header.length;
  for (const tensor of TENSORS) {
    const start = dataStart + Number(tensor.offset);
    fields.push({ label: `${tensor.name} data`, start, end: start + dataBytes(tensor) });
  }
  // Deterministic, finite weights: F32 zeros and Q8_0 blocks with a zero scale.
  const bytes = Buffer.concat([header, Buffer.alloc(DATA_BYTES)]);
  return { bytes, fields };
}

/** Cut points: each field's start and its middle (a cut inside a number or a string), then one byte short of the end. */
export function truncationPoints(file: TracedFile): Array<{ at: number; label: string }> {
  const points = new Map<number, string>();
  for (const f of file.fields) {
    if (!points.has(f.start)) points.set(f.start, `at the start of ${f.label}`);
    const mid = f.start + Math.floor((f.end - f.start) / 2);
    if (f.end - f.start > 1 && !points.has(mid)) points.set(mid, `in the middle of ${f.label}`);
  }
  points.set(file.bytes.length - 1, 'one byte before the end');
  return [...points].sort((a, b) => a[0] - b[0]).map(([at, label]) => ({ at, label }));
}
