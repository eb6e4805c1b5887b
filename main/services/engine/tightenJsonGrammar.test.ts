import { describe, expect, it } from 'vitest';
import { tightenJsonGrammar } from './tightenJsonGrammar.js';

// Rules as node-llama-cpp 3.22 writes them (createGrammarForJsonSchema, getGrammarFor('json')).
const schemaGrammar = [
  'root ::= "{" ws "\\"age\\"" ":" [ ]? integer-number-rule "," "\\"w\\"" ":" [ ]? fractional-number-rule "}"',
  'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?',
  'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?',
].join('\n');
const jsonGrammar = 'number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws';

describe('tightenJsonGrammar', () => {
  it('takes the exponent off integers, keeps them safe, and bounds it to two digits elsewhere', () => {
    const [root, integer, fractional] = tightenJsonGrammar(schemaGrammar).split('\n');
    expect(root).toBe(schemaGrammar.split('\n')[0]);
    expect(integer).toBe('integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,14}) ');
    expect(fractional).toBe('fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? ("0" | [1-9] [0-9]?))?');
  });

  it('keeps string characters to Unicode scalar values', () => {
    const rule = String.raw`string-char-rule ::= [^"\\\x7F\x00-\x1F] | "\\" ["\\/bfnrt]`;
    expect(tightenJsonGrammar(rule)).toBe(String.raw`string-char-rule ::= [^"\\\x7F\x00-\x1F\uD800-\uDFFF\U00110000-\U001FFFFF] | "\\" ["\\/bfnrt]`);
  });

  it("bounds the plain json grammar's exponent", () => {
    expect(tightenJsonGrammar(jsonGrammar)).toBe('number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]?)? ws');
  });
});
