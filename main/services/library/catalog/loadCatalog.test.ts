import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogEntry } from '../../../contract/index.js';
import { parseCatalogDocument } from './CatalogDocument.js';
import { defaultCatalogFile, loadCatalog } from './loadCatalog.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const factsFile = path.resolve(root, '../shared/model-facts.md');
const templatesDir = path.join(root, '.cache/llama-src/models/templates');
const raw = () => JSON.parse(fs.readFileSync(path.join(root, 'models/catalog.json'), 'utf8')) as { entries: Record<string, unknown>[] };

/** The 2026 section of the facts file, one part per family (## 1. Qwen3, ## 2. Gemma 3 ...). */
function factsSection(facts: string, heading: RegExp): string {
  const start = facts.search(heading);
  if (start < 0) return '';
  const next = facts.slice(start + 1).search(/\n## /);
  return next < 0 ? facts.slice(start) : facts.slice(start, start + 1 + next);
}

/**
 * The first section lists `hf:` URIs; the 2026 section lists the Hugging Face
 * address instead (`/blob/<rev>/<file>`, or `/resolve/main/<file>` where no
 * revision is known). Either form sources the same file at the same revision.
 */
function uriIsSourced(facts: string, uri: string): boolean {
  const [hf, revision] = uri.split('#');
  if (facts.includes(hf!)) return true;
  const [owner, repo, ...file] = hf!.replace(/^hf:/, '').split('/');
  const base = `https://huggingface.co/${owner}/${repo}`;
  return revision ? facts.includes(`${base}/blob/${revision}/${file.join('/')}`) : facts.includes(`${base}/resolve/main/${file.join('/')}`);
}

describe('models/catalog.json', () => {
  const entries = loadCatalog();

  it('is found from the source tree and every entry matches the contract', () => {
    expect(defaultCatalogFile()).toBe(path.join(root, 'models/catalog.json'));
    for (const entry of entries) expect(() => CatalogEntry.parse(entry)).not.toThrow();
  });

  it('holds at least 12 chat models and an embedding model, each with a Q4_K_M file first where it has one', () => {
    expect(entries.filter((e) => e.kind === 'chat').length).toBeGreaterThanOrEqual(12);
    expect(entries.some((e) => e.kind === 'embedding' && e.files.every((f) => f.fileName.endsWith('.gguf')))).toBe(true);
    for (const e of entries.filter((x) => x.kind === 'chat' && x.files.some((f) => f.quantization === 'Q4_K_M'))) {
      expect(e.files[0]!.quantization, e.id).toBe('Q4_K_M');
    }
    expect(entries.find((e) => e.id === 'qwen2.5-3b-instruct')?.licence).toMatch(/Qwen Research/);
  });

  it('carries the current families of the 2026 section, with capabilities, and a notice on every restricting licence', () => {
    const families = new Set(entries.map((e) => e.family));
    for (const family of ['Qwen3', 'Gemma 3', 'gpt-oss', 'Phi-4', 'SmolLM3', 'Qwen3 Embedding', 'EmbeddingGemma']) expect(families, family).toContain(family);
    expect(entries.filter((e) => e.kind === 'reranker').length).toBeGreaterThanOrEqual(2);
    for (const e of entries) expect(e.capabilities, e.id).toBeDefined();
    // Current models lead the list: the catalog page shows them first.
    expect(entries[0]!.family).toBe('Qwen3');
    for (const e of entries.filter((x) => /Gemma Terms|Research/.test(x.licence ?? ''))) {
      expect(e.licenceNotice?.text, e.id).toBeTruthy();
    }
    expect(entries.find((e) => e.id === 'gemma-3-4b-it')?.licenceNotice?.url).toBe('https://ai.google.dev/gemma/terms');
    expect(entries.find((e) => e.id === 'qwen3-4b')?.licenceNotice ?? null).toBeNull();
  });

  it.skipIf(!fs.existsSync(factsFile))('states capabilities and licence notices only as the 2026 section sources them', () => {
    const facts = fs.readFileSync(factsFile, 'utf8');
    const sections: Record<string, string> = {
      Qwen3: factsSection(facts, /\n## 1\. Qwen3/),
      'Gemma 3': factsSection(facts, /\n## 2\. Gemma 3/),
      'gpt-oss': factsSection(facts, /\n## 3\. gpt-oss/),
      SmolLM3: factsSection(facts, /\n## 5\. SmolLM3/),
    };
    for (const e of entries) {
      const thinking = e.capabilities?.thinking ?? null;
      if (thinking === null) continue;
      const section = sections[e.family] ?? '';
      // Each claim is checked against the words its family's section uses for it.
      if (thinking === 'hybrid') expect(section, e.id).toMatch(/hybrid/i);
      if (thinking === 'always') expect(section, e.id).toMatch(/reasoning_always: true|cannot be switched off/);
      if (thinking === 'none') expect(section, e.id).toMatch(/No thinking mode|non-thinking only/);
    }
    for (const e of entries) {
      if (e.licenceNotice?.url) expect(facts, e.id).toContain(e.licenceNotice.url);
      if (e.licenceNotice) expect(e.licenceNotice.text, e.id).toContain(e.licence!.replace(' License', ''));
    }
  });

  it.skipIf(!fs.existsSync(templatesDir))('claims tools only where the reference template in the llama.cpp source renders them', () => {
    for (const entry of raw().entries as Array<{ id: string; chatTemplate: string | null; capabilities: { tools: boolean | null } }>) {
      if (entry.chatTemplate) expect(fs.existsSync(path.join(templatesDir, entry.chatTemplate)), entry.id).toBe(true);
      if (entry.capabilities.tools !== true) continue;
      expect(entry.chatTemplate, entry.id).toBeTruthy();
      expect(fs.readFileSync(path.join(templatesDir, entry.chatTemplate!), 'utf8'), entry.id).toMatch(/\btools\b/);
    }
  });

  it.skipIf(!fs.existsSync(factsFile))('states only facts that ../shared/model-facts.md sources', () => {
    const facts = fs.readFileSync(factsFile, 'utf8');
    for (const entry of entries) {
      for (const file of entry.files) {
        const what = `${entry.id} ${file.quantization}`;
        expect(facts, what).toContain(file.fileName);
        expect(uriIsSourced(facts, file.uri), `${what}: ${file.uri} is not in the facts file`).toBe(true);
        if (file.sha256) expect(facts, what).toContain(file.sha256);
        if (file.sizeBytes) expect(facts, what).toContain(file.sizeBytes.toLocaleString('en-US'));
        const revision = file.uri.split('#')[1];
        if (revision) expect(facts, what).toContain(revision);
      }
      if (entry.contextLength) expect(facts, entry.id).toContain(entry.contextLength.toLocaleString('en-US'));
      if (entry.licence) expect(facts, entry.id).toContain(entry.licence.replace(' License', ''));
    }
  });

  it('routing profiles name catalog chat models, current families first, no first choice that needs a licence accepted', () => {
    const profiles = JSON.parse(fs.readFileSync(path.join(root, 'models/profiles.json'), 'utf8')) as { profiles: Array<{ id: string; models: Record<'fast' | 'standard', string[]> }> };
    const byId = new Map(entries.map((e) => [e.id, e]));
    const current = new Set(['Qwen3', 'Gemma 3', 'gpt-oss', 'Phi-4', 'SmolLM3']);
    for (const profile of profiles.profiles) {
      for (const tier of ['fast', 'standard'] as const) {
        const list = profile.models[tier];
        const where = `${profile.id}.${tier}`;
        for (const id of list) expect(byId.get(id)?.kind, `${where}: ${id}`).toBe('chat');
        expect(current.has(byId.get(list[0]!)!.family), `${where} starts with ${list[0]}`).toBe(true);
        // "Keep everything offline-ready" queues a tier's first choice without asking: it may not need a licence accepted.
        expect(byId.get(list[0]!)!.licenceNotice ?? null, `${where}: ${list[0]}`).toBeNull();
      }
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
    const gemma = doc.entries.find((e) => e.id === 'gemma-3-1b-it')!;
    expect(() => parseCatalogDocument({ ...doc, entries: [{ ...gemma, licenceNotice: null }] }, 'test')).toThrow(/restricts use and needs a licenceNotice/);
    expect(() => parseCatalogDocument({ ...doc, entries: [{ ...first, capabilities: undefined }] }, 'test')).toThrow(/capabilities/);
  });
});
