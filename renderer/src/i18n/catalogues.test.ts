import { describe, expect, it } from 'vitest';
import { directionOf, LANGUAGES, matchLanguage } from './languages.js';
import type { Catalogue } from './locales/Catalogue.js';
import { CATALOGUES } from './locales/index.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** key -> its forms: plain keys have one form, '' ; plural keys one per category. */
function grouped(catalogue: Catalogue): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of flatten(catalogue)) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const forms = out.get(base) ?? new Map<string, string>();
    forms.set(m ? m[1]! : '', text);
    out.set(base, forms);
  }
  return out;
}

const variables = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!));
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((m) => m[0]).sort();
const sorted = (s: Set<string>) => [...s].sort();

const english = grouped(CATALOGUES.en);

describe('catalogues', () => {
  it('ships every language it lists, each with its own catalogue', () => {
    for (const { code } of LANGUAGES) {
      expect(CATALOGUES[code], code).toBeDefined();
      if (code !== 'en') expect(CATALOGUES[code], `${code} is a copy of English`).not.toBe(CATALOGUES.en);
    }
  });

  for (const { code } of LANGUAGES.filter((l) => l.code !== 'en')) {
    describe(code, () => {
      const local = grouped(CATALOGUES[code]);
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];

      it('has exactly the keys of English', () => {
        expect(sorted(new Set(local.keys()))).toEqual(sorted(new Set(english.keys())));
      });

      it("has every plural form its language needs, and none it doesn't", () => {
        const wrong: string[] = [];
        for (const [key, forms] of english) {
          if (forms.has('')) continue;
          const have = sorted(new Set(local.get(key)?.keys() ?? []));
          if (have.join() !== [...categories].sort().join()) wrong.push(`${key}: ${have.join('/')} (needs ${[...categories].sort().join('/')})`);
        }
        expect(wrong).toEqual([]);
      });

      it('uses the same {{variables}} and markup as English', () => {
        const wrong: string[] = [];
        for (const [key, enForms] of english) {
          const localForms = local.get(key);
          if (!localForms) continue;
          const enAll = new Set([...enForms.values()].flatMap((t) => [...variables(t)]));
          const enTags = tags(enForms.get('') ?? enForms.get('other')!).join(' ');
          const localAll = new Set<string>();
          for (const [form, text] of localForms) {
            for (const v of variables(text)) {
              localAll.add(v);
              if (!enAll.has(v)) wrong.push(`${key}${form && `_${form}`}: unknown {{${v}}}`);
            }
            if (tags(text).join(' ') !== enTags) wrong.push(`${key}${form && `_${form}`}: markup ${tags(text).join(' ')} vs ${enTags}`);
          }
          // A singular may say "one" in words instead of {{n}}; the forms together still carry every variable but count.
          for (const v of enAll) if (v !== 'count' && v !== 'n' && !localAll.has(v)) wrong.push(`${key}: missing {{${v}}}`);
          if (enAll.has('n') && !localAll.has('n') && !localForms.has('')) wrong.push(`${key}: no form shows {{n}}`);
          if (enAll.has('n') && localForms.has('') && !localAll.has('n')) wrong.push(`${key}: missing {{n}}`);
        }
        expect(wrong).toEqual([]);
      });

      it('translates: most strings differ from English', () => {
        const en = flatten(CATALOGUES.en);
        const same = [...flatten(CATALOGUES[code])].filter(([k, v]) => en.get(k) === v && /\p{L}{4,}/u.test(v));
        // Product names, units and placeholders legitimately stay; a copied catalogue would not pass this.
        expect(same.length, same.map(([k]) => k).join(', ')).toBeLessThan(en.size * 0.1);
      });
    });
  }
});

describe('matchLanguage', () => {
  it('takes the first shipped language, by exact tag or by base language', () => {
    expect(matchLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(matchLanguage(['pt-BR'])).toBe('pt');
    expect(matchLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(matchLanguage(['sv-SE', 'de-AT'])).toBe('de');
    expect(matchLanguage(['sv-SE'])).toBe('en');
    expect(matchLanguage([])).toBe('en');
  });

  it('marks Arabic right-to-left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('zh-CN')).toBe('ltr');
  });
});
