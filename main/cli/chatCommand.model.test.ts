import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingDecision } from '../contract/index.js';
import { fixturePath } from '../../test/fixtures.js';
import { tempServices } from '../../test/tempServices.js';

const root = path.resolve(import.meta.dirname, '../..');
const TEXT = 'my knee has been swollen since the run yesterday, should I put ice on it or heat?';

/**
 * The CLI and the app route a message through the same chat.turn (and so the
 * same routeAsync, which blends in embeddings when an embedding model is
 * installed; chatRouting.test.ts checks that a turn routes exactly once and
 * only that way). Here the spawned CLI and the app's handler path answer one
 * message, and their stored decisions must be the same.
 */
describe('hearth chat and the app route one message alike', () => {
  let dataDir: string;
  let chatModel: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-route-alike-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the CLI the same decision as the app', { timeout: 300_000 }, async () => {
    let appDecision: RoutingDecision;
    const app = await tempServices({ dataDir });
    try {
      chatModel = (await app.models.add(fixturePath('tiny'), { mode: 'link' })).id;
      // A routed reply earlier in the app's own history must not matter: both answer in a new chat.
      const turn = await app.handlers['chat.turn']({ newChat: { sampling: { maxTokens: 2, seed: 1 } }, modelId: chatModel, action: { type: 'send', text: TEXT } }, { shell: 'browser' });
      // The decision as stored, after the reply: a profile prompt too long for the tiny model's context changes it alike on both sides.
      appDecision = (await app.chat.whenDone(turn.reply.id)).routing!;
    } finally {
      await app.cleanup();
    }
    expect(appDecision.domain).toBe('healthcare');

    const cli = spawnSync(process.execPath, [path.join(root, 'bin/hearth.mjs'), 'chat', '--data-dir', dataDir, '--model', chatModel, '--prompt', TEXT, '--max-tokens', '2', '--json'], {
      cwd: root,
      env: { ...process.env, HEARTH_ENGINE_GPU: 'off', HEARTH_DATA_DIR: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const { chatId } = JSON.parse(cli.stdout) as { chatId: string };

    const after = await tempServices({ dataDir });
    try {
      const cliDecision = after.store.listMessages(chatId).find((m) => m.role === 'assistant')!.routing!;
      expect(cliDecision.method).toBe(appDecision.method);
      expect(cliDecision.domain).toBe(appDecision.domain);
      expect(cliDecision.tier).toBe(appDecision.tier);
      expect(cliDecision.systemPrompt).toBe(appDecision.systemPrompt);
      expect(Object.keys(cliDecision.scores).sort()).toEqual(Object.keys(appDecision.scores).sort());
      for (const [domain, score] of Object.entries(appDecision.scores)) expect(cliDecision.scores[domain]).toBeCloseTo(score, 6);
    } finally {
      await after.cleanup();
    }
  });
});
