import type { Rng } from '../../scripts/fixtures/createRng.js';

/** The JSON Schema subset zod's toJSONSchema writes for the contract's params. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_:/é😀\n';

/** Characters of a regex class like [A-Za-z0-9._:-]. */
function classChars(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const next = body[i + 2];
    if (body[i + 1] === '-' && next !== undefined && next !== ']') {
      for (let code = c.charCodeAt(0); code <= next.charCodeAt(0); code++) out += String.fromCharCode(code);
      i += 2;
    } else if (c === '\\' && i + 1 < body.length) {
      out += body[++i];
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * A string for the patterns the contract uses: ^ then bracket classes with
 * an optional + or *, then $. Anything else gets plain text; the caller
 * judges validity with the schema itself, so an unsupported pattern only
 * means fewer valid samples, never a wrong verdict.
 */
function patternString(pattern: string, length: number, rng: Rng): string | null {
  const parts = /^\^((?:\[[^\]]+\][+*]?)+)\$$/.exec(pattern);
  if (!parts) return null;
  const classes = [...parts[1]!.matchAll(/\[([^\]]+)\]([+*]?)/g)].map((m) => ({ chars: classChars(m[1]!), repeat: m[2]! }));
  let out = '';
  for (const [i, cls] of classes.entries()) {
    // A repeated last class fills up to the length wanted; earlier ones take their minimum.
    const rest = i === classes.length - 1 ? length - out.length : 0;
    const count = cls.repeat === '+' ? Math.max(1, rest) : cls.repeat === '*' ? Math.max(0, rest) : 1;
    for (let k = 0; k < count; k++) out += cls.chars[rng.nextU32() % cls.chars.length];
  }
  return out;
}

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[rng.nextU32() % items.length]!;
}

function between(min: number, max: number, rng: Rng): number {
  return min + (rng.nextU32() % (max - min + 1));
}

/** A value the schema most likely accepts: boundaries a fifth of the time, small typical values otherwise. */
export function sampleJsonSchema(schema: JsonSchema, rng: Rng, root: JsonSchema = schema, depth = 0): unknown {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    return sampleJsonSchema(root.$defs?.[name] ?? {}, rng, root, depth + 1);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(schema.enum, rng);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return sampleJsonSchema(pick(union, rng), rng, root, depth + 1);
  if (schema.allOf?.length) return sampleJsonSchema(schema.allOf[0]!, rng, root, depth + 1);
  const type = Array.isArray(schema.type) ? pick(schema.type, rng) : schema.type;
  const edge = rng.nextU32() % 5 === 0;
  switch (type) {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 64, min + 40);
      const length = edge ? pick([min, schema.maxLength ?? max], rng) : between(min, max, rng);
      if (schema.pattern) return patternString(schema.pattern, Math.max(1, length), rng) ?? 'x'.repeat(Math.max(1, length));
      let s = '';
      while (s.length < length) s += ALPHABET[rng.nextU32() % ALPHABET.length];
      return s.slice(0, length);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      if (edge) return pick([min, max], rng);
      const span = Math.min(max - min, 1e6);
      const value = min + (rng.nextU32() / 2 ** 32) * span;
      return type === 'integer' ? Math.floor(value) : value;
    }
    case 'boolean':
      return rng.nextU32() % 2 === 0;
    case 'null':
      return null;
    case 'array': {
      const min = schema.minItems ?? 0;
      const n = depth > 4 ? min : between(min, Math.min(schema.maxItems ?? 3, min + 3), rng);
      return Array.from({ length: n }, () => sampleJsonSchema(schema.items ?? {}, rng, root, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || (depth < 4 && rng.nextU32() % 2 === 0)) out[key] = sampleJsonSchema(sub, rng, root, depth + 1);
      }
      return out;
    }
    default:
      // Unconstrained (z.unknown): any JSON value.
      return pick<unknown>(['text', 42, true, null, [1, 'two'], { nested: { deep: 1 } }], rng);
  }
}
