import { describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { builtInProfiles } from './builtInProfiles.js';
import { CONFIDENCE_THRESHOLD, createRouter, isFollowUp } from './createRouter.js';
import { shippedExamples, shippedLexicon } from './shippedRoutingData.js';

function profiles(overrides: Partial<Record<string, Partial<Profile>>> = {}, extra: Profile[] = []): Profile[] {
  const examples = shippedExamples();
  return [
    ...builtInProfiles().map((p) => ({ ...p, enabled: true, builtIn: true, modified: false, examples: examples[p.id] ?? [], ...overrides[p.id] })),
    ...extra,
  ];
}

describe('router', () => {
  const router = createRouter({ profiles: { list: () => profiles() }, lexicon: shippedLexicon() });

  const cases: Array<[string, string]> = [
    ['my toddler has had diarrhoea since yesterday, when should I worry', 'healthcare'],
    ['how do I price a subscription tier for my SaaS so churn stays low', 'business'],
    ['explain the causes of the first world war for my history exam', 'education'],
    ['write a limerick about a cat who hates Mondays', 'creative'],
    ['one of my direct reports keeps missing deadlines, how do I raise it in our 1:1', 'leadership'],
    ['TypeError: Cannot read properties of undefined (reading "map") in my React component', 'coding'],
    ['what is the capital of Australia', 'general'],
  ];
  for (const [text, domain] of cases) {
    it(`routes "${text}" to ${domain}, with scores summing to 1 and reasons`, () => {
      const c = router.classify(text);
      expect(c.domain).toBe(domain);
      expect(c.method).toBe('lexical');
      expect(Object.keys(c.scores).sort()).toEqual(builtInProfiles().map((p) => p.id).sort());
      expect(Object.values(c.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      expect(c.confidence).toBe(c.scores[domain]);
      expect(c.reasons.length).toBeGreaterThan(0);
    });
  }

  it('explains with the words of the message and with code shapes', () => {
    expect(router.classify('what dose of amoxicillin is safe').reasons[0]).toMatch(/Healthcare: .*"amoxicillin"/);
    const code = router.classify('const total = items.reduce((a, b) => a + b, 0); why is total NaN');
    expect(code.domain).toBe('coding');
    expect(code.reasons.join(' ')).toMatch(/Coding/);
  });

  it('reads a misspelt word as the word it was meant to be, and shows both', () => {
    const c = router.classify('my daugther has a temperture and a rassh on her chest');
    expect(c.domain).toBe('healthcare');
    expect(c.reasons[0]).toMatch(/"temperture→temperature"|"daugther→daughter"/);
  });

  it('sends text with nothing it knows, or no clear winner, to General', () => {
    const nothing = router.classify('zzzz qqqq');
    expect(nothing.domain).toBe('general');
    expect(nothing.reasons).toEqual(['No words the router knows: General']);
    const unsure = router.classify('ok');
    expect(unsure.domain).toBe('general');
  });

  it('keeps a follow-up in the chat domain unless another one is clearly meant', () => {
    const alone = router.classify('and what dose for a child?');
    const follow = router.classify('and what about for a child?', { previousDomain: 'healthcare' });
    expect(follow.domain).toBe('healthcare');
    expect(alone.domain === 'healthcare' || follow.method === 'context').toBe(true);
    const thanks = router.classify('thanks, that helps', { previousDomain: 'coding' });
    expect(thanks).toMatchObject({ domain: 'coding', method: 'context' });
    expect(thanks.reasons[0]).toMatch(/stays with Coding/);
    const switched = router.classify('now write me a sonnet about autumn leaves and lost love', { previousDomain: 'coding' });
    expect(switched.domain).toBe('creative');
  });

  it('blends embedding scores when given, and says so', () => {
    const labels = router.labels();
    const embeddingScores = Object.fromEntries(labels.map((l) => [l, l === 'business' ? 1 : 0]));
    const c = router.classify('how should I spend my weekend', { embeddingScores, embeddingWeight: 0.6 });
    expect(c.method).toBe('lexical+embedding');
    expect(c.domain).toBe('business');
    expect(Object.values(c.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });

  it('learns custom profiles from their own examples and forgets disabled ones after invalidate', () => {
    let list = profiles({}, [
      {
        id: 'gardening', name: 'Gardening', description: '', systemPrompt: 'x', sampling: {}, models: { fast: [], standard: [] },
        color: '#00aa00', icon: '🌱', enabled: true, builtIn: false, modified: false,
        examples: ['when should I prune roses', 'my tomato plants have yellow leaves', 'how deep do I plant tulip bulbs', 'best compost for raised beds', 'how often to water lavender', 'aphids on my roses'],
      },
    ]);
    const r = createRouter({ profiles: { list: () => list }, lexicon: shippedLexicon() });
    expect(r.classify('should I prune my roses in autumn or spring').domain).toBe('gardening');
    list = profiles({ coding: { enabled: false } });
    r.invalidate();
    expect(r.labels()).not.toContain('coding');
    expect(r.labels()).not.toContain('gardening');
    expect(r.classify('fix this python error').scores).not.toHaveProperty('coding');
  });

  it('detects follow-ups by length or by how they start', () => {
    expect(isFollowUp('and for a child?')).toBe(true);
    expect(isFollowUp('What about the side effects of taking it every day for several months in a row')).toBe(true);
    expect(isFollowUp('Please draft a one page marketing plan for a bakery opening next month in Leeds')).toBe(false);
    expect(CONFIDENCE_THRESHOLD).toBeGreaterThan(0);
  });
});
