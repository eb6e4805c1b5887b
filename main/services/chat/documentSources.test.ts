import { describe, expect, it } from 'vitest';
import type { ReplySource } from '../../contract/index.js';
import { excerptBudget, sourceLabel, toSources, withExcerpts } from './documentSources.js';

const base: ReplySource = { n: 1, path: '/docs/guide.pdf', title: null, heading: 'Install > Linux', page: 4, lines: null, text: 'Run the installer.', score: 2, collectionId: 'c', chunkId: 3 };

describe('document excerpts in the prompt', () => {
  it('labels a source with its file, heading, page or lines', () => {
    expect(sourceLabel(base)).toBe('[1] guide.pdf — Install > Linux, page 4');
    expect(sourceLabel({ ...base, n: 2, heading: null, page: null, lines: [3, 9] })).toBe('[2] guide.pdf — lines 3–9');
    expect(sourceLabel({ ...base, heading: null, page: null })).toBe('[1] guide.pdf');
  });

  it('numbers hits from 1 and keeps their places', () => {
    const sources = toSources([
      { path: '/a.md', score: 3, text: 'x', tokens: 1, chunkId: 7, sourceId: 1, collectionId: 'c', heading: 'H', lines: [1, 2] },
      { path: '/b.pdf', score: 2, text: 'y', tokens: 1, chunkId: 8, sourceId: 2, collectionId: 'c', page: 5, title: 'B' },
    ]);
    expect(sources).toEqual([
      { n: 1, path: '/a.md', title: null, heading: 'H', page: null, lines: [1, 2], text: 'x', score: 3, collectionId: 'c', chunkId: 7 },
      { n: 2, path: '/b.pdf', title: 'B', heading: null, page: 5, lines: null, text: 'y', score: 2, collectionId: 'c', chunkId: 8 },
    ]);
  });

  it('puts the numbered excerpts before the message; says so when there are none; leaves a plain chat alone', () => {
    const prompt = withExcerpts('How do I install?', [base, { ...base, n: 2, page: 5, text: 'Reboot.' }]);
    expect(prompt).toContain('[1] guide.pdf — Install > Linux, page 4\nRun the installer.\n\n[2] guide.pdf — Install > Linux, page 5\nReboot.');
    expect(prompt).toMatch(/cite the ones you use by number, like \[1\]/);
    expect(prompt.endsWith('Message: How do I install?')).toBe(true);
    expect(withExcerpts('hi', [])).toMatch(/have no excerpt for this message.*\n\nhi$/s);
    expect(withExcerpts('hi', null)).toBe('hi');
  });

  it('gives excerpts a quarter of the window, capped', () => {
    expect(excerptBudget(4096)).toBe(1024);
    expect(excerptBudget(131_072)).toBe(4000);
    expect(excerptBudget(0)).toBe(0);
  });
});
