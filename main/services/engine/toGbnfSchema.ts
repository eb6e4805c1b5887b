import { HearthError } from '../../contract/index.js';

/**
 * Checks a client's JSON schema against what node-llama-cpp's grammar
 * compiler understands, and maps OpenAI's `anyOf` to its `oneOf` (a value
 * valid under either). A keyword it would ignore is refused with its path, so
 * a request never gets output that only looks constrained.
 */
export function toGbnfSchema(schema: unknown, where: string, path = ''): object {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new HearthError('INVALID_PARAMS', `${where}: the schema${path} is not an object.`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = `${path}.${key}`;
    if (IGNORED_KEYWORDS.has(key)) continue;
    if (key === 'anyOf' || key === 'oneOf') out.oneOf = arrayOf(value, where, at).map((s, i) => toGbnfSchema(s, where, `${at}[${i}]`));
    else if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(objectOf(value, where, at)).map(([k, s]) => [k, toGbnfSchema(s, where, `${at}.${k}`)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) out[key] = toGbnfSchema(value, where, at);
    else if (key === 'prefixItems') out[key] = arrayOf(value, where, at).map((s, i) => toGbnfSchema(s, where, `${at}[${i}]`));
    else if (key === 'format' && !STRING_FORMATS.has(value as string)) {
      throw new HearthError('INVALID_PARAMS', `${where}: the string format "${String(value)}" (at ${at.slice(1)}) is not supported by the grammar: use ${[...STRING_FORMATS].join(', ')}, or none.`);
    } else if (SUPPORTED_KEYWORDS.has(key)) out[key] = value;
    else throw new HearthError('INVALID_PARAMS', `${where}: the schema keyword "${key}" (at ${at.slice(1)}) is not supported by the grammar. Supported: ${[...SUPPORTED_KEYWORDS, 'anyOf', 'oneOf', 'properties', 'items', 'prefixItems', '$defs'].join(', ')}.`);
  }
  return out;
}

const SUPPORTED_KEYWORDS = new Set(['type', 'enum', 'const', 'required', 'additionalProperties', 'minProperties', 'maxProperties', 'minItems', 'maxItems', 'minLength', 'maxLength', 'format', '$ref']);
const STRING_FORMATS = new Set(['date-time', 'date', 'time']);
/** Annotations that never constrain the output. */
const IGNORED_KEYWORDS = new Set(['description', 'title', 'default', 'examples', '$schema', '$id', '$comment', 'strict', 'deprecated', 'readOnly', 'writeOnly']);

function arrayOf(value: unknown, where: string, at: string): unknown[] {
  if (!Array.isArray(value)) throw new HearthError('INVALID_PARAMS', `${where}: ${at.slice(1)} must be an array.`);
  return value;
}

function objectOf(value: unknown, where: string, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HearthError('INVALID_PARAMS', `${where}: ${at.slice(1)} must be an object.`);
  return value as Record<string, unknown>;
}
