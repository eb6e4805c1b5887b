import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSearchMode, docsCommand } from './docsCommand.js';

let dir: string;
let dataDir: string;
let folder: string;

async function hearth(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t) };
  const code = await docsCommand([...argv, '--data-dir', dataDir], io);
  return { code, stdout, stderr };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-docs-cli-'));
  dataDir = path.join(dir, 'data');
  folder = path.join(dir, 'notes');
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'garden.md'), '# Garden\n\n## Compost\n\nTurn the compost heap every two weeks.\n');
  fs.writeFileSync(path.join(folder, 'sub', 'bikes.txt'), 'Oil the bicycle chain monthly.\n');
  fs.writeFileSync(path.join(folder, 'broken.json'), '{ nope');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hearth docs', () => {
  it('add indexes with progress on stderr and a summary with skip reasons; list shows it', async () => {
    const add = await hearth('add', folder, '--collection', 'Home');
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toMatch(/^indexing 1\/3: /m);
    expect(add.stdout).toMatch(/^Home: 2 new, 0 changed, 0 moved, 0 removed, 0 unchanged; 1 skipped/);
    expect(add.stdout).toContain(`skipped ${path.join(folder, 'broken.json')}: malformed JSON`);
    const list = await hearth('list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'Home', indexedFiles: 2, skippedFiles: 1, roots: [{ path: folder, kind: 'folder' }] })]);
    const human = (await hearth('list')).stdout;
    expect(human).toMatch(/^NAME\s+FILES\s+SKIPPED/);
    expect(human).toContain('Search: keywords (install an embedding model to search by meaning too); no reranker installed.');
    const files = JSON.parse((await hearth('files', 'home', '--json')).stdout) as { status: string }[];
    expect(files.map((f) => f.status).sort()).toEqual(['indexed', 'indexed', 'skipped']);
  });

  it('search --json returns {path, score, heading?, page?, lines?, text}, best first, absolute paths', async () => {
    await hearth('add', folder);
    const r = await hearth('search', 'when to turn compost', '--json', '--limit', '5');
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(hits[0]).toEqual({ path: path.join(folder, 'garden.md'), score: expect.any(Number), heading: 'Garden > Compost', lines: [5, 5], text: 'Turn the compost heap every two weeks.' });
    const chain = JSON.parse((await hearth('search', 'bicycle', '--json', '--collection', 'Documents')).stdout) as Record<string, unknown>[];
    expect(chain).toEqual([{ path: path.join(folder, 'sub', 'bikes.txt'), score: expect.any(Number), lines: [1, 1], text: 'Oil the bicycle chain monthly.' }]);
    expect((await hearth('search', 'bicycle')).stdout).toMatch(/^1\. .*bikes\.txt {2}\(lines 1-1\)\n {3}Oil the bicycle chain monthly\./);
  });

  it('sync picks up changes; rm removes a path, then the collection', async () => {
    await hearth('add', folder, '--collection', 'Home');
    fs.writeFileSync(path.join(folder, 'new.md'), '# New\n\nKayak paddles.\n');
    fs.rmSync(path.join(folder, 'sub', 'bikes.txt'));
    const sync = await hearth('sync', '--json');
    expect(JSON.parse(sync.stdout)).toEqual([expect.objectContaining({ added: 1, removed: 1, unchanged: 2 })]);
    const rmPath = await hearth('rm', path.join(folder, 'new.md'));
    expect(rmPath.stdout).toMatch(/1 file\(s\) removed/);
    expect(JSON.parse((await hearth('search', 'kayak', '--json')).stdout)).toEqual([]);
    const rm = await hearth('rm', 'Home');
    expect(rm.stdout).toMatch(/^Removed collection "Home"/);
    expect(JSON.parse((await hearth('list', '--json')).stdout)).toEqual([]);
    expect(fs.existsSync(path.join(folder, 'garden.md'))).toBe(true);
  });

  it('refuses wrong usage and unknown collections with a way out', async () => {
    await expect(hearth('add')).rejects.toThrow(/at least one file or folder/);
    await expect(hearth('search', 'x', '--collection', 'Nope')).rejects.toThrow(/no document collection "Nope".*hearth docs add/);
    await expect(hearth('search', 'x', '--limit', '0')).rejects.toThrow(/--limit must be an integer >= 1/);
    await expect(hearth('frobnicate')).rejects.toThrow(/unknown subcommand/);
  });
});

describe('describeSearchMode', () => {
  it('names the models search uses and whether reranking is on', () => {
    expect(describeSearchMode({ embeddingModelId: 'bge-small-en-v1.5-q8_0', rerankerModelId: 'qwen3-reranker-0.6b-q8_0', rerank: 'auto', reranking: true })).toBe(
      'Search: keywords and meaning (bge-small-en-v1.5-q8_0); best results reordered by qwen3-reranker-0.6b-q8_0.\n',
    );
    expect(describeSearchMode({ embeddingModelId: null, rerankerModelId: 'qwen3-reranker-0.6b-q8_0', rerank: 'off', reranking: false })).toContain('reranker qwen3-reranker-0.6b-q8_0 installed but turned off');
    expect(describeSearchMode({ embeddingModelId: null, rerankerModelId: 'qwen3-reranker-0.6b-q8_0', rerank: 'auto', reranking: false })).toContain('automatic reranking needs models to run on a GPU');
  });
});
