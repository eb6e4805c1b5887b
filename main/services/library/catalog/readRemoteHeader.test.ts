import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../contract/index.js';
import { fixturePath } from '../../../../test/fixtures.js';
import { useFileServer } from '../../../../test/useFileServer.js';
import { readGgufHeader } from '../../gguf/readGgufHeader.js';
import { allowAllNetwork } from '../../network/NetworkPolicy.js';
import { readRemoteHeader } from './readRemoteHeader.js';

const scratch = useFileServer('hearth-header');

const options = (extra = {}) => ({ network: allowAllNetwork, signal: new AbortController().signal, dir: scratch.dir, ...extra });

describe('readRemoteHeader', () => {
  it('range-reads a growing prefix until the whole header is in, into a stand-in with the real header and size', async () => {
    const model = fixturePath('small');
    scratch.server.serve('/o/r/resolve/main/small.gguf', { content: fs.readFileSync(model), hfStyle: true, linkedEtag: true });
    const standIn = await readRemoteHeader(`${scratch.server.url}/o/r/resolve/main/small.gguf`, options({ initialBytes: 1024 }));
    const [remote, local] = [await readGgufHeader(standIn), await readGgufHeader(model)];
    expect(remote.tensors).toEqual(local.tensors);
    expect(remote.dataOffset).toBe(local.dataOffset);
    expect(fs.statSync(standIn).size).toBe(fs.statSync(model).size);
    const ranges = scratch.server.requests.filter((r) => r.status === 206).map((r) => r.range);
    expect(ranges.slice(0, 2)).toEqual(['bytes=0-1023', 'bytes=0-4095']);
    // Only the header travelled, not the 8 MB of weights.
    expect(scratch.server.bytesServed()).toBeLessThan(local.dataOffset * 3);
  });

  it('works with a scratch.server that ignores Range, hanging up once it has enough', async () => {
    scratch.server.serve('/m.gguf', { content: fs.readFileSync(fixturePath('small')) });
    scratch.server.setOptions({ misbehave: () => ({ ignoreRange: true }), bytesPerSecond: 4 * 1024 * 1024 });
    const standIn = await readRemoteHeader(`${scratch.server.url}/m.gguf`, options());
    expect((await readGgufHeader(standIn)).tensors.length).toBeGreaterThan(0);
  });

  it('refuses what is not GGUF, and leaves no stand-in behind', async () => {
    scratch.server.serve('/x.gguf', { content: Buffer.alloc(50_000, 1) });
    await expect(readRemoteHeader(`${scratch.server.url}/x.gguf`, options({ initialBytes: 1024 }))).rejects.toThrow(HearthError);
    expect(fs.readdirSync(scratch.dir)).toEqual([]);
  });
});
