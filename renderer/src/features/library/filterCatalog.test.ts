import { describe, expect, it } from 'vitest';
import { CATALOG, makeCatalogItem } from '../../test/libraryFixtures.js';
import { facetsOf, filterCatalog, NO_FILTER, sizeBucketOf } from './filterCatalog.js';

const ids = (f: Partial<typeof NO_FILTER>) => filterCatalog(CATALOG, { ...NO_FILTER, ...f }).map((c) => c.id);

describe('filterCatalog', () => {
  it('buckets by parameters, falling back to the file size, and leaves unknowns out of every bucket', () => {
    expect(sizeBucketOf(makeCatalogItem({ id: 'a', parameters: 0.5e9 }))).toBe('small');
    expect(sizeBucketOf(makeCatalogItem({ id: 'b', parameters: 3e9 }))).toBe('medium');
    expect(sizeBucketOf(makeCatalogItem({ id: 'c', parameters: 7e9 }))).toBe('large');
    const file = CATALOG[0]!.files[0]!;
    expect(sizeBucketOf(makeCatalogItem({ id: 'd', parameters: null, files: [{ ...file, sizeBytes: 4.4e9 }] }))).toBe('large');
    expect(sizeBucketOf(makeCatalogItem({ id: 'e', parameters: null, files: [{ ...file, sizeBytes: null, approxSizeBytes: 0.9e9 }] }))).toBe('small');
    expect(sizeBucketOf(makeCatalogItem({ id: 'f', parameters: null, files: [{ ...file, sizeBytes: null, approxSizeBytes: null }] }))).toBeNull();
  });

  it('filters by size, family, domain and fit', () => {
    expect(ids({})).toHaveLength(CATALOG.length);
    expect(ids({ size: 'small' })).toEqual(['qwen2.5-0.5b-instruct', 'llama-3.2-1b-instruct', 'nomic-embed-text-v1.5']);
    expect(ids({ size: 'large' })).toEqual(['llama-3.1-8b-instruct', 'mistral-7b-instruct-v0.3']);
    expect(ids({ family: 'Llama' })).toEqual(['llama-3.2-1b-instruct', 'llama-3.1-8b-instruct']);
    expect(ids({ domain: 'code' })).toEqual(['qwen2.5-3b-instruct', 'llama-3.1-8b-instruct']);
    expect(ids({ family: 'Llama', size: 'small' })).toEqual(['llama-3.2-1b-instruct']);
    expect(ids({ fitsOnly: true })).not.toContain('llama-3.1-8b-instruct');
  });

  it('matches every word of the text anywhere: name, licence, kind, quantization', () => {
    expect(ids({ text: 'research' })).toEqual(['qwen2.5-3b-instruct']);
    expect(ids({ text: 'embedding' })).toEqual(['nomic-embed-text-v1.5']);
    expect(ids({ text: 'q8_0 qwen' })).toEqual(['qwen2.5-0.5b-instruct']);
    expect(ids({ text: 'llama mistral' })).toEqual([]);
  });

  it('lists each family and domain once, sorted', () => {
    expect(facetsOf(CATALOG)).toEqual({ families: ['Llama', 'Mistral', 'Nomic', 'Qwen2.5'], domains: ['code', 'general', 'multilingual', 'writing'] });
  });
});
