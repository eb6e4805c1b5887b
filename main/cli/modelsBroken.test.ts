import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalGguf } from '../../scripts/fixtures/minimalGguf.js';
import { createServices } from '../app/createServices.js';
import type { Io } from './cliContext.js';
import { modelsCommand } from './modelsCommand.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-broken-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture(): Io & { text: () => string } {
  let out = '';
  return { out: (t) => void (out += t), err: (t) => void (out += t), isTty: false, text: () => out };
}

describe('hearth models with a model marked broken', () => {
  it('list names it with the reason; verify clears the mark and says so', async () => {
    const dataDir = path.join(dir, 'data');
    const file = path.join(dir, 'crashy.gguf');
    fs.writeFileSync(file, minimalGguf());
    const services = await createServices({ dataDir, shell: 'browser' });
    try {
      const record = await services.models.add(file, { mode: 'link' });
      services.models.markBroken(record.id, 'ENGINE_CRASHED: SIGABRT in llama_model_load');
    } finally {
      await services.dispose();
    }
    const list = capture();
    await modelsCommand(['list', '--data-dir', dataDir], list);
    expect(list.text()).toMatch(/Not used for chats.*\n {2}crashy: ENGINE_CRASHED: SIGABRT in llama_model_load/);
    const verify = capture();
    expect(await modelsCommand(['verify', 'crashy', '--data-dir', dataDir], verify)).toBe(0);
    expect(verify.text()).toMatch(/crashy passed and is offered for chats again/);
    const again = capture();
    await modelsCommand(['list', '--data-dir', dataDir], again);
    expect(again.text()).not.toMatch(/Not used for chats/);
  }, 60_000);
});
