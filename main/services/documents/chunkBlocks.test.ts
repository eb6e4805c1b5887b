import { describe, expect, it } from 'vitest';
import type { Block } from './Block.js';
import { chunkBlocks, estimateTokens } from './chunkBlocks.js';
import { docsQuery } from './docsQuery.js';
import { fuseRankings } from './fuseRankings.js';

const text = (t: string, headings: string[], lineFrom: number, extra: Partial<Block> = {}): Block => ({ text: t, headings, lineFrom, lineTo: lineFrom + t.split('\n').length - 1, kind: 'text', ...extra });

describe('chunkBlocks', () => {
  it('packs paragraphs of one section together within the budget, never across sections or pages', () => {
    const chunks = chunkBlocks(
      [text('alpha one', ['A'], 1), text('alpha two', ['A'], 3), text('beta', ['A', 'B'], 6), text('page two', [], 1, { page: 2 }), text('page three', [], 1, { page: 3 })],
      100,
    );
    expect(chunks.map((c) => [c.heading, c.text, c.lineFrom, c.lineTo, c.page])).toEqual([
      ['A', 'alpha one\n\nalpha two', 1, 3, null],
      ['A > B', 'beta', 6, 6, null],
      [null, 'page two', 1, 1, 2],
      [null, 'page three', 1, 1, 3],
    ]);
  });

  it('splits an oversized block on lines, keeping exact line ranges and the budget', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line number ${i + 1} of the code block`);
    const chunks = chunkBlocks([text(lines.join('\n'), ['Code'], 10, { kind: 'code' })], 40);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.tokens <= 40)).toBe(true);
    expect(chunks[0]!.lineFrom).toBe(10);
    expect(chunks.at(-1)!.lineTo).toBe(49);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.lineFrom).toBe(chunks[i - 1]!.lineTo! + 1);
    expect(chunks.map((c) => c.text).join('\n')).toBe(lines.join('\n'));
  });

  it('splits one very long line by sentences within the budget', () => {
    const long = Array.from({ length: 50 }, (_, i) => `Sentence ${i} says something.`).join(' ');
    const chunks = chunkBlocks([text(long, [], 5)], 30);
    expect(chunks.every((c) => c.tokens <= 30 && c.lineFrom === 5 && c.lineTo === 5)).toBe(true);
    expect(chunks.map((c) => c.text).join(' ')).toBe(long);
  });

  it('estimates tokens from characters or words, whichever is larger', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('a b c d e f')).toBe(8);
  });
});

describe('docsQuery and fuseRankings', () => {
  it('ORs the quoted content words of a question, so no text is FTS syntax', () => {
    expect(docsQuery('How do I cancel a "download" NEAR(x)?')).toBe('"cancel" OR "download" OR "near" OR "x"');
    expect(docsQuery('what is this')).toBe('"what" OR "is" OR "this"');
    expect(docsQuery('?!')).toBeNull();
  });

  it('fuses by reciprocal rank: agreement beats one list’s top', () => {
    const fused = fuseRankings([
      ['a', 'b', 'c'],
      ['b', 'd'],
    ]);
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 10);
  });
});
