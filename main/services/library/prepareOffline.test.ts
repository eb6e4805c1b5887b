import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Download } from '../../contract/index.js';
import { preferredMissing, prepareOffline } from './prepareOffline.js';

const entry = (id: string): CatalogEntry => ({
  id,
  name: id,
  family: 'f',
  kind: 'chat',
  description: '',
  parameters: null,
  contextLength: null,
  licence: null,
  domains: [],
  files: [{ quantization: 'Q4_K_M', uri: `hf:o/r/${id}.gguf`, fileName: `${id}.gguf`, sizeBytes: null, sha256: null, parts: 1 }],
});

describe('prepareOffline', () => {
  it('queues each wanted catalog model once, skipping installed ones and ids that are not in the catalog', () => {
    const installed = new Set(['b']);
    const started: string[] = [];
    const result = prepareOffline(
      ['a', 'b', 'a', 'not-in-catalog', 'c'],
      { entries: () => ['a', 'b', 'c'].map(entry), installed: (e) => (installed.has(e.id) ? [{ quantization: 'Q4_K_M', modelId: e.id }] : []) },
      { start: (source) => (started.push(source), { id: `d-${source}`, source } as Download) },
    );
    expect(started).toEqual(['a', 'c']);
    expect(result.map((d) => d.id)).toEqual(['d-a', 'd-c']);
  });

  it('wants, per preference list, its first choice only when none of its choices is installed', () => {
    const installed = new Set(['small-2']);
    expect(
      preferredMissing(
        [
          ['fast-1', 'fast-2'],
          ['big-1', 'small-2'],
          [],
          ['fast-1'],
        ],
        (id) => installed.has(id),
      ),
    ).toEqual(['fast-1', 'fast-1']);
  });
});
