import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures.js';
import { tempServices } from '../../test/tempServices.js';
import { runCli } from './main.js';

let dir: string;
let dataDir: string;
let folder: string;
let modelId: string;

async function hearth(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t) };
  const code = await runCli([...argv, '--data-dir', dataDir], io);
  return { code, stdout, stderr };
}

// The fixture model writes random text: these tests assert on the sources, the stored chat and exit codes.
describe('hearth docs ask on the real engine', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-docs-ask-'));
    dataDir = path.join(dir, 'data');
    folder = path.join(dir, 'notes');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'garden.md'), '# Garden\n\n## Compost\n\nTurn the compost heap every two weeks.\n');
    fs.writeFileSync(path.join(folder, 'bikes.txt'), 'Oil the bicycle chain monthly.\n');
    // The model is added, and the engine set to one CPU thread, the way the app does it; the CLI then opens the same data folder.
    const s = await tempServices({ dataDir });
    modelId = (await s.models.add(fixturePath('small'), { mode: 'link' })).id;
    await s.cleanup();
    expect((await hearth('docs', 'add', folder, '--collection', 'Home')).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--json: the answer, the profile that answered and the numbered sources, stored as a chat with the collection', { timeout: 120_000 }, async () => {
    const r = await hearth('docs', 'ask', 'How often should I turn the compost?', '--collection', 'home', '--model', modelId, '--max-tokens', '8', '--seed', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { chatId: string; messageId: string; modelId: string; profile: string | null; text: string; sources: Record<string, unknown>[] };
    expect(out.modelId).toBe(modelId);
    expect(out.profile).toEqual(expect.any(String));
    expect(out.sources[0]).toEqual({ n: 1, path: path.join(folder, 'garden.md'), heading: 'Garden > Compost', lines: [5, 5], score: expect.any(Number), text: 'Turn the compost heap every two weeks.' });
    expect(out.sources.map((x) => x.n)).toEqual(out.sources.map((_, i) => i + 1));
    // The same chat and reply the app shows, with the same sources.
    const s = await tempServices({ dataDir });
    try {
      const home = s.documents.find('Home');
      expect(s.store.getChat(out.chatId).collectionIds).toEqual([home.id]);
      const reply = s.store.getMessage(out.messageId);
      expect(reply.content).toBe(out.text);
      expect(reply.sources?.map((x) => x.path)).toEqual(out.sources.map((x) => x.path));
    } finally {
      await s.cleanup();
    }
  });

  it('prints the answer, then the numbered sources; nothing matched says so', { timeout: 120_000 }, async () => {
    const r = await hearth('docs', 'ask', 'bicycle chain', '--collection', 'Home', '--model', modelId, '--max-tokens', '4');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nSources:\n\[1\] bikes\.txt — lines 1–1\n {4}.*bikes\.txt\n/);
    expect(r.stderr).toMatch(new RegExp(`^\\[${modelId}, \\S+ profile, chat \\S+\\]`, 'm'));
    const none = await hearth('docs', 'ask', 'zeppelin', '--collection', 'Home', '--model', modelId, '--max-tokens', '2');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Nothing in "Home" matched the question');
  });

  it('exits 2 on wrong usage and 1 on an unknown collection, writing no chat', { timeout: 60_000 }, async () => {
    expect((await hearth('docs', 'ask', 'anything')).code).toBe(2);
    expect((await hearth('docs', 'ask', '--collection', 'Home')).code).toBe(2);
    const missing = await hearth('docs', 'ask', 'anything', '--collection', 'Nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no document collection "Nope"/);
    const chats = await hearth('chats', 'list', '--json');
    expect((JSON.parse(chats.stdout) as unknown[]).length).toBe(3);
  });
});
