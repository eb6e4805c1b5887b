import { describe, expect, it } from 'vitest';
import { TextStream } from './textStream.js';

// A fake vocabulary: token n maps to a string; byte tokens decode together.
const vocab: Record<number, string> = { 1: 'Hello', 2: ' world', 3: '!', 4: ' STOP', 5: ' more', 6: ' ST', 7: 'OP' };
const bytes: Record<number, number> = { 100: 0xe2, 101: 0x82, 102: 0xac }; // "€" split in three byte tokens

function detok(tokens: readonly number[]): string {
  const raw: number[] = [];
  let text = '';
  for (const t of tokens) {
    if (t in bytes) raw.push(bytes[t]!);
    else text += vocab[t] ?? '';
  }
  return Buffer.from(raw).toString('utf8') + text;
}

function run(tokens: number[], stops: string[]): { shown: string[]; stopped: boolean; flushed: string } {
  const stream = new TextStream(detok, stops);
  const shown: string[] = [];
  for (const t of tokens) {
    const r = stream.push(t);
    if (r.text) shown.push(r.text);
    if (r.stopped) return { shown, stopped: true, flushed: '' };
  }
  return { shown, stopped: false, flushed: stream.flush() };
}

describe('TextStream', () => {
  it('passes text straight through without stop strings', () => {
    expect(run([1, 2, 3], [])).toEqual({ shown: ['Hello', ' world', '!'], stopped: false, flushed: '' });
  });

  it('holds a split UTF-8 character until it is complete', () => {
    const r = run([1, 100, 101, 102, 3], []);
    expect(r.shown).toEqual(['Hello', '€', '!']);
  });

  it('cuts at a stop string and never shows it', () => {
    const r = run([1, 2, 4, 5], [' STOP']);
    expect(r.stopped).toBe(true);
    expect(r.shown.join('')).toBe('Hello world');
  });

  it('finds a stop string split across tokens, holding back the possible start', () => {
    const r = run([1, 6, 7, 5], [' STOP']);
    expect(r.stopped).toBe(true);
    expect(r.shown.join('')).toBe('Hello');
  });

  it('releases held-back text when the stop string does not follow', () => {
    const r = run([1, 6, 5], [' STOP']);
    expect(r.stopped).toBe(false);
    expect(r.shown.join('') + r.flushed).toBe('Hello ST more');
  });
});
