import { describe, expect, it } from 'vitest';
import { toGbnfSchema } from './toGbnfSchema.js';

describe('toGbnfSchema', () => {
  it("maps anyOf to oneOf, drops annotations, keeps what the grammar understands", () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Pet',
      type: 'object',
      properties: { kind: { anyOf: [{ const: 'cat' }, { type: 'null' }], description: 'what it is' }, born: { type: 'string', format: 'date' } },
      required: ['kind'],
      additionalProperties: false,
    };
    expect(toGbnfSchema(schema, 'response_format')).toEqual({
      type: 'object',
      properties: { kind: { oneOf: [{ const: 'cat' }, { type: 'null' }] }, born: { type: 'string', format: 'date' } },
      required: ['kind'],
      additionalProperties: false,
    });
  });

  it('refuses a keyword the grammar would ignore, with its path', () => {
    const schema = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string', pattern: '^a' } } } };
    expect(() => toGbnfSchema(schema, 'tool f')).toThrow(/tool f: the schema keyword "pattern" \(at properties\.tags\.items\.pattern\)/);
    expect(() => toGbnfSchema({ type: 'integer', minimum: 1 }, 'response_format')).toThrow(/"minimum"/);
  });

  it('refuses a string format it cannot hold, and a schema that is not an object', () => {
    expect(() => toGbnfSchema({ type: 'string', format: 'email' }, 'response_format')).toThrow(/format "email"/);
    expect(() => toGbnfSchema([], 'response_format')).toThrow(/not an object/);
  });
});
