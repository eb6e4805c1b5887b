import { describe, expect, it } from 'vitest';
import { createSpellingIndex } from './spellingIndex.js';

describe('spelling index', () => {
  const index = createSpellingIndex(new Map([['symptoms', 3], ['receive', 2], ['deceive', 1], ['javascript', 4], ['python', 5], ['pythons', 1]]));

  it('reads a word one edit from a known one as that word: dropped, added, changed or swapped letters', () => {
    expect(index.correct('symtoms')).toBe('symptoms');
    expect(index.correct('symptomss')).toBe('symptoms');
    expect(index.correct('symptons')).toBe('symptoms');
    expect(index.correct('recieve')).toBe('receive');
    expect(index.correct('javscript')).toBe('javascript');
  });

  it('prefers the more frequent word, and leaves known, short, distant or non-letter words alone', () => {
    expect(index.correct('pythn')).toBeNull(); // too short to guess
    expect(index.correct('pythom')).toBe('python');
    expect(index.correct('symptoms')).toBeNull();
    expect(index.correct('sympathy')).toBeNull();
    expect(index.correct('python3')).toBeNull();
  });
});
