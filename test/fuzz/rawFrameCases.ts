/** A frame as text on the wire, and the one answer the dispatcher must give it. */
export interface RawFrameCase {
  label: string;
  text: string;
  code: 'INVALID_PARAMS' | 'UNKNOWN_METHOD';
  /** The reply's id: the request's when it could be read, else null. */
  id: number | string | null;
}

const invalid = (label: string, text: string, id: number | string | null = null): RawFrameCase => ({ label, text, code: 'INVALID_PARAMS', id });
const unknown = (label: string, method: string, id: number | string = 1): RawFrameCase => ({ label, text: JSON.stringify({ id, method }), code: 'UNKNOWN_METHOD', id });

/** Frames that are not requests, or that ask for what the contract does not have. */
export function rawFrameCases(): RawFrameCase[] {
  return [
    invalid('not JSON', 'hello'),
    invalid('cut-off JSON', '{"id":1,"method":"app.info"'),
    invalid('JSON null', 'null'),
    invalid('a JSON array', '[{"id":1,"method":"app.info"}]'),
    invalid('a JSON string', '"app.info"'),
    invalid('a JSON number', '42'),
    invalid('an empty object', '{}'),
    invalid('no method', '{"id":1}', 1),
    invalid('a numeric method', '{"id":1,"method":5}', 1),
    invalid('a null method', '{"id":1,"method":null}', 1),
    invalid('an object id', '{"id":{},"method":"app.info"}'),
    invalid('a negative id', '{"id":-1,"method":"app.info"}'),
    invalid('a fractional id', '{"id":1.5,"method":"app.info"}'),
    invalid('an id past 1e308', '{"id":1e400,"method":"app.info"}'),
    invalid('a 65-character id', JSON.stringify({ id: 'i'.repeat(65), method: 'app.info' })),
    invalid('a missing id', '{"method":"app.info"}'),
    invalid('an extra top-level key', '{"id":1,"method":"app.info","extra":1}', 1),
    invalid('a top-level __proto__', '{"id":1,"method":"app.info","__proto__":{"polluted":"yes"}}', 1),
    invalid('a top-level constructor', '{"id":1,"method":"app.info","constructor":{"prototype":{"polluted":"yes"}}}', 1),
    invalid('params as a string', '{"id":1,"method":"app.info","params":"x"}', 1),
    invalid('params as an array', '{"id":1,"method":"chats.get","params":["c1"]}', 1),
    invalid('JSON nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    invalid('an object nested 50,000 deep as params', `{"id":1,"method":"app.info","params":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, 1),
    unknown('an unknown method', 'nope.nope'),
    unknown('__proto__ as the method', '__proto__'),
    unknown('constructor as the method', 'constructor'),
    unknown('toString as the method', 'toString'),
    unknown('hasOwnProperty as the method', 'hasOwnProperty'),
    unknown('a method with a trailing space', 'app.info '),
    unknown('a method in capitals', 'APP.INFO'),
    unknown('an empty method', ''),
    unknown('a string id with an unknown method', 'x.y', 'abc'),
    { label: 'a 10,000-character method', text: JSON.stringify({ id: 1, method: 'm'.repeat(10_000) }), code: 'UNKNOWN_METHOD', id: 1 },
    { label: 'a repeated key (the last wins)', text: '{"id":1,"method":"app.info","method":"nope.nope"}', code: 'UNKNOWN_METHOD', id: 1 },
  ];
}
