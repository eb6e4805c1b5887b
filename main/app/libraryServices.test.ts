import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Download } from '../contract/index.js';
import { fixturePath } from '../../test/fixtures.js';
import { useFileServer } from '../../test/useFileServer.js';
import { eventsOf, tempServices } from '../../test/tempServices.js';

const ctx = { shell: 'browser' as const };

const scratch = useFileServer('hearth-libsvc');

describe('the library through createServices and the handlers', () => {
  it('streams progress events, announces the new model, and resumes an unfinished download when the app starts again', async () => {
    const content = fs.readFileSync(fixturePath('small'));
    scratch.server.serve('/m/small.gguf', { content });
    // Slow enough that the first run is stopped well before the end, even on a loaded machine.
    scratch.server.setOptions({ bytesPerSecond: 1024 * 1024 });
    const first = await tempServices({ dataDir: scratch.dir, hfEndpoint: scratch.server.url, resumeDownloads: true });
    const started = await first.handlers['downloads.start']({ source: `${scratch.server.url}/m/small.gguf` }, ctx);
    while (!eventsOf(first.events, 'downloads.progress').some((d) => d.receivedBytes > 1_000_000)) await new Promise((r) => setTimeout(r, 20));
    await first.dispose();
    expect(eventsOf(first.events, 'models.changed'), 'the first run was meant to stop mid-download').toEqual([]);
    const progress = eventsOf(first.events, 'downloads.progress') as Download[];
    expect(progress.every((d) => d.id === started.id)).toBe(true);
    expect(progress.some((d) => d.bytesPerSecond > 0)).toBe(true);

    scratch.server.setOptions({});
    const second = await tempServices({ dataDir: scratch.dir, hfEndpoint: scratch.server.url, resumeDownloads: true });
    try {
      const done = await second.downloads.wait(started.id);
      expect(done.state, JSON.stringify(done.error)).toBe('completed');
      expect(eventsOf(second.events, 'models.changed')).toContainEqual({ reason: 'added', modelId: 'small' });
      expect((await second.handlers['downloads.list']({}, ctx)).map((d) => [d.id, d.state])).toEqual([[started.id, 'completed']]);
      expect(scratch.server.requests.at(-1)!.range).toMatch(/^bytes=\d{7}-$/);
      const info = await second.handlers['models.cacheInfo']({}, ctx);
      expect(info).toMatchObject({ count: 1, totalBytes: content.length });
      expect((await second.handlers['models.verify']({ modelId: 'small' }, ctx)).ok).toBe(true);
    } finally {
      await second.cleanup();
    }
  });
});
