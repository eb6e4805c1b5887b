import { gguf, type GgufWriteValue } from '../fixtures/encodeGgufHeader.js';
import { minimalGguf } from '../fixtures/minimalGguf.js';
import type { MalformedCase, MalformedKind } from './MalformedCase.js';

type Set = Record<string, GgufWriteValue | null>;
const one = (kind: MalformedKind, slug: string, what: string, set: Set, expect: string): MalformedCase => ({ kind, slug, what, bytes: minimalGguf({ set }), expect });
/** Without a token list, only a declared vocabulary size. */
const NO_TOKENS: Set = { 'tokenizer.ggml.tokens': null, 'tokenizer.ggml.scores': null, 'tokenizer.ggml.token_type': null };

export function valueTypeCases(): MalformedCase[] {
  const t = (slug: string, key: string, value: GgufWriteValue, expect: string) => one('value-type', slug, `${key} stored as ${value.type === 'array' ? `an array of ${value.itemType}` : value.type}`, { [key]: value }, expect);
  const alignment = 'general\\.alignment must be a uint32';
  const context = 'llama\\.context_length is';
  const tokens = 'tokenizer\\.ggml\\.tokens is not a list of strings';
  const template = 'tokenizer\\.chat_template is not text';
  return [
    t('alignment-string', 'general.alignment', gguf.str('32'), alignment),
    t('alignment-u64', 'general.alignment', gguf.u64(32), alignment),
    t('alignment-i32', 'general.alignment', gguf.i32(32), alignment),
    t('alignment-f32', 'general.alignment', gguf.f32(32), alignment),
    t('alignment-bool', 'general.alignment', gguf.bool(true), alignment),
    t('alignment-array', 'general.alignment', gguf.arr('u32', [32]), alignment),
    t('architecture-u32', 'general.architecture', gguf.u32(7), 'general\\.architecture is not a name'),
    t('architecture-array', 'general.architecture', gguf.arr('string', ['llama']), 'general\\.architecture is not a name'),
    t('architecture-empty', 'general.architecture', gguf.str(''), 'general\\.architecture is not a name'),
    one('value-type', 'architecture-missing', 'no general.architecture', { 'general.architecture': null }, 'has no general\\.architecture'),
    t('context-string', 'llama.context_length', gguf.str('2048'), context),
    t('context-f32', 'llama.context_length', gguf.f32(128.5), context),
    t('context-negative', 'llama.context_length', gguf.i32(-1), context),
    t('context-bool', 'llama.context_length', gguf.bool(true), context),
    t('context-u64-huge', 'llama.context_length', gguf.u64(1n << 63n), context),
    t('context-zero', 'llama.context_length', gguf.u32(0), context),
    one('value-type', 'context-missing', 'no llama.context_length', { 'llama.context_length': null }, 'llama\\.context_length is missing'),
    t('block-count-string', 'llama.block_count', gguf.str('22'), 'llama\\.block_count is not a whole number'),
    t('embedding-f64', 'llama.embedding_length', gguf.f64(1.5), 'llama\\.embedding_length is not a whole number'),
    t('tokens-u32', 'tokenizer.ggml.tokens', gguf.arr('u32', [1, 2, 3, 4]), tokens),
    t('tokens-scalar', 'tokenizer.ggml.tokens', gguf.str('<unk> <s> </s> a'), tokens),
    t('tokens-i8', 'tokenizer.ggml.tokens', gguf.arr('i8', [1, 2, 3, 4]), tokens),
    t('scores-strings', 'tokenizer.ggml.scores', gguf.arr('string', ['0', '0', '0', '-1']), 'tokenizer\\.ggml\\.scores is not a list of numbers'),
    t('scores-scalar', 'tokenizer.ggml.scores', gguf.f32(0), 'tokenizer\\.ggml\\.scores is not a list of numbers'),
    t('token-type-strings', 'tokenizer.ggml.token_type', gguf.arr('string', ['1', '1', '1', '1']), 'tokenizer\\.ggml\\.token_type is not a list of numbers'),
    t('merges-i32', 'tokenizer.ggml.merges', gguf.arr('i32', [1]), 'tokenizer\\.ggml\\.merges is not a list of strings'),
    t('merges-scalar', 'tokenizer.ggml.merges', gguf.str('a a'), 'tokenizer\\.ggml\\.merges is not a list of strings'),
    t('bos-string', 'tokenizer.ggml.bos_token_id', gguf.str('1'), 'bos_token_id is 1, not a token id'),
    t('bos-f32', 'tokenizer.ggml.bos_token_id', gguf.f32(1.5), 'bos_token_id is 1\\.5, not a token id'),
    t('bos-bool', 'tokenizer.ggml.bos_token_id', gguf.bool(true), 'bos_token_id is true, not a token id'),
    t('bos-array', 'tokenizer.ggml.bos_token_id', gguf.arr('u32', [1]), 'bos_token_id is 1, not a token id'),
    t('eos-negative-i64', 'tokenizer.ggml.eos_token_id', gguf.i64(-7), 'eos_token_id is -7, not a token id'),
    t('template-u32', 'tokenizer.chat_template', gguf.u32(1), template),
    t('template-array', 'tokenizer.chat_template', gguf.arr('string', ['{{ messages }}']), template),
    t('template-bool', 'tokenizer.chat_template', gguf.bool(false), template),
    t('name-u32', 'general.name', gguf.u32(5), 'general\\.name is 5, not a string'),
    t('file-type-string', 'general.file_type', gguf.str('Q4_0'), 'general\\.file_type is the text "Q4_0", not a whole number'),
    t('tokenizer-model-u32', 'tokenizer.ggml.model', gguf.u32(1), 'tokenizer\\.ggml\\.model is 1, not a string'),
    t('add-bos-string', 'tokenizer.ggml.add_bos_token', gguf.str('true'), 'add_bos_token is the text "true", not a bool'),
  ];
}

export function vocabularyCases(): MalformedCase[] {
  const id = (name: string, value: GgufWriteValue, shown: string | number) =>
    one('vocabulary', `${name}-${shown}`, `tokenizer.ggml.${name}_token_id = ${shown} with 4 tokens`, { [`tokenizer.ggml.${name}_token_id`]: value }, `${name}_token_id is ${shown} but the vocabulary has only 4 tokens`);
  return [
    id('bos', gguf.u32(4), 4),
    id('bos', gguf.u32(5), 5),
    id('bos', gguf.u32(0x80000000), 2147483648),
    id('bos', gguf.u32(0xfffffffe), 4294967294),
    id('eos', gguf.u32(4), 4),
    id('eos', gguf.u32(1000), 1000),
    id('eos', gguf.u64(1n << 40n), 1099511627776),
    id('unknown', gguf.u32(4), 4),
    id('unknown', gguf.i32(0x7fffffff), 2147483647),
    id('padding', gguf.u32(4), 4),
    id('padding', gguf.u32(65535), 65535),
    one('vocabulary', 'eos-i32-minus-2', 'eos id -2 (i32)', { 'tokenizer.ggml.eos_token_id': gguf.i32(-2) }, 'eos_token_id is -2, not a token id'),
    one('vocabulary', 'declared-vocab-2', 'no token list, vocab_size 2, bos id 3', { ...NO_TOKENS, 'llama.vocab_size': gguf.u32(2), 'tokenizer.ggml.bos_token_id': gguf.u32(3) }, 'bos_token_id is 3 but the vocabulary has only 2 tokens'),
    one('vocabulary', 'empty-tokens', 'an empty token list', { ...NO_TOKENS, 'tokenizer.ggml.tokens': gguf.arr('string', []) }, 'tokenizer\\.ggml\\.tokens is empty'),
    one('vocabulary', 'scores-short', 'two scores for four tokens', { 'tokenizer.ggml.scores': gguf.arr('f32', [0, 0]) }, 'scores has 2 entries but tokenizer\\.ggml\\.tokens has 4'),
    one('vocabulary', 'scores-long', 'five scores for four tokens', { 'tokenizer.ggml.scores': gguf.arr('f32', [0, 0, 0, 0, 0]) }, 'scores has 5 entries'),
    one('vocabulary', 'token-type-short', 'one token type for four tokens', { 'tokenizer.ggml.token_type': gguf.arr('i32', [1]) }, 'token_type has 1 entries'),
    one('vocabulary', 'duplicate-token', 'the token <s> listed twice', { 'tokenizer.ggml.tokens': gguf.arr('string', ['<unk>', '<s>', '</s>', '<s>']) }, 'lists the token "<s>" twice'),
    one('vocabulary', 'duplicate-empty-token', 'two empty tokens', { 'tokenizer.ggml.tokens': gguf.arr('string', ['', '<s>', '</s>', '']) }, 'lists the token "" twice'),
  ];
}

export function mergesCases(): MalformedCase[] {
  const m = (slug: string, what: string, merges: string[], expect: string) => one('merges', slug, what, { 'tokenizer.ggml.model': gguf.str('gpt2'), 'tokenizer.ggml.merges': gguf.arr('string', merges) }, expect);
  const notTwo = 'is not two tokens separated by a space';
  return [
    m('no-space', 'a merge with no space', ['aa'], notTwo),
    m('leading-space', 'a merge whose only space is its first character', [' a'], notTwo),
    m('trailing-space', 'a merge with nothing after the space', ['a '], notTwo),
    m('empty', 'an empty merge', [''], notTwo),
    m('late', 'a bad merge after 200 good ones', [...new Array<string>(200).fill('a a'), 'aaa'], 'entry 200'),
    one('merges', 'without-tokens', 'merges but no token list', { ...NO_TOKENS, 'llama.vocab_size': gguf.u32(4), 'tokenizer.ggml.merges': gguf.arr('string', ['a a']) }, 'merges is present but tokenizer\\.ggml\\.tokens is not'),
  ];
}
