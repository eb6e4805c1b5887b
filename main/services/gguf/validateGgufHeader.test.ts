import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gguf, type GgufWriteValue } from '../../../scripts/fixtures/encodeGgufHeader.js';
import { minimalGguf, type MinimalGgufOptions } from '../../../scripts/fixtures/minimalGguf.js';
import { inspectGguf, readGgufHeader, summarizeGguf } from './readGgufHeader.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-gguf-validate-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
function write(options: MinimalGgufOptions): string {
  const file = path.join(dir, `case-${++counter}.gguf`);
  fs.writeFileSync(file, minimalGguf(options));
  return file;
}

describe('validateGgufHeader (through inspectGguf)', () => {
  const cases: Array<[string, Record<string, GgufWriteValue | null>, string]> = [
    ['no architecture', { 'general.architecture': null }, 'it has no general.architecture'],
    ['a numeric architecture', { 'general.architecture': gguf.u32(7) }, 'general.architecture is not a name'],
    ['an empty architecture', { 'general.architecture': gguf.str('') }, 'general.architecture is not a name'],
    ['no context length', { 'llama.context_length': null }, 'llama.context_length is missing'],
    ['a zero context length', { 'llama.context_length': gguf.u32(0) }, 'llama.context_length is 0, not a positive integer'],
    ['a text block count', { 'llama.block_count': gguf.str('22') }, 'llama.block_count is not a whole number'],
    ['bos id past the vocabulary', { 'tokenizer.ggml.bos_token_id': gguf.u32(10) }, 'tokenizer.ggml.bos_token_id is 10 but the vocabulary has only 4 tokens'],
    ['eos id equal to the vocabulary size', { 'tokenizer.ggml.eos_token_id': gguf.u32(4) }, 'tokenizer.ggml.eos_token_id is 4 but the vocabulary has only 4 tokens'],
    ['a negative unknown id', { 'tokenizer.ggml.unknown_token_id': gguf.i32(-5) }, 'tokenizer.ggml.unknown_token_id is -5, not a token id'],
    ['a padding id as text', { 'tokenizer.ggml.padding_token_id': gguf.str('0') }, 'tokenizer.ggml.padding_token_id is 0, not a token id'],
    ['scores shorter than tokens', { 'tokenizer.ggml.scores': gguf.arr('f32', [0, 0]) }, 'tokenizer.ggml.scores has 2 entries but tokenizer.ggml.tokens has 4'],
    ['token types longer than tokens', { 'tokenizer.ggml.token_type': gguf.arr('i32', [1, 1, 1, 1, 1]) }, 'tokenizer.ggml.token_type has 5 entries'],
    ['tokens that are numbers', { 'tokenizer.ggml.tokens': gguf.arr('u32', [1, 2, 3, 4]) }, 'tokenizer.ggml.tokens is not a list of strings'],
    ['no tokens', { 'tokenizer.ggml.tokens': gguf.arr('string', []), 'tokenizer.ggml.scores': null, 'tokenizer.ggml.token_type': null }, 'tokenizer.ggml.tokens is empty'],
    ['merges that are numbers', { 'tokenizer.ggml.merges': gguf.arr('i32', [1]) }, 'tokenizer.ggml.merges is not a list of strings'],
    ['a repeated token', { 'tokenizer.ggml.tokens': gguf.arr('string', ['<unk>', '<s>', '</s>', '<s>']) }, 'lists the token "<s>" twice (ids 1 and 3)'],
    ['a merge with no space', { 'tokenizer.ggml.merges': gguf.arr('string', ['a a', 'aa']) }, 'merges entry 1 ("aa") is not two tokens separated by a space'],
    ['a merge with nothing after the space', { 'tokenizer.ggml.merges': gguf.arr('string', ['a ']) }, 'merges entry 0 ("a ") is not two tokens'],
    ['a merge whose only space is first', { 'tokenizer.ggml.merges': gguf.arr('string', [' a']) }, 'merges entry 0 (" a") is not two tokens'],
    ['merges without tokens', { 'tokenizer.ggml.tokens': null, 'tokenizer.ggml.scores': null, 'tokenizer.ggml.token_type': null, 'tokenizer.ggml.merges': gguf.arr('string', ['a a']) }, 'merges is present but tokenizer.ggml.tokens is not'],
    ['a tokenizer model as a number', { 'tokenizer.ggml.model': gguf.u32(1) }, 'tokenizer.ggml.model is 1, not a string'],
    ['add_bos_token as text', { 'tokenizer.ggml.add_bos_token': gguf.str('yes') }, 'tokenizer.ggml.add_bos_token is the text "yes", not a bool'],
    ['a file type as a list', { 'general.file_type': gguf.arr('u32', [1, 2]) }, 'general.file_type is a list of 2, not a whole number'],
    ['a model name as a number', { 'general.name': gguf.f32(1.5) }, 'general.name is 1.5, not a string'],
    ['a chat template as a number', { 'tokenizer.chat_template': gguf.u32(1) }, 'tokenizer.chat_template is not text'],
    ['a 1 MiB + 1 chat template', { 'tokenizer.chat_template': gguf.str('x'.repeat(1024 * 1024 + 1)) }, 'tokenizer.chat_template is 1.0 MiB, over the limit of 1.0 MiB'],
  ];

  it.each(cases)('refuses %s', async (_label, set, expected) => {
    const started = performance.now();
    const error = await inspectGguf(write({ set })).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'MODEL_INVALID' });
    expect((error as Error).message).toMatch(/^case-\d+\.gguf is not a valid GGUF model: /);
    expect((error as Error).message).toContain(expected);
  });

  it('refuses a file with no tensors', async () => {
    await expect(inspectGguf(write({ tensors: [] }))).rejects.toThrow('it has no tensors');
  });

  it('uses the declared vocabulary size when there is no token list', async () => {
    const set = { 'tokenizer.ggml.tokens': null, 'tokenizer.ggml.scores': null, 'tokenizer.ggml.token_type': null, 'llama.vocab_size': gguf.u32(2) };
    await expect(inspectGguf(write({ set }))).rejects.toThrow('tokenizer.ggml.eos_token_id is 2 but the vocabulary has only 2 tokens');
    // 4: the minimal token_embd.weight is [32, 4], and the validator checks the two agree.
    await expect(inspectGguf(write({ set: { ...set, 'llama.vocab_size': gguf.u32(4) } }))).resolves.toMatchObject({ vocabSize: 4 });
  });

  it('honours a lower chat template limit', async () => {
    const file = write({ set: { 'tokenizer.chat_template': gguf.str('{{ messages }}') } });
    await expect(inspectGguf(file)).resolves.toMatchObject({ hasChatTemplate: true, chatTemplate: '{{ messages }}' });
    await expect(inspectGguf(file, { limits: { maxChatTemplateBytes: 10 } })).rejects.toThrow('over the limit of 10 bytes');
  });

  it('honours a lower string limit while reading', async () => {
    const file = write({ set: { 'general.description': gguf.str('y'.repeat(200)) } });
    await expect(readGgufHeader(file, { limits: { maxStringBytes: 100 } })).rejects.toThrow(
      /the string value of general.description at byte \d+ is 200 bytes, over the limit of 100/,
    );
  });
});

describe('summarizeGguf', () => {
  const tensors = [
    { name: 'a', dims: [64, 64], type: 2, offset: 0 },
    { name: 'b', dims: [64, 64], type: 8, offset: 2304 },
    { name: 'c', dims: [64, 64], type: 8, offset: 2304 + 4352 },
    { name: 'n', dims: [64], type: 0, offset: 2304 + 2 * 4352 },
  ];

  it('names the quantization from general.file_type', async () => {
    const header = await readGgufHeader(write({ tensors, dataBytes: 11264, set: { 'general.file_type': gguf.u32(15) } }));
    expect(summarizeGguf(header)).toMatchObject({ quantization: 'Q4_K_M', parameters: 3 * 4096 + 64 });
  });

  it('falls back to the type holding most matrix bytes', async () => {
    const header = await readGgufHeader(write({ tensors, dataBytes: 11264, set: { 'general.file_type': gguf.u32(999) } }));
    expect(summarizeGguf(header).quantization).toBe('Q8_0');
    const noType = await readGgufHeader(write({ tensors, dataBytes: 11264 }));
    expect(summarizeGguf(noType).quantization).toBe('Q8_0');
  });

  it('never throws on odd metadata', async () => {
    const header = await readGgufHeader(write({ set: { 'general.architecture': gguf.u32(1), 'general.name': gguf.u8(3) } }));
    expect(summarizeGguf(header)).toMatchObject({ architecture: 'unknown', name: null, contextLength: 0, blockCount: null });
  });
});
