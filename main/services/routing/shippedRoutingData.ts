import { z } from 'zod';
import examplesFile from '../../../models/routing/examples.json' with { type: 'json' };
import examplesDe from '../../../models/routing/examples.de.json' with { type: 'json' };
import examplesEs from '../../../models/routing/examples.es.json' with { type: 'json' };
import examplesFr from '../../../models/routing/examples.fr.json' with { type: 'json' };
import examplesHi from '../../../models/routing/examples.hi.json' with { type: 'json' };
import examplesIt from '../../../models/routing/examples.it.json' with { type: 'json' };
import examplesPt from '../../../models/routing/examples.pt.json' with { type: 'json' };
import lexiconFile from '../../../models/routing/lexicon.json' with { type: 'json' };
import lexiconDe from '../../../models/routing/lexicon.de.json' with { type: 'json' };
import lexiconEs from '../../../models/routing/lexicon.es.json' with { type: 'json' };
import lexiconFr from '../../../models/routing/lexicon.fr.json' with { type: 'json' };
import lexiconHi from '../../../models/routing/lexicon.hi.json' with { type: 'json' };
import lexiconIt from '../../../models/routing/lexicon.it.json' with { type: 'json' };
import lexiconPt from '../../../models/routing/lexicon.pt.json' with { type: 'json' };
import type { RoutedLanguage } from './languageStopwords.js';

/** domain -> phrases. */
export type PhraseSets = Record<string, string[]>;

const Phrases = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), z.array(z.string().min(1).max(1000)));

function parse(data: unknown, source: string): PhraseSets {
  const withoutComments = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([key]) => !key.startsWith('$')));
  const parsed = Phrases.safeParse(withoutComments);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** English in examples.json / lexicon.json, every other language in examples.<code>.json / lexicon.<code>.json. */
const EXAMPLE_FILES: Record<RoutedLanguage, unknown> = { en: examplesFile, es: examplesEs, fr: examplesFr, de: examplesDe, pt: examplesPt, it: examplesIt, hi: examplesHi };
const LEXICON_FILES: Record<RoutedLanguage, unknown> = { en: lexiconFile, es: lexiconEs, fr: lexiconFr, de: lexiconDe, pt: lexiconPt, it: lexiconIt, hi: lexiconHi };

const fileName = (kind: 'examples' | 'lexicon', language: RoutedLanguage) => `models/routing/${kind}${language === 'en' ? '' : `.${language}`}.json`;

function parseAll(kind: 'examples' | 'lexicon', files: Record<RoutedLanguage, unknown>): Record<RoutedLanguage, PhraseSets> {
  return Object.fromEntries(Object.entries(files).map(([language, data]) => [language, parse(data, fileName(kind, language as RoutedLanguage))])) as Record<RoutedLanguage, PhraseSets>;
}

/** One set of phrases per domain from all languages, English first. */
function merge(byLanguage: Record<RoutedLanguage, PhraseSets>): PhraseSets {
  const merged: PhraseSets = {};
  for (const sets of Object.values(byLanguage)) for (const [domain, phrases] of Object.entries(sets)) (merged[domain] ??= []).push(...phrases);
  return merged;
}

let examplesByLanguage: Record<RoutedLanguage, PhraseSets> | undefined;
let examples: PhraseSets | undefined;
let lexicon: PhraseSets | undefined;

/** The example phrases per language, as shipped (for language profiles and tuning). */
export function shippedExamplesByLanguage(): Record<RoutedLanguage, PhraseSets> {
  examplesByLanguage ??= parseAll('examples', EXAMPLE_FILES);
  return examplesByLanguage;
}

/** The example phrases shipped per built-in profile, all languages together (models/routing/examples*.json). */
export function shippedExamples(): PhraseSets {
  examples ??= merge(shippedExamplesByLanguage());
  return examples;
}

/** Domain vocabulary shipped beside the examples, all languages together (models/routing/lexicon*.json). */
export function shippedLexicon(): PhraseSets {
  lexicon ??= merge(parseAll('lexicon', LEXICON_FILES));
  return lexicon;
}
