import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '../../contract/errors.js';
import { gguf } from '../../../scripts/fixtures/encodeGgufHeader.js';
import { createRng } from '../../../scripts/fixtures/createRng.js';
import { minimalGguf, minimalTensorBytes, minimalTensors } from '../../../scripts/fixtures/minimalGguf.js';
import { ensureFixtureModels, fixturePath, hasStoriesModel, STORIES_MODEL } from '../../../test/fixtures.js';
import { inspectGguf, readGgufHeader } from './readGgufHeader.js';

let dir: string;
let tiny: Buffer;
let tinyDataOffset: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-gguf-'));
  await ensureFixtureModels(['tiny']);
  tiny = fs.readFileSync(fixturePath('tiny'));
  tinyDataOffset = (await readGgufHeader(fixturePath('tiny'))).dataOffset;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function put(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Runs inspectGguf and returns the refusal, checking it came fast and as MODEL_INVALID naming the file. */
async function refusal(file: string, options?: Parameters<typeof inspectGguf>[1]): Promise<HearthError> {
  const started = performance.now();
  const error = await inspectGguf(file, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(HearthError);
  const hearth = error as HearthError;
  expect(hearth.code).toBe('MODEL_INVALID');
  expect(hearth.message).toContain(path.basename(file));
  return hearth;
}

function patched(base: Buffer, at: number, write: (b: Buffer) => void): Buffer {
  const copy = Buffer.from(base);
  write(copy.subarray(at));
  return copy;
}

/** Where the u32 type of a metadata key's value sits: right after the key's bytes. */
const typeOffsetOf = (file: Buffer, key: string): number => file.indexOf(Buffer.from(key)) + Buffer.byteLength(key);

describe('readGgufHeader on valid files', () => {
  it('reads the minimal file and summarises it', async () => {
    const summary = await inspectGguf(put('minimal.gguf', minimalGguf()));
    expect(summary).toMatchObject({ architecture: 'llama', name: 'minimal', parameters: 9440, quantization: 'F32', contextLength: 128, vocabSize: 4 });
    expect(summary.hasChatTemplate).toBe(false);
  });

  it('reads only the header of a 1 GiB model, quickly', async () => {
    // The minimal layer with a 2^23-token embedding: 1 GiB of F32 before the other tensors.
    const shift = 2 ** 30 - 32 * 4 * 4;
    const tensors = minimalTensors().map((t) => (t.name === 'token_embd.weight' ? { ...t, dims: [32, 1 << 23] } : { ...t, offset: t.offset + shift }));
    const set = { 'tokenizer.ggml.tokens': null, 'tokenizer.ggml.scores': null, 'tokenizer.ggml.token_type': null, 'llama.vocab_size': gguf.u32(1 << 23) };
    const header = minimalGguf({ set, tensors, dataBytes: 0 });
    const file = put('huge.gguf', header);
    fs.truncateSync(file, header.length + shift + minimalTensorBytes()); // sparse: no gigabyte written
    const started = performance.now();
    const summary = await inspectGguf(file);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(summary.sizeBytes).toBe(header.length + shift + minimalTensorBytes());
    expect(summary.parameters).toBe(2 ** 28 + 9440 - 128);
  });

  it('treats u32 -1 token ids as "no such token", the way converters write them', async () => {
    const file = put('no-pad.gguf', minimalGguf({ set: { 'tokenizer.ggml.padding_token_id': gguf.u32(0xffffffff) } }));
    await expect(inspectGguf(file)).resolves.toMatchObject({ architecture: 'llama' });
  });

  it.skipIf(!hasStoriesModel)('accepts the real stories260K model', async () => {
    const summary = await inspectGguf(STORIES_MODEL);
    expect(summary).toMatchObject({ architecture: 'llama', vocabSize: 512, blockCount: 5, embeddingLength: 64, quantization: 'F32' });
    expect(summary.parameters).toBeGreaterThan(200_000);
  });
});

describe('readGgufHeader refuses truncated files', () => {
  it.each([
    ['inside the magic', () => 2, 'the file ends inside the header (at byte 0 of 2)'],
    ['inside the counts', () => 13, 'the file ends inside the header (at byte 8 of 13)'],
    ['before the first key', () => 30, 'it claims 21 tensors (at byte 8), more than a file of 30 bytes can describe'],
    ['inside the vocabulary', () => 4000, 'the array tokenizer.ggml.tokens at byte 716 claims 512 elements of string, more than the 3272 remaining bytes can hold'],
    ['inside a tensor name', () => tiny.indexOf(Buffer.from('blk.0.attn_q.weight')) + 4, 'the name of tensor 3 at byte 12288 claims 19 bytes but only 4 remain in the file'],
  ])('cut %s', async (_label, cut, expected) => {
    const error = await refusal(put(`cut-${cut()}.gguf`, tiny.subarray(0, cut())));
    expect(error.message).toContain(expected);
  });

  it('cut inside a number', async () => {
    const minimal = minimalGguf();
    const cut = typeOffsetOf(minimal, 'tokenizer.ggml.eos_token_id') + 6;
    const error = await refusal(put('cut-number.gguf', minimal.subarray(0, cut)));
    expect(error.message).toContain(`the file ends inside the metadata (value of tokenizer.ggml.eos_token_id) (at byte ${cut - 2} of ${cut})`);
  });

  it('cut inside the padding before the data', async () => {
    const error = await refusal(put('cut-padding.gguf', tiny.subarray(0, tinyDataOffset - 1)));
    expect(error.message).toMatch(/data section would start at byte \d+, past the end of the file/);
  });

  it.each([
    ['in the first tensor', () => tinyDataOffset + 100],
    ['one byte short', () => tiny.length - 1],
  ])('cut inside the data, %s', async (_label, cut) => {
    const error = await refusal(put('cut-data.gguf', tiny.subarray(0, cut())));
    expect(error.message).toMatch(/the data of tensor \S+ \(\d+ bytes from byte \d+\) runs past the end of the file/);
  });
});

describe('readGgufHeader refuses what is not GGUF', () => {
  it.each([
    ['empty', Buffer.alloc(0), 'the file is empty'],
    ['bad magic', patched(minimalGguf(), 0, (b) => b.write('GGUX')), 'not a GGUF file (it starts with bytes 47 47 55 58'],
    ['safetensors', Buffer.concat([Buffer.from([20, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{"__metadata__":{}}  ')]), 'a safetensors file'],
    ['zip', Buffer.from('PK\x03\x04\x14\x00\x00\x00archive/data.pkl', 'latin1'), 'a ZIP archive'],
    ['html', Buffer.from('\n<!DOCTYPE html><html><body>Not found</body></html>'), 'an HTML page'],
    ['lfs pointer', Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n'), 'a Git LFS pointer'],
    ['three bytes', Buffer.from('ABC'), 'not a GGUF file (it starts with bytes 41 42 43,'],
  ])('%s', async (label, bytes, expected) => {
    const error = await refusal(put(`${label}.gguf`, bytes));
    expect(error.message).toContain(expected);
    if (label !== 'empty') expect(error.message).toContain('not a GGUF file');
  });

  it('a random file', async () => {
    const rng = createRng(99);
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.nextU32() & 0xff;
    expect((await refusal(put('random.gguf', bytes))).message).toContain('not a GGUF file');
  });

  it('a directory', async () => {
    fs.mkdirSync(path.join(dir, 'folder.gguf'));
    const error = await refusal(path.join(dir, 'folder.gguf'));
    expect(error.message).toBe('folder.gguf is a folder, not a GGUF model file. Pick the .gguf file inside it.');
  });

  it('a missing file is FILE_NOT_FOUND', async () => {
    await expect(inspectGguf(path.join(dir, 'nowhere.gguf'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(inspectGguf(fixturePath('tiny'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('readGgufHeader refuses crafted headers', () => {
  const base = (): Buffer => minimalGguf();
  const u32At = (at: number, v: number) => (b: Buffer) => b.writeUInt32LE(v, at);
  const u64At = (at: number, v: bigint) => (b: Buffer) => b.writeBigUInt64LE(v, at);

  it.each([
    ['version 7', () => patched(base(), 0, u32At(4, 7)), 'its GGUF version is 7 (at byte 4)'],
    ['version 1', () => patched(base(), 0, u32At(4, 1)), 'GGUF version 1'],
    ['big-endian', () => patched(base(), 0, u32At(4, 0x03000000)), 'big-endian GGUF'],
    ['absurd tensor count', () => patched(base(), 0, u64At(8, 1n << 40n)), 'claims 1099511627776 tensors (at byte 8), over the limit'],
    ['tensor count the file cannot hold', () => patched(base(), 0, u64At(8, 60_000n)), 'more than a file of'],
    ['absurd kv count', () => patched(base(), 0, u64At(16, (1n << 62n) + 5n)), 'metadata entries (at byte 16), over the limit'],
    ['key length near 2^63', () => patched(base(), 0, u64At(24, 0x7ffffffffffffff0n)), 'claims 9223372036854775792 bytes but only'],
    ['key over the cap', () => patched(base(), 0, u64At(24, 70_000n)), 'remain in the file'],
    ['string value near 2^63', () => {
      const b = base();
      return patched(b, 0, u64At(typeOffsetOf(b, 'general.architecture') + 4, 0x7fffffffffffffffn));
    }, 'the string value of general.architecture at byte'],
    ['unknown value type', () => {
      const b = base();
      return patched(b, 0, u32At(typeOffsetOf(b, 'general.name'), 99));
    }, 'the value of general.name (at byte'],
    ['array length near 2^63', () => {
      const b = base();
      return patched(b, 0, u64At(typeOffsetOf(b, 'tokenizer.ggml.scores') + 8, 0x7fffffffffffffffn));
    }, 'claims 9223372036854775807 elements, over the limit'],
    ['array longer than the file', () => {
      const b = base();
      return patched(b, 0, u64At(typeOffsetOf(b, 'tokenizer.ggml.scores') + 8, 1_000_000n));
    }, 'more than the'],
    ['unknown array element type', () => {
      const b = base();
      return patched(b, 0, u32At(typeOffsetOf(b, 'tokenizer.ggml.scores') + 4, 42));
    }, 'unknown element type 42'],
    ['nested arrays', () => minimalGguf({ set: { 'x.nested': gguf.nested([gguf.arr('u8', [1])]) } }), 'holds arrays'],
    ['duplicate key', duplicateKey, 'the metadata key general.name appears twice (again at byte'],
    ['arrays over the total element budget', () => minimalGguf({ set: { 'x.a': gguf.arr('u8', new Array(300).fill(0)) } }), 'past the limit of 100 for all metadata arrays together'],
    ['alignment not a power of two', () => minimalGguf({ set: { 'general.alignment': gguf.u32(48) } }), 'general.alignment is 48, not a power of two'],
    ['alignment of the wrong type', () => minimalGguf({ set: { 'general.alignment': gguf.u64(32) } }), 'general.alignment must be a uint32, not uint64'],
  ])('%s', async (label, make, expected) => {
    const limits = label.includes('budget') ? { maxMetadataElements: 100 } : {};
    const error = await refusal(put(`${label.replace(/\W+/g, '-')}.gguf`, make()), { limits });
    expect(error.message).toContain(expected);
  });

  const tensor = (over: Partial<{ name: string; dims: (number | bigint)[]; type: number; offset: number | bigint }>) => ({
    name: 'w',
    dims: [32, 4] as (number | bigint)[],
    type: 0,
    offset: 0 as number | bigint,
    ...over,
  });

  it.each([
    ['dims product overflow', [tensor({ dims: [1n << 32n, 1n << 32n, 1n << 32n] })], 'more than ggml can address'],
    ['a zero dimension', [tensor({ dims: [32, 0] })], 'dimension 1 of size 0'],
    ['five dimensions', [tensor({ dims: [32, 1, 1, 1, 1] })], 'has 5 dimensions'],
    ['no dimensions', [tensor({ dims: [] })], 'has 0 dimensions'],
    ['unknown ggml type', [tensor({ type: 99 })], 'unknown ggml type 99'],
    ['removed ggml type', [tensor({ type: 31 })], 'Q4_0_4_4 (31), which llama.cpp no longer supports'],
    ['rows not a block multiple', [tensor({ type: 8, dims: [33, 4] })], 'rows of 33 elements, not a multiple of the Q8_0 block size 32'],
    ['misaligned offset', [tensor({ offset: 7 })], 'data offset 7, which is not a multiple of the alignment 32'],
    ['data offset past EOF', [tensor({ offset: 1n << 40n })], 'runs past the end of the file'],
    ['overlapping tensors', [tensor({}), tensor({ name: 'v' })], 'tensor v starts at data offset 0, expected 512'],
    ['duplicate tensor names', [tensor({}), tensor({ offset: 512 })], 'the tensor name w appears twice'],
    ['a 64-byte tensor name', [tensor({ name: 'n'.repeat(64) })], 'is 64 bytes, over the limit of 63'],
  ])('%s', async (label, tensors, expected) => {
    const error = await refusal(put(`${label.replace(/\W+/g, '-')}.gguf`, minimalGguf({ tensors, dataBytes: 1024 })));
    expect(error.message).toContain(expected);
  });
});

function duplicateKey(): Buffer {
  // Rename a later key to an earlier one, same length, so the file stays well-formed otherwise.
  const b = minimalGguf({ set: { 'general.nama': gguf.str('two') } });
  const at = b.indexOf(Buffer.from('general.nama'));
  b.write('general.name', at);
  return b;
}
