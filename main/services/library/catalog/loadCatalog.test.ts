import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogEntry } from '../../../contract/index.js';
import { parseCatalogDocument } from './CatalogDocument.js';
import { defaultCatalogFile, loadCatalog } from './loadCatalog.js';

const root = path.resolve(import.meta.dirname, '../../..');
const factsFile = path.resolve(root, '../shared/model-facts.md');
const raw = () => JSON.parse(fs.readFileSync(path.join(root, 'models/catalog.json'), 'utf8')) as { entries: Record<string, unknown>[] };

describe('models/catalog.json', () => {
  const entries = loadCatalog();

  it('is found from the source tree and every entry matches the contract', () => {
    expect(defaultCatalogFile()).toBe(path.join(root, 'models/catalog.json'));
    for (const entry of entries) expect(() => CatalogEntry.parse(entry)).not.toThrow();
  });

  it('holds at least 12 chat models and an embedding model, each with a Q4_K_M file first', () => {
    expect(entries.filter((e) => e.kind === 'chat').length).toBeGreaterThanOrEqual(12);
    expect(entries.some((e) => e.kind === 'embedding' && e.files.every((f) => f.fileName.endsWith('.gguf')))).toBe(true);
    for (const e of entries.filter((x) => x.kind === 'chat')) expect(e.files[0]!.quantization, e.id).toBe('Q4_K_M');
    expect(entries.find((e) => e.id === 'qwen2.5-3b-instruct')?.licence).toMatch(/Qwen Research/);
  });

  it.skipIf(!fs.existsSync(factsFile))('states only facts that ../shared/model-facts.md sources', () => {
    const facts = fs.readFileSync(factsFile, 'utf8');
    for (const entry of entries) {
      for (const file of entry.files) {
        const what = `${entry.id} ${file.quantization}`;
        expect(facts, what).toContain(file.fileName);
        expect(facts, what).toContain(file.uri.split('#')[0]);
        if (file.sha256) expect(facts, what).toContain(file.sha256);
        if (file.sizeBytes) expect(facts, what).toContain(file.sizeBytes.toLocaleString('en-US'));
        const revision = file.uri.split('#')[1];
        if (revision) expect(facts, what).toContain(revision);
      }
      if (entry.contextLength) expect(facts, entry.id).toContain(entry.contextLength.toLocaleString('en-US'));
      if (entry.licence) expect(facts, entry.id).toContain(entry.licence.replace(' License', ''));
    }
  });

  it('rejects a catalog with duplicate ids, a uri that names another file, or a hash on a split model', () => {
    const doc = raw();
    const first = doc.entries[0]!;
    expect(() => parseCatalogDocument({ ...doc, entries: [first, first] }, 'test')).toThrow(/appears twice/);
    const files = first.files as Record<string, unknown>[];
    const renamed = { ...first, files: [{ ...files[0], fileName: 'other.gguf' }] };
    expect(() => parseCatalogDocument({ ...doc, entries: [renamed] }, 'test')).toThrow(/names .* not other\.gguf/);
    const split = { ...first, files: [{ ...files[0], uri: 'hf:a/b/m-00001-of-00002.gguf', fileName: 'm-00001-of-00002.gguf', parts: 2 }] };
    expect(() => parseCatalogDocument({ ...doc, entries: [split] }, 'test')).toThrow(/only for single-file/);
    const crafted = { ...first, files: [{ ...files[0], uri: 'hf:a/b/..', fileName: '..' }] };
    expect(() => parseCatalogDocument({ ...doc, entries: [crafted] }, 'test')).toThrow(/invalid/);
    expect(() => parseCatalogDocument({ version: 2, entries: [] }, 'test')).toThrow(/invalid/);
  });
});
