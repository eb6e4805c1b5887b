/// <reference types="node" />
// The renderer's tsconfig has DOM types only; this test reads the sources from disk under Node.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findKeys, findUntranslated } from './findUntranslated.js';
import { en } from './locales/en.js';
import type { Catalogue } from './locales/Catalogue.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Files still waiting for translation, each with the reason. Keep this empty:
 * it exists so a folder another engineer is rewriting can be done after their
 * commit lands, and the test names what is left meanwhile.
 */
const PENDING = new Map<string, string>();

function sources(ext: RegExp): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => ext.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('test/'))
    .sort();
}

function lookup(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

describe('every renderer string is in the catalogue', () => {
  it('finds the literals it is meant to find (the scanner itself)', () => {
    const found = findUntranslated(`
      const A = () => <p title="Shown" aria-label={\`Delete \${x}\`} className="not-text">Hello {busy ? 'Saving…' : t('ok')} {' '} · {n}</p>;
      const B = () => <IconButton label={t('x')} data-testid="fine" placeholder={cond ? t('a') : 'Plain'} />;
      const C = () => <span>{items.join(', ')}{t('k', { v: 'inner' })}</span>;
    `);
    expect(found.map((f) => [f.where, f.text])).toEqual([
      ['prop', 'Shown'],
      ['prop', 'Delete'],
      ['text', 'Hello'],
      ['expression', 'Saving…'],
      ['prop', 'Plain'],
    ]);
  });

  it('has no user-visible literal outside t() in renderer/src/**/*.tsx', () => {
    const problems: string[] = [];
    for (const file of sources(/\.tsx$/)) {
      if (PENDING.has(file)) continue;
      for (const f of findUntranslated(readFileSync(join(SRC, file), 'utf8'), file)) problems.push(`${file}:${f.line} ${f.where} "${f.text}"`);
    }
    expect(problems, 'Move these strings into renderer/src/i18n/locales/en.ts (and the other locales) and show them with t()').toEqual([]);
  });

  it('knows every key the code asks for', () => {
    const missing: string[] = [];
    // i18n/ itself only names keys in comments and examples.
    for (const file of sources(/\.tsx?$/).filter((f) => !f.startsWith('i18n/'))) {
      for (const { key, prefix } of findKeys(readFileSync(join(SRC, file), 'utf8'))) {
        const node = lookup(en, key);
        const plural = lookup(en, `${key}_other`);
        const ok = prefix ? typeof node === 'object' || key === '' : typeof node === 'string' || typeof plural === 'string';
        if (!ok) missing.push(`${file}: ${key}${prefix ? '.*' : ''}`);
      }
    }
    expect(missing, 'Add these keys to renderer/src/i18n/locales/en.ts').toEqual([]);
  });

  it('lists only files that exist as pending', () => {
    const all = new Set(sources(/\.tsx$/));
    expect([...PENDING.keys()].filter((f) => !all.has(f))).toEqual([]);
  });
});

