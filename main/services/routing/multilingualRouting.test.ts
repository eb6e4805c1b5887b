import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RoutingDecision } from '../../contract/index.js';
import { builtInProfiles } from './builtInProfiles.js';
import { createRouter } from './createRouter.js';
import { accuracyBy, evaluateRouting } from './evaluateRouting.js';
import { shippedExamples, shippedLexicon } from './shippedRoutingData.js';

/**
 * Floors a little under the figures measured when the multilingual data went
 * in (see the README's routing section): a change to the features, the
 * detector or the data that costs accuracy in some language fails here.
 */
export const MULTILINGUAL_FLOOR = 0.95;
export const PER_LANGUAGE_FLOOR = 0.9;
export const ENGLISH_FLOOR = 0.94;

interface Row {
  text: string;
  domain: string;
  lang?: string;
  kind?: string;
}

const read = (file: string): Row[] =>
  fs
    .readFileSync(new URL(`../../../models/routing/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);

describe('routing in other languages', () => {
  const examples = shippedExamples();
  const profiles = builtInProfiles().map((p) => ({ ...p, enabled: true, builtIn: true, modified: false, examples: examples[p.id] ?? [] }));
  const router = createRouter({ profiles: { list: () => profiles }, lexicon: shippedLexicon() });

  it(`routes the multilingual dev set at >= ${MULTILINGUAL_FLOOR} overall and >= ${PER_LANGUAGE_FLOOR} in each language`, () => {
    const rows = read('dev.multilingual.jsonl');
    const predicted = rows.map((r) => router.classify(r.text).domain);
    const gold = rows.map((r) => r.domain);
    expect(evaluateRouting(gold, predicted).accuracy).toBeGreaterThanOrEqual(MULTILINGUAL_FLOOR);
    const perLanguage = accuracyBy(rows.map((r) => r.lang!), gold, predicted);
    expect(Object.keys(perLanguage).sort()).toEqual(['de', 'es', 'fr', 'hi', 'it', 'pt']);
    for (const [language, a] of Object.entries(perLanguage)) expect(a.accuracy, language).toBeGreaterThanOrEqual(PER_LANGUAGE_FLOOR);
  });

  it(`keeps English at >= ${ENGLISH_FLOOR} on dev.jsonl`, () => {
    const rows = read('dev.jsonl');
    expect(evaluateRouting(rows.map((r) => r.domain), rows.map((r) => router.classify(r.text).domain)).accuracy).toBeGreaterThanOrEqual(ENGLISH_FLOOR);
  });

  it('routes Hindi written in Devanagari through its Latin spelling', () => {
    expect(router.classify('मेरी बेटी को तीन दिन से बुखार और खांसी है')).toMatchObject({ domain: 'healthcare', language: 'hi' });
    expect(router.classify('बच्चों के लिए एक छोटी कहानी लिखो').domain).toBe('creative');
    expect(router.classify('पाइथन में लिस्ट को सॉर्ट कैसे करें').domain).toBe('coding');
  });

  it('says which language it read, and the decision schema still reads decisions stored without one', () => {
    expect(router.classify('wie kann ich meinem Team schlechte Nachrichten überbringen').language).toBe('de');
    expect(router.classify('naya laptop lena hai, kaunsa achha rahega').language).toBe('hi');
    const old = { domain: 'general', confidence: 0.9, scores: { general: 0.9 }, reasons: [], tier: 'fast', modelId: null, fallback: null, mode: 'auto', systemPrompt: null, method: 'lexical' };
    expect(RoutingDecision.safeParse(old).success).toBe(true);
    expect(RoutingDecision.safeParse({ ...old, language: 'pt' }).success).toBe(true);
    expect(RoutingDecision.safeParse({ ...old, language: 'Portuguese' }).success).toBe(false);
  });
});
