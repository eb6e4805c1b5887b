import { z } from 'zod';
import { methods, type MethodName } from '../../main/contract/index.js';
import type { Rng } from '../../scripts/fixtures/createRng.js';
import { sampleJsonSchema, type JsonSchema } from './sampleJsonSchema.js';

/** One call's params, and how they were made (printed when a case fails, with the seed). */
export interface ParamsCase {
  label: string;
  params: unknown;
}

const POLLUTE = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'extra', 'k'.repeat(10_000)];

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Values of every JSON kind, edge numbers and hostile strings: what "wrong type" swaps in. */
const WRONG_VALUES: ReadonlyArray<[string, () => unknown]> = [
  ['zero', () => 0],
  ['negative', () => -1],
  ['fraction', () => 1.5],
  ['1e308', () => 1e308],
  ['2^53+2', () => 2 ** 53 + 2],
  ['empty string', () => ''],
  ['text', () => 'x'],
  ['true', () => true],
  ['null', () => null],
  ['empty array', () => []],
  ['empty object', () => ({})],
  ['nested arrays', () => [[[]]]],
  ['polluting object', () => JSON.parse(POLLUTE) as unknown],
  ['NUL and lone surrogates', () => '\u0000\ud800\udfff\u202e<script>'],
  ['300k string', () => 'y'.repeat(300_000)],
  ['deep arrays', () => nested(2000, 1, true)],
  ['deep objects', () => nested(2000, 1, false)],
];

const paramsSchemas = new Map<MethodName, JsonSchema>();
function jsonSchemaOf(method: MethodName): JsonSchema {
  let schema = paramsSchemas.get(method);
  if (!schema) {
    schema = z.toJSONSchema(methods[method].params as z.ZodType, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
    paramsSchemas.set(method, schema);
  }
  return schema;
}

const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.nextU32() % items.length]!;

/** One hostile change to a (most likely valid) sample. */
function mutate(sample: unknown, schema: JsonSchema, rng: Rng): ParamsCase {
  const obj = sample !== null && typeof sample === 'object' && !Array.isArray(sample) ? { ...(sample as Record<string, unknown>) } : {};
  const props = Object.entries(schema.properties ?? {});
  switch (rng.nextU32() % 8) {
    case 0: {
      const required = schema.required ?? [];
      if (required.length === 0) break;
      const key = pick(required, rng);
      delete obj[key];
      return { label: `without required ${key}`, params: obj };
    }
    case 1: {
      const key = pick(HOSTILE_KEYS, rng);
      // defineProperty: a plain assignment to "__proto__" would set the prototype instead of adding the key.
      Object.defineProperty(obj, key, { value: JSON.parse(POLLUTE) as unknown, enumerable: true, configurable: true, writable: true });
      return { label: `with an extra key ${JSON.stringify(key.slice(0, 20))}`, params: obj };
    }
    case 2:
    case 3: {
      if (props.length === 0) break;
      const [key] = pick(props, rng);
      const [label, value] = pick(WRONG_VALUES, rng);
      obj[key] = value();
      return { label: `${key} = ${label}`, params: obj };
    }
    case 4: {
      const strings = props.filter(([, s]) => s.type === 'string' && s.maxLength !== undefined);
      if (strings.length === 0) break;
      const [key, s] = pick(strings, rng);
      obj[key] = 'z'.repeat(s.maxLength! + 1);
      return { label: `${key} one character over its maximum`, params: obj };
    }
    case 5: {
      const numbers = props.filter(([, s]) => s.type === 'integer' || s.type === 'number');
      if (numbers.length === 0) break;
      const [key, s] = pick(numbers, rng);
      const options = [s.maximum !== undefined ? s.maximum + 1 : 1e300, s.minimum !== undefined ? s.minimum - 1 : -1e300, s.type === 'integer' ? 2.5 : -0.000001];
      obj[key] = pick(options, rng);
      return { label: `${key} = ${String(obj[key])}`, params: obj };
    }
    case 6:
      return { label: 'params not an object', params: pick<unknown>([[], [obj], 'params', 7, true, null], rng) };
    default:
      return { label: 'polluting params', params: JSON.parse(POLLUTE) as unknown };
  }
  return { label: 'wrong-type params', params: pick<unknown>([42, 'x', [1, 2]], rng) };
}

/** `count` params for `method`: two fifths sampled from its schema (mostly valid), the rest hostile mutations. */
export function paramsCases(method: MethodName, count: number, rng: Rng): ParamsCase[] {
  const schema = jsonSchemaOf(method);
  const cases: ParamsCase[] = [{ label: 'params omitted', params: undefined }];
  while (cases.length < count) {
    const sample = sampleJsonSchema(schema, rng);
    cases.push(rng.nextU32() % 5 < 2 ? { label: 'sampled from the schema', params: sample } : mutate(sample, schema, rng));
  }
  return cases;
}

/** Values only Electron's structured clone can carry (JSON cannot): the IPC path must refuse them as cleanly. */
export function structuredCloneValues(): ReadonlyArray<[string, unknown]> {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { text: 'no prototype' });
  const sparse: unknown[] = [];
  sparse[1000] = 'x';
  return [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-0', -0],
    ['a bigint', 10n ** 30n],
    ['a Date', new Date(0)],
    ['a Map', new Map([['text', 'x']])],
    ['a Set', new Set(['x'])],
    ['bytes', new Uint8Array([0, 255, 1])],
    ['a circular object', circular],
    ['an object with no prototype', bare],
    ['a sparse array', sparse],
    ['an Error', new Error('boom')],
    ['a RegExp', /x/g],
    ['undefined', undefined],
  ];
}
