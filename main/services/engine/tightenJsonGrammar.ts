/**
 * node-llama-cpp's JSON grammars let a number's exponent run to 16 digits
 * (`1e9999999999`, which JSON.parse reads as Infinity) and give integers an
 * exponent too (`5e-3` is not an integer); their strings accept any code
 * point llama.cpp's grammar decodes, surrogates and values past U+10FFFF
 * included, which reach the text as several U+FFFD each and break maxLength.
 * A real model rarely goes there; a random or confused one does, and the API
 * promises output that parses against the schema. This rewrites the grammar
 * text: integers lose the exponent and stay safe integers (15 digits), other
 * numbers keep an exponent of at most two digits, and string characters are
 * Unicode scalar values. Rules it does not recognise are left as they are
 * (the model tests catch a changed grammar).
 */
export function tightenJsonGrammar(gbnf: string): string {
  return gbnf
    .split('\n')
    .map((line) => {
      const rule = /^([\w-]+)\s*::=/.exec(line)?.[1];
      if (!rule) return line;
      if (rule.includes('integer')) return line.replace(LONG_EXPONENT, '').replace(LONG_MANTISSA, SAFE_MANTISSA);
      return line.replace(LONG_EXPONENT, SHORT_EXPONENT).replace(LOOSE_EXPONENT, SHORT_LOOSE_EXPONENT);
    })
    .join('\n')
    .replaceAll(STRING_CHAR, SCALAR_CHAR);
}

/** The JSON-schema grammars' exponent: `([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?`. */
const LONG_EXPONENT = /\(\[eE\] \[-\+\]\? \("0" \| \[1-9\] \[0-9\]\{0,\d+\}\)\)\?/g;
const SHORT_EXPONENT = '([eE] [-+]? ("0" | [1-9] [0-9]?))?';
/** An integer of up to 16 digits can pass 2^53 and lose its value in JSON.parse: 15 at most. */
const LONG_MANTISSA = /\[1-9\] \[0-9\]\{0,15\}/g;
const SAFE_MANTISSA = '[1-9] [0-9]{0,14}';
/** The plain json grammar's exponent: `[eE] [-+]? [0-9] [1-9]{0,15}`. */
const LOOSE_EXPONENT = /\[eE\] \[-\+\]\? \[0-9\] \[1-9\]\{0,\d+\}/g;
const SHORT_LOOSE_EXPONENT = '[eE] [-+]? [0-9] [1-9]?';
/** A string character as both JSON grammars write it: any code point but the quote, the backslash and controls. */
const STRING_CHAR = String.raw`[^"\\\x7F\x00-\x1F]`;
const SCALAR_CHAR = String.raw`[^"\\\x7F\x00-\x1F\uD800-\uDFFF\U00110000-\U001FFFFF]`;
