import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../../test/fixtures.js';
import { startFileServer, type FileServer } from '../../../../test/fileServer.js';
import { tempServices } from '../../../../test/tempServices.js';

type Services = Awaited<ReturnType<typeof tempServices>>;
let server: FileServer;
let services: Services;
let scratch: string;

beforeAll(async () => {
  server = await startFileServer();
  server.serve('/fixtures/small-GGUF/resolve/main/small.gguf', { content: fs.readFileSync(fixturePath('small')), hfStyle: true, linkedEtag: true });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-catalogfit-'));
  const catalogFile = path.join(scratch, 'catalog.json');
  fs.writeFileSync(
    catalogFile,
    JSON.stringify({
      version: 1,
      entries: [
        {
          id: 'small-test',
          name: 'Small test model',
          family: 'Fixture',
          kind: 'chat',
          description: 'The 8 MB fixture, served over HTTP',
          parameters: null,
          contextLength: null,
          capabilities: { thinking: null, tools: null },
          licence: null,
          licenceNotice: null,
          domains: ['general'],
          chatTemplate: null,
          sources: ['test'],
          files: [{ quantization: 'Q8_0', uri: 'hf:fixtures/small-GGUF/small.gguf', fileName: 'small.gguf', sizeBytes: null, approxSizeBytes: 8_000_000, sha256: null, parts: 1 }],
        },
      ],
    }),
  );
  services = await tempServices({ catalogFile, hfEndpoint: server.url });
});

afterAll(async () => {
  await services?.cleanup();
  await server?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('catalog fit on the real engine', () => {
  it('gives the same verdict and numbers from the remote header (range reads) as from the downloaded file', async () => {
    const list = services.handlers['catalog.list'];
    const ctx = { shell: 'browser' as const };
    const estimate = (await list({}, ctx))[0]!;
    expect(estimate.fitSource).toBe('size-estimate');

    const remote = (await list({ checkRemote: true }, ctx))[0]!;
    expect(remote.fitSource).toBe('remote-header');
    expect(remote.fit!.totalLayers).toBeGreaterThan(0);
    // The header travelled, the weights did not.
    expect(server.bytesServed()).toBeLessThan(4 * 1024 * 1024);

    const d = await services.handlers['downloads.start']({ source: 'small-test' }, ctx);
    const done = await services.downloads.wait(d.id);
    expect(done.state, JSON.stringify(done.error)).toBe('completed');

    const local = (await list({}, ctx))[0]!;
    expect(local.fitSource).toBe('local-file');
    expect(local.installed).toEqual([{ quantization: 'Q8_0', modelId: 'small' }]);
    const stable = (f: typeof local.fit) => ({ verdict: f!.verdict, ram: f!.ramNeededBytes, vram: f!.vramNeededBytes, layers: f!.totalLayers, gpu: f!.gpuLayers, ctx: f!.contextSize });
    expect(stable(remote.fit)).toEqual(stable(local.fit));
  });
});
