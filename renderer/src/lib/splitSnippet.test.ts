import { describe, expect, it } from 'vitest';
import { splitSnippet } from './splitSnippet.js';
import { formatBytes } from './format.js';

describe('splitSnippet', () => {
  it('marks the [[ ]] parts', () => {
    expect(splitSnippet('the [[WAL]] mode and [[wal]]')).toEqual([
      { text: 'the ', match: false },
      { text: 'WAL', match: true },
      { text: ' mode and ', match: false },
      { text: 'wal', match: true },
    ]);
  });
  it('leaves an unclosed bracket as text', () => {
    expect(splitSnippet('a [[b')).toEqual([{ text: 'a [[b', match: false }]);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(4 * 2 ** 30)).toBe('4.0 GB');
    expect(formatBytes(20 * 2 ** 30)).toBe('20 GB');
  });
});
