import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGE_STOPWORDS, ROUTED_LANGUAGES } from '../../main/services/routing/languageStopwords.js';

/**
 * Checks the hand-written routing data in models/routing: examples.json (what
 * the lexical router trains on) and dev.jsonl (held out, never trained on).
 * The dev set only measures anything if it does not repeat the training
 * phrases, so besides shape and counts this looks for exact and near
 * duplicates between the two files, and for phrases filed under two domains.
 */

export const ROUTING_DOMAINS = ['general', 'healthcare', 'business', 'education', 'creative', 'leadership', 'coding'] as const;
export type RoutingDomain = (typeof ROUTING_DOMAINS)[number];

export const MIN_EXAMPLES_PER_DOMAIN = 150;
export const DEV_PER_DOMAIN = 40;
/** Token-set Jaccard at or above this counts as the same phrase reworded. */
export const NEAR_DUPLICATE_JACCARD = 0.6;

/**
 * Function words dropped for the second, content-word comparison: two phrases
 * that share their nouns and verbs are one phrase in two wordings even when
 * the glue around them differs ("can u help me fix X" vs "how to fix X").
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the and or but of to in on at for with by from is are was were be been am i me my we our you your it its this that ' +
    'these those do does did how what whats why when where which who can could should would will may might must have has had ' +
    'there their they them he she his her as about into so if not no than then too very just also some any more most please ' +
    'pls help explain write give make tell get need want like really im ive dont u'
  ).split(' '),
);

export interface LabelledText {
  text: string;
  domain: string;
}

export interface RoutingDataReport {
  problems: string[];
  examplesPerDomain: Record<string, number>;
  devPerDomain: Record<string, number>;
}

export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokenSet(text: string): Set<string> {
  return new Set(normaliseText(text).split(' ').filter(Boolean));
}

export function contentWords(text: string): Set<string> {
  return new Set([...tokenSet(text)].filter((t) => !FUNCTION_WORDS.has(t)));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Parses examples.json's text; shape problems are reported, not thrown, so one run lists them all. */
export function parseExamples(raw: string, problems: string[]): LabelledText[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    problems.push(`examples.json is not valid JSON: ${(err as Error).message}`);
    return [];
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push('examples.json must be an object of domain -> phrases');
    return [];
  }
  const out: LabelledText[] = [];
  for (const [domain, phrases] of Object.entries(data)) {
    if (!(ROUTING_DOMAINS as readonly string[]).includes(domain)) problems.push(`examples.json: unknown domain "${domain}"`);
    if (!Array.isArray(phrases)) {
      problems.push(`examples.json: "${domain}" is not an array`);
      continue;
    }
    for (const p of phrases) {
      if (typeof p !== 'string' || p.trim() === '' || p.length > 1000) problems.push(`examples.json: bad phrase in "${domain}": ${JSON.stringify(p)}`);
      else out.push({ text: p, domain });
    }
  }
  return out;
}

export function parseDev(raw: string, problems: string[]): LabelledText[] {
  const out: LabelledText[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      problems.push(`dev.jsonl line ${i + 1}: not valid JSON`);
      return;
    }
    const r = row as Partial<LabelledText>;
    if (typeof r !== 'object' || r === null || typeof r.text !== 'string' || typeof r.domain !== 'string' || Object.keys(r).length !== 2) {
      problems.push(`dev.jsonl line ${i + 1}: expected exactly {"text": string, "domain": string}`);
      return;
    }
    if (!(ROUTING_DOMAINS as readonly string[]).includes(r.domain)) problems.push(`dev.jsonl line ${i + 1}: unknown domain "${r.domain}"`);
    if (r.text.trim() === '') problems.push(`dev.jsonl line ${i + 1}: empty text`);
    out.push({ text: r.text, domain: r.domain });
  });
  return out;
}

function countByDomain(rows: LabelledText[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(ROUTING_DOMAINS.map((d) => [d, 0]));
  for (const r of rows) counts[r.domain] = (counts[r.domain] ?? 0) + 1;
  return counts;
}

/** Exact (normalised) repeats within one file; the same phrase under two domains is a contradiction. */
function findRepeats(rows: LabelledText[], file: string, problems: string[]): void {
  const seen = new Map<string, LabelledText>();
  for (const r of rows) {
    const key = normaliseText(r.text);
    const first = seen.get(key);
    if (!first) seen.set(key, r);
    else if (first.domain !== r.domain) problems.push(`${file}: "${r.text}" is filed under both ${first.domain} and ${r.domain}`);
    else problems.push(`${file}: "${r.text}" appears twice in ${r.domain}`);
  }
}

export function checkRoutingData(
  examplesRaw: string,
  devRaw: string,
  limits = { minExamples: MIN_EXAMPLES_PER_DOMAIN, devPerDomain: DEV_PER_DOMAIN, nearJaccard: NEAR_DUPLICATE_JACCARD },
): RoutingDataReport {
  const problems: string[] = [];
  const examples = parseExamples(examplesRaw, problems);
  const dev = parseDev(devRaw, problems);
  const examplesPerDomain = countByDomain(examples);
  const devPerDomain = countByDomain(dev);
  for (const d of ROUTING_DOMAINS) {
    if (examplesPerDomain[d]! < limits.minExamples) problems.push(`examples.json: ${d} has ${examplesPerDomain[d]} phrases, needs at least ${limits.minExamples}`);
    if (devPerDomain[d] !== limits.devPerDomain) problems.push(`dev.jsonl: ${d} has ${devPerDomain[d]} lines, expected ${limits.devPerDomain}`);
  }
  findRepeats(examples, 'examples.json', problems);
  findRepeats(dev, 'dev.jsonl', problems);

  const signature = (r: LabelledText) => ({ r, key: normaliseText(r.text), tokens: tokenSet(r.text), content: contentWords(r.text) });
  const exampleSigs = examples.map(signature);
  for (const d of dev.map(signature)) {
    for (const x of exampleSigs) {
      if (x.key === d.key) {
        problems.push(`dev.jsonl repeats a training phrase: "${d.r.text}"`);
        continue;
      }
      // Content words only count when both sides have a few, or "fix X" would match every "fix Y".
      const j = Math.max(jaccard(d.tokens, x.tokens), d.content.size >= 2 && x.content.size >= 2 ? jaccard(d.content, x.content) : 0);
      if (j >= limits.nearJaccard) problems.push(`dev.jsonl near-duplicates a training phrase (Jaccard ${j.toFixed(2)}): "${d.r.text}" ~ "${x.r.text}"`);
    }
  }
  return { problems, examplesPerDomain, devPerDomain };
}

/** Per language besides English: examples.<code>.json needs at least this many phrases per domain. */
export const MIN_LANGUAGE_EXAMPLES_PER_DOMAIN = 20;
/** dev.multilingual.jsonl: at least this many lines per language, and this many per domain within each. */
export const MULTILINGUAL_DEV_PER_LANGUAGE = 40;
export const MULTILINGUAL_DEV_PER_LANGUAGE_DOMAIN = 5;
export const DEV_KINDS = ['plain', 'terse', 'typo', 'cross-domain', 'long'] as const;
export const OTHER_LANGUAGES = ROUTED_LANGUAGES.filter((l) => l !== 'en');

export interface MultilingualReport {
  problems: string[];
  /** language -> domain -> count */
  examplesPerLanguage: Record<string, Record<string, number>>;
  devPerLanguage: Record<string, number>;
  devPerKind: Record<string, number>;
}

interface MultilingualLine extends LabelledText {
  lang: string;
  kind: string;
}

/** Top-level "$comment" keys document a file; they are not a domain. Unparseable text is left for parseExamples to report. */
function withoutComments(raw: string): string {
  try {
    const data = JSON.parse(raw) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return raw;
    return JSON.stringify(Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('$'))));
  } catch {
    return raw;
  }
}

/** Accent-free content words, the language's own function words dropped as well as English ones. */
function foreignContentWords(text: string, language: string): Set<string> {
  const own = (LANGUAGE_STOPWORDS as Record<string, ReadonlySet<string>>)[language];
  const plain = text.normalize('NFKD').replace(/\p{M}+/gu, '');
  return new Set([...tokenSet(plain)].filter((t) => !FUNCTION_WORDS.has(t) && !own?.has(t)));
}

/**
 * The other languages' data: each examples.<code>.json (shape, domains,
 * counts, no repeats or phrases under two domains) and dev.multilingual.jsonl
 * (lines {"text","domain","lang","kind"}, enough per language and per domain
 * within it, and no line equal or near to a training phrase in any language).
 */
export function checkMultilingualData(
  examplesRaw: Record<string, string>,
  devRaw: string,
  limits = { minExamples: MIN_LANGUAGE_EXAMPLES_PER_DOMAIN, devPerLanguage: MULTILINGUAL_DEV_PER_LANGUAGE, devPerLanguageDomain: MULTILINGUAL_DEV_PER_LANGUAGE_DOMAIN, nearJaccard: NEAR_DUPLICATE_JACCARD },
): MultilingualReport {
  const problems: string[] = [];
  const examplesPerLanguage: Record<string, Record<string, number>> = {};
  const training: Array<LabelledText & { lang: string }> = [];
  for (const [language, raw] of Object.entries(examplesRaw)) {
    const file = language === 'en' ? 'examples.json' : `examples.${language}.json`;
    const own: string[] = [];
    const rows = parseExamples(withoutComments(raw), own);
    problems.push(...own.map((p) => p.replace('examples.json', file)));
    training.push(...rows.map((r) => ({ ...r, lang: language })));
    if (language === 'en') continue;
    examplesPerLanguage[language] = countByDomain(rows);
    for (const d of ROUTING_DOMAINS) {
      if (examplesPerLanguage[language]![d]! < limits.minExamples) problems.push(`${file}: ${d} has ${examplesPerLanguage[language]![d]} phrases, needs at least ${limits.minExamples}`);
    }
    findRepeats(rows, file, problems);
  }

  const dev: MultilingualLine[] = [];
  devRaw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: Partial<MultilingualLine>;
    try {
      row = JSON.parse(line) as Partial<MultilingualLine>;
    } catch {
      problems.push(`dev.multilingual.jsonl line ${i + 1}: not valid JSON`);
      return;
    }
    if (typeof row.text !== 'string' || typeof row.domain !== 'string' || typeof row.lang !== 'string' || typeof row.kind !== 'string' || Object.keys(row).length !== 4) {
      problems.push(`dev.multilingual.jsonl line ${i + 1}: expected exactly {"text", "domain", "lang", "kind"} strings`);
      return;
    }
    if (!(ROUTING_DOMAINS as readonly string[]).includes(row.domain)) problems.push(`dev.multilingual.jsonl line ${i + 1}: unknown domain "${row.domain}"`);
    if (!(OTHER_LANGUAGES as readonly string[]).includes(row.lang)) problems.push(`dev.multilingual.jsonl line ${i + 1}: lang "${row.lang}" is not one of ${OTHER_LANGUAGES.join(', ')}`);
    if (!(DEV_KINDS as readonly string[]).includes(row.kind)) problems.push(`dev.multilingual.jsonl line ${i + 1}: kind "${row.kind}" is not one of ${DEV_KINDS.join(', ')}`);
    dev.push(row as MultilingualLine);
  });
  const devPerLanguage: Record<string, number> = {};
  const devPerKind: Record<string, number> = {};
  for (const r of dev) {
    devPerLanguage[r.lang] = (devPerLanguage[r.lang] ?? 0) + 1;
    devPerKind[r.kind] = (devPerKind[r.kind] ?? 0) + 1;
  }
  for (const language of Object.keys(examplesPerLanguage)) {
    if ((devPerLanguage[language] ?? 0) < limits.devPerLanguage) problems.push(`dev.multilingual.jsonl: ${language} has ${devPerLanguage[language] ?? 0} lines, needs at least ${limits.devPerLanguage}`);
    for (const d of ROUTING_DOMAINS) {
      const n = dev.filter((r) => r.lang === language && r.domain === d).length;
      if (n < limits.devPerLanguageDomain) problems.push(`dev.multilingual.jsonl: ${language} has ${n} ${d} lines, needs at least ${limits.devPerLanguageDomain}`);
    }
  }
  findRepeats(dev, 'dev.multilingual.jsonl', problems);

  // Exact repeats count in any language; rewordings within the line's own language: across languages the
  // shared words are English loanwords and pasted errors ("python", "list", "Cannot read properties"), not a reworded line.
  const signature = (r: LabelledText & { lang: string }) => ({ r, key: normaliseText(r.text), tokens: tokenSet(r.text), content: foreignContentWords(r.text, r.lang) });
  const trainingSigs = training.map(signature);
  for (const d of dev.map(signature)) {
    for (const x of trainingSigs) {
      if (x.r.lang !== d.r.lang && x.key !== d.key) continue;
      if (x.key === d.key) {
        problems.push(`dev.multilingual.jsonl repeats a training phrase: "${d.r.text}"`);
        continue;
      }
      const j = Math.max(jaccard(d.tokens, x.tokens), d.content.size >= 2 && x.content.size >= 2 ? jaccard(d.content, x.content) : 0);
      if (j >= limits.nearJaccard) problems.push(`dev.multilingual.jsonl near-duplicates a training phrase (Jaccard ${j.toFixed(2)}): "${d.r.text}" ~ "${x.r.text}"`);
    }
  }
  return { problems, examplesPerLanguage, devPerLanguage, devPerKind };
}

const ROUTING_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'routing');

export function checkRoutingDataFiles(dir = ROUTING_DIR): RoutingDataReport {
  return checkRoutingData(fs.readFileSync(path.join(dir, 'examples.json'), 'utf8'), fs.readFileSync(path.join(dir, 'dev.jsonl'), 'utf8'));
}

export function checkMultilingualDataFiles(dir = ROUTING_DIR): MultilingualReport {
  const examples = Object.fromEntries(ROUTED_LANGUAGES.map((l) => [l, fs.readFileSync(path.join(dir, l === 'en' ? 'examples.json' : `examples.${l}.json`), 'utf8')]));
  return checkMultilingualData(examples, fs.readFileSync(path.join(dir, 'dev.multilingual.jsonl'), 'utf8'));
}

// `npx tsx scripts/routing/checkRoutingData.ts` prints the counts and any problems.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = checkRoutingDataFiles();
  console.log('examples:', report.examplesPerDomain);
  console.log('dev:', report.devPerDomain);
  const multilingual = checkMultilingualDataFiles();
  console.log('examples per language:', multilingual.examplesPerLanguage);
  console.log('multilingual dev per language:', multilingual.devPerLanguage, 'per kind:', multilingual.devPerKind);
  const problems = [...report.problems, ...multilingual.problems];
  for (const p of problems) console.log('PROBLEM', p);
  process.exitCode = problems.length ? 1 : 0;
}
