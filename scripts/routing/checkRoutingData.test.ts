import { describe, expect, it } from 'vitest';
import { ROUTING_DOMAINS, checkRoutingData, checkRoutingDataFiles } from './checkRoutingData.js';

const SMALL = { minExamples: 2, devPerDomain: 1, nearJaccard: 0.6 };

/** Two phrases per domain, unrelated to each other, so only the planted fault shows. */
function examples(extra: Record<string, string[]> = {}): string {
  const base: Record<string, string[]> = {
    general: ['what is the capital of peru', 'convert ten miles to kilometres'],
    healthcare: ['max daily dose of ibuprofen', 'my toddler has a fever'],
    business: ['price my consulting services', 'write a marketing plan for a bakery'],
    education: ['explain photosynthesis', 'revision timetable for chemistry exams'],
    creative: ['poem about the sea', 'names for a dragon'],
    leadership: ['tell my team about layoffs', 'running one to ones with reports'],
    coding: ['reverse a linked list in python', 'git refuses to merge unrelated histories'],
  };
  for (const [d, more] of Object.entries(extra)) base[d] = [...(base[d] ?? []), ...more];
  return JSON.stringify(base);
}

const DEV_LINES: Record<string, string> = {
  general: 'which city is mongolias capital',
  healthcare: 'rash that does not fade under a glass',
  business: 'how much runway before fundraising',
  education: 'simplify algebraic fractions',
  creative: 'story about a girl who talks to clocks',
  leadership: 'rebuild morale after redundancies',
  coding: 'sql top three products per category',
};
function dev(overrides: Record<string, string> = {}): string {
  return ROUTING_DOMAINS.map((d) => JSON.stringify({ text: overrides[d] ?? DEV_LINES[d], domain: d })).join('\n') + '\n';
}

describe('checkRoutingData', () => {
  it('accepts clean data', () => {
    expect(checkRoutingData(examples(), dev(), SMALL).problems).toEqual([]);
  });

  it('finds a dev line that repeats a training phrase up to case and punctuation', () => {
    const { problems } = checkRoutingData(examples(), dev({ education: 'Explain Photosynthesis!' }), SMALL);
    expect(problems).toEqual([expect.stringContaining('repeats a training phrase')]);
  });

  it('finds a reworded near duplicate, by all words and by content words', () => {
    const byTokens = checkRoutingData(examples(), dev({ creative: 'a poem about the sea please' }), SMALL).problems;
    expect(byTokens).toEqual([expect.stringContaining('near-duplicates')]);
    const byContent = checkRoutingData(examples(), dev({ coding: 'could you show me how I reverse my linked list using python' }), SMALL).problems;
    expect(byContent).toEqual([expect.stringContaining('near-duplicates')]);
  });

  it('finds unknown domains, bad JSON, wrong counts and contradictory labels', () => {
    const badDev = dev() + '{"text": "hello", "domain": "cooking"}\nnot json\n{"text": "x"}\n';
    const { problems } = checkRoutingData(examples({ coding: ['poem about the sea'] }), badDev, SMALL);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown domain "cooking"'),
        expect.stringContaining('not valid JSON'),
        expect.stringContaining('expected exactly'),
        expect.stringContaining('filed under both creative and coding'),
      ]),
    );
    expect(checkRoutingData('{"general": ["hi"]}', dev(), SMALL).problems).toEqual(
      expect.arrayContaining([expect.stringContaining('general has 1 phrases'), expect.stringContaining('coding has 0 phrases')]),
    );
    expect(checkRoutingData('[]', dev(), SMALL).problems[0]).toContain('must be an object');
  });
});

describe('models/routing data', () => {
  it('has enough examples per domain, 40 dev lines per domain, and no overlap between them', () => {
    const report = checkRoutingDataFiles();
    expect(report.problems).toEqual([]);
    for (const d of ROUTING_DOMAINS) {
      expect(report.examplesPerDomain[d]).toBeGreaterThanOrEqual(150);
      expect(report.devPerDomain[d]).toBe(40);
    }
  });
});
