import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HearthError, type CatalogEntry, type ModelFit, type ModelRecord } from '../../../contract/index.js';
import { fixturePath } from '../../../../test/fixtures.js';
import { useFileServer } from '../../../../test/useFileServer.js';
import { allowAllNetwork, type NetworkPolicy } from '../../network/NetworkPolicy.js';
import { createCatalogService, type CatalogServiceDeps } from './createCatalogService.js';
import { estimateFitFromSize } from './estimateFitFromSize.js';

const GB = 2 ** 30;
const scratch = useFileServer('hearth-catalog');

function entry(id: string, file: Partial<CatalogEntry['files'][number]> = {}): CatalogEntry {
  return {
    id,
    name: id,
    family: 'T',
    kind: 'chat',
    description: '',
    parameters: null,
    contextLength: 4096,
    licence: null,
    domains: [],
    files: [{ quantization: 'Q4_K_M', uri: `hf:o/r/${id}.gguf`, fileName: `${id}.gguf`, sizeBytes: null, approxSizeBytes: 2 * GB, sha256: null, parts: 1, ...file }],
  };
}

function record(id: string, file: string, sha256: string | null = null): ModelRecord {
  return { id, name: id, path: file, source: 'link', sizeBytes: 1, sha256, architecture: 'llama', parameters: null, quantization: 'Q4_K_M', contextLength: 1, hasChatTemplate: false, role: 'chat', addedAt: 0, broken: null };
}

const fit = (verdict: ModelFit['verdict']): ModelFit => ({ verdict, ramNeededBytes: 1, vramNeededBytes: 0, ramAvailableBytes: 2, vramAvailableBytes: 0, gpuLayers: 0, totalLayers: 5, contextSize: 1 });

function service(overrides: Partial<CatalogServiceDeps> = {}) {
  return createCatalogService({
    catalog: () => [entry('alpha'), entry('beta', { sha256: 'ab'.repeat(32) }), entry('gamma', { approxSizeBytes: null })],
    models: { list: () => [] },
    estimate: async () => fit('fits'),
    memory: async () => ({ ramFreeBytes: 16 * GB, vramFreeBytes: 0 }),
    network: allowAllNetwork,
    hfEndpoint: scratch.server.url,
    tempDir: scratch.dir,
    ...overrides,
  });
}

describe('catalog service', () => {
  it('marks entries installed by file name or hash, and takes their fit from the local file', async () => {
    const local = path.join(scratch.dir, 'x.gguf');
    fs.writeFileSync(local, 'x');
    const estimated: string[] = [];
    const items = await service({
      models: { list: () => [record('alpha', local), record('renamed', path.join(scratch.dir, 'whatever.gguf'), 'ab'.repeat(32))] },
      estimate: async (p) => (estimated.push(p), fit('tight')),
    }).list();
    expect(items.map((i) => [i.id, i.installed, i.fitSource, i.fit?.verdict])).toEqual([
      ['alpha', [{ quantization: 'Q4_K_M', modelId: 'alpha' }], 'local-file', 'tight'],
      // Installed, but its file is gone: the size says what it would take.
      ['beta', [{ quantization: 'Q4_K_M', modelId: 'renamed' }], 'size-estimate', 'fits'],
      ['gamma', [], null, undefined],
    ]);
    expect(estimated).toEqual([local]);
  });

  it('estimates from size when nothing else is known: fits, tight, won\'t fit, and on the GPU when VRAM holds it', () => {
    expect(estimateFitFromSize(2 * GB, 4096, { ramFreeBytes: 16 * GB, vramFreeBytes: 0 }).verdict).toBe('fits');
    expect(estimateFitFromSize(2 * GB, 4096, { ramFreeBytes: 3 * GB, vramFreeBytes: 0 }).verdict).toBe('tight');
    const no = estimateFitFromSize(5 * GB, 131072, { ramFreeBytes: 4 * GB, vramFreeBytes: 0 });
    expect(no).toMatchObject({ verdict: 'wont-fit', ramAvailableBytes: 4 * GB, contextSize: 8192 });
    expect(no.ramNeededBytes).toBeGreaterThan(5 * GB);
    const gpu = estimateFitFromSize(5 * GB, null, { ramFreeBytes: 2 * GB, vramFreeBytes: 24 * GB });
    expect(gpu.verdict).toBe('fits');
    expect(gpu.vramNeededBytes).toBeGreaterThan(5 * GB);
  });

  it('with checkRemote reads the header from the server; without it, never touches the network', async () => {
    scratch.server.serve('/o/r/resolve/main/alpha.gguf', { content: fs.readFileSync(fixturePath('tiny')), hfStyle: true, linkedEtag: true });
    const seen: string[] = [];
    const s = service({ estimate: async (p) => (seen.push(fs.readFileSync(p).subarray(0, 4).toString('latin1')), fit('fits')) });
    const plain = await s.list();
    expect(scratch.server.requests).toEqual([]);
    expect(plain[0]!.fitSource).toBe('size-estimate');
    const remote = await s.list({ checkRemote: true });
    expect(remote.map((i) => i.fitSource)).toEqual(['remote-header', 'size-estimate', null]);
    expect(seen).toEqual(['GGUF']);
    expect(fs.readdirSync(scratch.dir)).toEqual([]);
  });

  it('with checkRemote while offline fails with OFFLINE before any request', async () => {
    const offline: NetworkPolicy = {
      isOffline: () => true,
      check: () => {
        throw new HearthError('OFFLINE', 'Offline mode is on.');
      },
    };
    await expect(service({ network: offline }).list({ checkRemote: true })).rejects.toMatchObject({ code: 'OFFLINE' });
    expect((await service({ network: offline }).list()).length).toBe(3);
    expect(scratch.server.requests).toEqual([]);
  });
});
