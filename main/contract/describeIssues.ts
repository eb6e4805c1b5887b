import type { z } from 'zod';

/** Bounds on what an error message may echo back: a hostile 10 MB key must not come back as a 10 MB message. */
const MAX_SEGMENT = 40;
const MAX_MESSAGE = 300;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'params';
  return path
    .slice(0, 6)
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : clip(String(segment), MAX_SEGMENT)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'a number' : 'a fractional number';
    case 'object':
      return 'an object';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
};

function unit(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = describePath(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `${where}: required (${expected})`;
      return `${where}: expected ${expected}, got ${kindOf(issue.input)}`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 3).map((k) => `"${clip(k, MAX_SEGMENT)}"`);
      const more = issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : '';
      const prefix = issue.path.length ? `${where}: ` : '';
      return `${prefix}unknown field${issue.keys.length > 1 ? 's' : ''} ${keys.join(', ')}${more}`;
    }
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `${where}: must not be empty`;
      return `${where}: must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}${unit(issue.origin)}`;
    }
    case 'too_big':
      return `${where}: must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'invalid_value':
      return `${where}: expected ${issue.values.length === 1 ? '' : 'one of '}${issue.values
        .slice(0, 8)
        .map((v) => clip(JSON.stringify(v) ?? String(v), MAX_SEGMENT))
        .join(', ')}`;
    case 'invalid_union':
      return `${where}: not one of the accepted forms`;
    default:
      // invalid_format (regexes carry their own readable message), not_multiple_of, custom.
      return `${where}: ${issue.message}`;
  }
}

/**
 * One short line for INVALID_PARAMS, naming the method and the field:
 * "chat.send: text: expected a string, got a number". Only the first issue is
 * spelled out; the renderer needs a hint, not a report.
 */
export function describeIssues(method: string, issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  const head = first ? describeIssue(first) : 'params: invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return clip(`${method}: ${head}${more}`, MAX_MESSAGE);
}
