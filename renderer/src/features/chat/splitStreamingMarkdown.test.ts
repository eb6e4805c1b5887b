import { describe, expect, it } from 'vitest';
import { splitStreamingMarkdown } from './splitStreamingMarkdown.js';

describe('splitStreamingMarkdown', () => {
  it('keeps everything in the tail until a block is complete', () => {
    expect(splitStreamingMarkdown('Hello wor')).toEqual(['', 'Hello wor']);
  });
  it('settles blocks before the last blank line', () => {
    const [settled, tail] = splitStreamingMarkdown('# Title\n\nFirst paragraph.\n\nSecond, still gro');
    expect(settled).toBe('# Title\n\nFirst paragraph.\n');
    expect(tail).toBe('\nSecond, still gro');
    expect(settled + tail).toBe('# Title\n\nFirst paragraph.\n\nSecond, still gro');
  });
  it('never cuts inside an open code fence', () => {
    const text = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;';
    const [settled, tail] = splitStreamingMarkdown(text);
    expect(settled).toBe('Intro\n');
    expect(tail.startsWith('\n```js')).toBe(true);
  });
  it('cuts after a closed fence', () => {
    const [settled] = splitStreamingMarkdown('```\ncode\n\nmore\n```\n\nAfter');
    expect(settled).toBe('```\ncode\n\nmore\n```\n');
  });
});
