import { describe, expect, it } from 'vitest';
import { OTHER_LANGUAGES, ROUTING_DOMAINS, checkMultilingualData, checkMultilingualDataFiles, checkRoutingData, checkRoutingDataFiles } from './checkRoutingData.js';

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

describe('checkMultilingualData', () => {
  const LIMITS = { minExamples: 1, devPerLanguage: 7, devPerLanguageDomain: 1, nearJaccard: 0.6 };
  const spanish = JSON.stringify({
    $comment: 'documentation, not a domain',
    general: ['qué tiempo hará en Bilbao'],
    healthcare: ['me duele la muela del juicio'],
    business: ['cómo hago una factura proforma'],
    education: ['explícame el teorema de Tales'],
    creative: ['un poema sobre el otoño'],
    leadership: ['mi equipo no cumple los plazos'],
    coding: ['cómo uso map en javascript'],
  });
  const SPANISH_DEV: Record<string, string> = {
    general: 'cuántos habitantes tiene Lima',
    healthcare: 'tengo tos seca por la noche',
    business: 'precio de mis clases particulares como autónomo',
    education: 'resumen de la reconquista para el examen',
    creative: 'un cuento sobre una tortuga astronauta',
    leadership: 'cómo animo a mi equipo tras un mal trimestre',
    coding: 'error de sintaxis en mi consulta sql',
  };
  const devLines = (overrides: Record<string, Partial<Record<'text' | 'lang' | 'kind', string>>> = {}) =>
    ROUTING_DOMAINS.map((d) => JSON.stringify({ text: SPANISH_DEV[d], domain: d, lang: 'es', kind: 'plain', ...overrides[d] })).join('\n') + '\n';

  it('accepts clean data and reads "$comment" as documentation', () => {
    const report = checkMultilingualData({ es: spanish }, devLines(), LIMITS);
    expect(report.problems).toEqual([]);
    expect(report.devPerLanguage).toEqual({ es: 7 });
    expect(report.examplesPerLanguage.es!.coding).toBe(1);
  });

  it('finds a dev line repeating or rewording a training phrase in its language, and bad lang, kind or shape', () => {
    const { problems } = checkMultilingualData(
      { es: spanish },
      devLines({ creative: { text: 'Un poema sobre el otoño!' }, healthcare: { text: 'me duele mucho la muela del juicio' }, general: { lang: 'xx' }, coding: { kind: 'weird' } }) + '{"text": "hola", "domain": "general"}\n',
      LIMITS,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('repeats a training phrase: "Un poema'),
        expect.stringContaining('near-duplicates a training phrase'),
        expect.stringContaining('lang "xx"'),
        expect.stringContaining('kind "weird"'),
        expect.stringContaining('expected exactly'),
      ]),
    );
  });

  it('finds too few examples or dev lines in a language', () => {
    const { problems } = checkMultilingualData({ es: spanish }, devLines().split('\n').slice(1).join('\n'), { ...LIMITS, minExamples: 2 });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('examples.es.json: general has 1 phrases'), expect.stringContaining('es has 6 lines'), expect.stringContaining('es has 0 general lines')]),
    );
  });
});

describe('models/routing multilingual data', () => {
  it('has examples in every language for every domain, 40+ dev lines per language, and no overlap', () => {
    const report = checkMultilingualDataFiles();
    expect(report.problems).toEqual([]);
    for (const language of OTHER_LANGUAGES) {
      expect(report.devPerLanguage[language]).toBeGreaterThanOrEqual(40);
      for (const d of ROUTING_DOMAINS) expect(report.examplesPerLanguage[language]![d]).toBeGreaterThanOrEqual(20);
    }
    for (const kind of ['terse', 'typo', 'cross-domain', 'long']) expect(report.devPerKind[kind]).toBeGreaterThan(0);
  });
});
