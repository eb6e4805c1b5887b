import { createRng } from '../fixtures/createRng.js';
import { gguf, type GgufTensorInfoSpec } from '../fixtures/encodeGgufHeader.js';
import { minimalGguf } from '../fixtures/minimalGguf.js';
import { lengthBefore, patched, TRUNCATED, u32At, u64At, type MalformedCase } from './MalformedCase.js';
import { tracedBase, truncationPoints } from './tracedBase.js';

const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const base = () => minimalGguf();

export function truncationCases(): MalformedCase[] {
  const traced = tracedBase();
  return truncationPoints(traced).map(({ at, label }) => ({
    kind: 'truncation',
    slug: `cut-${String(at).padStart(5, '0')}`,
    what: `cut at byte ${at} of ${traced.bytes.length}, ${label}`,
    bytes: traced.bytes.subarray(0, at),
    expect: TRUNCATED,
  }));
}

export function magicCases(): MalformedCase[] {
  const rng = createRng(0x6775);
  const random = Buffer.alloc(4096);
  for (let i = 0; i < random.length; i += 4) random.writeUInt32LE(rng.nextU32(), i);
  const start = (text: string) => patched(base(), 0, (b) => b.write(text, 0, 'latin1'));
  const cases: Array<[string, string, Buffer]> = [
    ['ggux', 'magic "GGUX"', start('GGUX')],
    ['lowercase', 'magic "gguf"', start('gguf')],
    ['reversed', 'magic bytes reversed ("FUGG")', start('FUGG')],
    ['zeros', 'four zero bytes for a magic', patched(base(), 0, u32At(0))],
    ['ggjt', 'the old GGML "ggjt" magic', start('tjgg')],
    ['empty', 'an empty file', Buffer.alloc(0)],
    ['one-byte', 'one byte, "G"', Buffer.from('G')],
    ['three-bytes', 'three bytes, "GGU"', Buffer.from('GGU')],
    ['safetensors', 'a safetensors header', Buffer.concat([Buffer.from([20, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{"__metadata__":{}}  ')])],
    ['zip', 'a ZIP archive', Buffer.from('PK\x03\x04\x14\x00\x00\x00archive/data.pkl', 'latin1')],
    ['html', 'an HTML error page', Buffer.from('<!DOCTYPE html><html><body>404 Not Found</body></html>')],
    ['lfs', 'a Git LFS pointer', Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n')],
    ['random', '4 KiB of random bytes', random],
    ['elf', 'an ELF executable', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(64)])],
  ];
  return cases.map(([slug, what, bytes]) => ({ kind: 'magic', slug, what, bytes, expect: 'not a GGUF file|the file is empty|ends inside the header' }));
}

export function versionCases(): MalformedCase[] {
  return [0, 1, 4, 7, 0x7fffffff, 0xffffffff, 0x03000000, 0x02000000, 0x00030000].map((v) => ({
    kind: 'version',
    slug: `v${v.toString(16)}`,
    what: `GGUF version ${v}`,
    bytes: patched(base(), 4, u32At(v)),
    expect: 'GGUF version|big-endian',
  }));
}

/** The minimal metadata with a single tensor: counts and alignments are judged against a file this small. */
const oneTensor = (options: Parameters<typeof minimalGguf>[0] = {}) => minimalGguf({ ...options, tensors: [{ name: 'token_embd.weight', dims: [32, 4], type: 0, offset: 0 }], dataBytes: 512 });

export function countCases(): MalformedCase[] {
  const tensors = (n: bigint, why: string): MalformedCase => ({ kind: 'counts', slug: `tensors-${n}`, what: `claims ${n} tensors (${why})`, bytes: patched(oneTensor(), 8, u64At(n)), expect: n === 2n ? '' : 'tensors \\(at byte 8\\)' });
  const kvs = (n: bigint, why: string): MalformedCase => ({ kind: 'counts', slug: `kvs-${n}`, what: `claims ${n} metadata entries (${why})`, bytes: patched(oneTensor(), 16, u64At(n)), expect: n < 400n ? '' : 'metadata entries \\(at byte 16\\)' });
  return [
    tensors(U64_MAX, 'u64 max'),
    tensors(1n << 63n, '2^63'),
    tensors(I64_MAX, '2^63 - 1'),
    tensors(1n << 40n, '2^40'),
    tensors(65_537n, 'one over the limit'),
    tensors(1_000n, 'more than the file can describe'),
    tensors(2n, 'one more than written'),
    kvs(U64_MAX, 'u64 max'),
    kvs(1n << 63n, '2^63'),
    kvs(1n << 32n, '2^32'),
    kvs(16_385n, 'one over the limit'),
    kvs(500n, 'more than the file can hold'),
    kvs(15n, 'one more than written'),
    kvs(13n, 'one fewer than written: the last entry is read as a tensor'),
    kvs(0n, 'none: the metadata is read as tensor infos'),
  ];
}

export function stringLengthCases(): MalformedCase[] {
  const b = base();
  const at = (text: string) => lengthBefore(b, text);
  const cases: Array<[string, string, number, bigint]> = [
    ['key-i64max', 'first key length 2^63 - 1', 24, I64_MAX],
    ['key-2p63', 'first key length 2^63', 24, 1n << 63n],
    ['key-u64max', 'first key length 2^64 - 1', 24, U64_MAX],
    ['key-high-word', 'first key length 2^32 + 20', 24, (1n << 32n) + 20n],
    ['key-past-eof', 'first key length one past the end of the file', 24, BigInt(b.length - 32 + 1)],
    ['value-i64max', 'general.architecture value length 2^63 - 1', at('llama'), I64_MAX],
    ['value-u64max', 'general.architecture value length 2^64 - 1', at('llama'), U64_MAX],
    ['value-past-eof', 'general.name value length past the end of the file', at('minimal'), BigInt(b.length)],
    ['token-i64max', 'first vocabulary string length 2^63 - 1', at('<unk>'), I64_MAX],
    ['token-past-eof', 'first vocabulary string length past the end of the file', at('<unk>'), BigInt(b.length)],
    ['tensor-name-2p63', 'tensor name length 2^63', at('token_embd.weight'), 1n << 63n],
    ['tensor-name-64', 'tensor name length 64, over ggml\'s 63', at('token_embd.weight'), 64n],
  ];
  const out: MalformedCase[] = cases.map(([slug, what, offset, value]) => ({
    kind: 'string-length',
    slug,
    what,
    bytes: patched(b, offset, u64At(value)),
    expect: 'claims \\d+ bytes but only|over the limit of|ends inside|can describe',
  }));
  out.push({ kind: 'string-length', slug: 'key-64k', what: 'a metadata key of 65,536 bytes', bytes: minimalGguf({ set: { ['k'.repeat(65_536)]: gguf.u8(1) } }), expect: 'over the limit of 65535' });
  return out;
}

const tensor = (over: Partial<GgufTensorInfoSpec>): GgufTensorInfoSpec => ({ name: 'w', dims: [32, 4], type: 0, offset: 0, ...over });
const withTensors = (tensors: GgufTensorInfoSpec[], dataBytes = 1024) => minimalGguf({ tensors, dataBytes });

export function tensorShapeCases(): MalformedCase[] {
  const nDimsAt = (buf: Buffer) => lengthBefore(buf, 'token_embd.weight') + 8 + 'token_embd.weight'.length;
  const nDims = (n: number): MalformedCase => {
    const b = base();
    return { kind: 'tensor-shape', slug: `ndims-${n}`, what: `a tensor with ${n} dimensions`, bytes: patched(b, nDimsAt(b), u32At(n)), expect: 'dimensions; ggml supports 1 to 4' };
  };
  const shape = (slug: string, what: string, dims: bigint[], expect: string, type = 0): MalformedCase => ({ kind: 'tensor-shape', slug, what, bytes: withTensors([tensor({ dims, type })]), expect });
  return [
    nDims(0),
    nDims(5),
    nDims(8),
    nDims(65),
    nDims(0xffffffff),
    shape('product-2p96', 'dimensions 2^32 x 2^32 x 2^32', [1n << 32n, 1n << 32n, 1n << 32n], 'more than ggml can address'),
    shape('product-2p64', 'dimensions 2^62 x 2 x 2', [1n << 62n, 2n, 2n], 'more than ggml can address'),
    shape('product-2p63', 'dimensions 2^31 x 2^32, exactly 2^63 elements', [1n << 31n, 1n << 32n], 'more than ggml can address'),
    shape('product-wraps-u64', 'dimensions whose product is 2^64 + 32 (wraps to 32 in u64)', [32n, (1n << 59n) + 1n, 32n], 'more than ggml can address'),
    shape('dim-2p63', 'a dimension of 2^63', [1n << 63n, 1n], 'of size 9223372036854775808'),
    shape('dim-u64max', 'a dimension of 2^64 - 1 (-1 as i64)', [U64_MAX], 'of size'),
    shape('dim-zero-first', 'a first dimension of 0', [0n, 4n], 'dimension 0 of size 0'),
    shape('dim-zero-last', 'a last dimension of 0', [32n, 4n, 0n], 'dimension 2 of size 0'),
    shape('bytes-past-eof', 'a 2^31 x 2^31 F32 tensor, 16 EiB of data in a small file', [1n << 31n, 1n << 31n], 'runs past the end of the file'),
    shape('unknown-type', 'ggml type 99', [32n, 4n], 'unknown ggml type 99', 99),
    shape('type-2p31', 'ggml type 2^31', [32n, 4n], 'unknown ggml type', 0x80000000),
    shape('removed-type', 'the removed type Q4_0_4_4', [32n, 4n], 'no longer supports', 31),
    shape('block-mismatch', 'Q8_0 rows of 33 elements', [33n, 4n], 'not a multiple of the Q8_0 block size', 8),
  ];
}

export function dataOffsetCases(): MalformedCase[] {
  const one = (slug: string, what: string, tensors: GgufTensorInfoSpec[], expect: string, dataBytes = 1024): MalformedCase => ({ kind: 'data-offset', slug, what, bytes: withTensors(tensors, dataBytes), expect });
  const align = (slug: string, what: string, value: Parameters<typeof minimalGguf>[0], expect: string): MalformedCase => ({ kind: 'data-offset', slug, what, bytes: oneTensor(value), expect });
  return [
    one('offset-2p40', 'data at offset 2^40', [tensor({ offset: 1n << 40n })], 'runs past the end of the file'),
    one('offset-2p63', 'data at offset 2^63', [tensor({ offset: 1n << 63n })], 'runs past the end of the file'),
    one('offset-wraps', 'data at offset 2^64 - 32 (wraps to -32)', [tensor({ offset: U64_MAX - 31n })], 'runs past the end of the file'),
    one('offset-misaligned', 'data at offset 7', [tensor({ offset: 7 })], 'not a multiple of the alignment 32'),
    one('offset-gap', 'the first tensor at offset 32 instead of 0', [tensor({ offset: 32 })], 'expected 0'),
    one('overlap', 'two tensors at offset 0', [tensor({}), tensor({ name: 'v' })], 'expected 512'),
    one('overlap-partial', 'the second tensor starting inside the first', [tensor({}), tensor({ name: 'v', offset: 256 })], 'expected 512'),
    one('out-of-order', 'tensors in reverse order', [tensor({ offset: 512 }), tensor({ name: 'v', offset: 0 })], 'expected 0'),
    one('short-by-one', 'tensor data one byte short', [tensor({})], 'runs past the end of the file', 511),
    one('no-data', 'no tensor data at all', [tensor({})], 'runs past the end of the file|past the end of the file', 0),
    align('alignment-zero', 'general.alignment 0', { set: { 'general.alignment': gguf.u32(0) } }, 'not a power of two'),
    align('alignment-three', 'general.alignment 3', { set: { 'general.alignment': gguf.u32(3) } }, 'not a power of two'),
    align('alignment-2p31', 'general.alignment 2^31, pushing the data past the end', { set: { 'general.alignment': gguf.u32(0x80000000) } }, 'past the end of the file'),
    align('alignment-1mib', 'general.alignment 1 MiB in a small file', { set: { 'general.alignment': gguf.u32(1 << 20) } }, 'past the end of the file'),
  ];
}

export function arrayCases(): MalformedCase[] {
  const b = base();
  // The vocabulary array: element type (4 bytes) then count (8), just before the first token's length.
  const countAt = lengthBefore(b, '<unk>') - 8;
  const typeAt = countAt - 4;
  const count = (slug: string, value: bigint, expect: string): MalformedCase => ({ kind: 'array', slug, what: `the vocabulary array claims ${value} elements`, bytes: patched(b, countAt, u64At(value)), expect });
  const elementType = (slug: string, value: number, expect: string): MalformedCase => ({ kind: 'array', slug, what: `the vocabulary array has element type ${value}`, bytes: patched(b, typeAt, u32At(value)), expect });
  return [
    count('count-u64max', U64_MAX, 'over the limit of'),
    count('count-2p63', 1n << 63n, 'over the limit of'),
    count('count-high-word', (1n << 32n) + 4n, 'over the limit of'),
    count('count-limit-plus-one', 4n * 1024n * 1024n + 1n, 'over the limit of'),
    count('count-past-eof', 100_000n, 'more than the \\d+ remaining bytes can hold'),
    elementType('type-array', 9, 'holds arrays'),
    elementType('type-13', 13, 'unknown element type 13'),
    elementType('type-u32max', 0xffffffff, 'unknown element type'),
    { kind: 'array', slug: 'nested', what: 'an array of arrays', bytes: minimalGguf({ set: { 'x.nested': gguf.nested([gguf.arr('u8', [1])]) } }), expect: 'holds arrays' },
  ];
}

export function structureCases(): MalformedCase[] {
  const b = base();
  return [
    { kind: 'structure', slug: 'duplicate-key', what: 'the key x.dup written twice', bytes: duplicateKey(), expect: 'the metadata key x\\.dup1 appears twice' },
    { kind: 'structure', slug: 'empty-key', what: 'a metadata key of zero bytes', bytes: minimalGguf({ set: { '': gguf.u8(1) } }), expect: 'has an empty key' },
    { kind: 'structure', slug: 'unknown-value-type', what: 'a value of type 13', bytes: patched(b, lengthBefore(b, 'llama') - 4, u32At(13)), expect: 'unknown type 13' },
    { kind: 'structure', slug: 'value-type-u32max', what: 'a value of type 2^32 - 1', bytes: patched(b, lengthBefore(b, 'llama') - 4, u32At(0xffffffff)), expect: 'unknown type 4294967295' },
    { kind: 'structure', slug: 'empty-tensor-name', what: 'a tensor with an empty name', bytes: withTensors([tensor({ name: '' })]), expect: 'has an empty name' },
    { kind: 'structure', slug: 'duplicate-tensor', what: 'two tensors with one name', bytes: withTensors([tensor({}), tensor({ offset: 512 })]), expect: 'appears twice' },
    { kind: 'structure', slug: 'no-tensors', what: 'no tensors at all', bytes: minimalGguf({ tensors: [] }), expect: 'has no tensors' },
  ];
}

/** Two entries x.dup1 and x.dup2, then the second key's bytes overwritten with the first's: same length, so the file stays well formed. */
function duplicateKey(): Buffer {
  const bytes = minimalGguf({ set: { 'x.dup1': gguf.u8(1), 'x.dup2': gguf.u8(2) } });
  Buffer.from('x.dup1').copy(bytes, bytes.indexOf(Buffer.from('x.dup2')));
  return bytes;
}
