/**
 * The typo-tolerance figure: routes a labelled set as written and with one
 * typo injected into about half of its long words (a letter dropped, added,
 * changed or two swapped; seeded, so a run is reproducible), and prints the
 * accuracy of each, with the router's spelling correction on and off.
 *
 *   npx tsx scripts/routing/typoEval.ts [file.jsonl] [--seed 1] [--share 0.5] [--min-length 6] [--show 5]
 *
 * Defaults: models/routing/test.jsonl (the set nothing was tuned on).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Profile } from '../../main/contract/index.js';
import { buildRouterModel } from '../../main/services/routing/buildRouterModel.js';
import { builtInProfiles, GENERAL } from '../../main/services/routing/builtInProfiles.js';
import { CONFIDENCE_THRESHOLD, createRouter } from '../../main/services/routing/createRouter.js';
import { shippedExamples, shippedLexicon } from '../../main/services/routing/shippedRoutingData.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string', default: '1' }, share: { type: 'string', default: '0.5' }, 'min-length': { type: 'string', default: '6' }, show: { type: 'string', default: '5' } },
});
const file = positionals[0] ?? 'models/routing/test.jsonl';
const seed = Number(values.seed);
const share = Number(values.share);
const minLength = Number(values['min-length']);

function seeded(start: number): () => number {
  let s = start >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One edit inside the word (never its first letter: people rarely mistype that one). */
export function typo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 1));
  const letter = LETTERS[Math.floor(random() * LETTERS.length)]!;
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2: {
      // A changed letter that equals the old one would be no typo at all.
      const other = letter === word[at]!.toLowerCase() ? LETTERS[(LETTERS.indexOf(letter) + 1) % 26]! : letter;
      return word.slice(0, at) + other + word.slice(at + 1);
    }
    default: {
      const i = Math.min(at, word.length - 2);
      const swapped = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
      return swapped === word ? word.slice(0, at) + word.slice(at + 1) : swapped;
    }
  }
}

const rows = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; domain: string });

const random = seeded(seed);
let longWords = 0;
let changed = 0;
const typed = rows.map((row) => ({
  ...row,
  text: row.text.replace(/[A-Za-z]+/g, (word) => {
    if (word.length < minLength) return word;
    longWords++;
    if (random() >= share) return word;
    changed++;
    return typo(word, random);
  }),
}));

const examples = shippedExamples();
const lexicon = shippedLexicon();
const profiles: Profile[] = builtInProfiles().map((p) => ({ ...p, enabled: true, builtIn: true, modified: false, examples: examples[p.id] ?? [] }));
const router = createRouter({ profiles: { list: () => profiles }, lexicon });
/** The same model without spelling correction, with the router's threshold rule (no chat context is involved here). */
const uncorrected = buildRouterModel(profiles, lexicon, { spelling: false });
function routeUncorrected(text: string): string {
  const p = Array.from(uncorrected.classify(text).probabilities);
  const best = p.indexOf(Math.max(...p));
  return p[best]! < CONFIDENCE_THRESHOLD ? GENERAL : uncorrected.labels[best]!;
}

const accuracy = (set: typeof rows, route: (text: string) => string) => set.filter((r) => route(r.text) === r.domain).length / set.length;
const corrected = (text: string) => router.classify(text).domain;

console.log(`${file}: ${rows.length} messages; seed ${seed}; ${changed} of ${longWords} words of ${minLength}+ letters given one typo`);
console.log(`                      as written   with typos`);
console.log(`spelling correction   ${accuracy(rows, corrected).toFixed(3).padStart(10)}   ${accuracy(typed, corrected).toFixed(3).padStart(10)}`);
console.log(`no correction         ${accuracy(rows, routeUncorrected).toFixed(3).padStart(10)}   ${accuracy(typed, routeUncorrected).toFixed(3).padStart(10)}`);
for (const row of typed.slice(0, Number(values.show))) console.log(`  e.g. ${row.text}`);
