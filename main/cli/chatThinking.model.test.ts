import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFamilyFixture } from '../../test/families/familyFixture.js';
import { FAMILY_SPECS } from '../../test/families/familySpecs.js';
import { ensureLlamaSource } from '../../test/families/llamaSource.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');
const source = ensureLlamaSource();
let dataDir: string;
let model: string;

function hearth(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [hearthBin, ...args, '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, HEARTH_ENGINE_GPU: 'off', HEARTH_DATA_DIR: '', HEARTH_PASSPHRASE: '', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `hearth chat` with a reasoning model (Qwen3's real tokenizer and template, random weights: see test/families). */
describe.skipIf(!source)('hearth chat and a reasoning model', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-think-'));
    model = await ensureFamilyFixture(source!, FAMILY_SPECS.find((f) => f.id === 'qwen3')!);
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('streams the thought to stderr between marks and the answer alone to stdout; --json carries both apart', () => {
    const args = ['chat', '--model', model, '--prompt', 'Is 91 prime?', '--thinking', 'on', '--thinking-budget', '3', '--max-tokens', '12', '--seed', '3'];
    const plain = hearth(...args);
    expect(plain.code, plain.stderr).toBe(0);
    const marked = /\[thinking\]\n([\s\S]*)\n\[\/thinking\]\n/.exec(plain.stderr);
    expect(marked, plain.stderr).not.toBeNull();
    const json = hearth(...args, '--json');
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { chatId: string; text: string; thought: { text: string; tokens: number } | null };
    // Same seed, same reply: the marked stderr text is the stored thought, stdout is the answer.
    expect(out.thought?.text).toBe(marked![1]);
    expect(out.thought!.tokens).toBeLessThanOrEqual(3);
    expect(plain.stdout).toBe(`${out.text}\n`);
    // The chat keeps the switch and the budget for its next turns.
    const shown = hearth('chats', 'export', out.chatId, '--format', 'json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ chat: { thinking: 'on', thinkingBudget: 3 } });
  }, 300_000);

  it('refuses a thinking mode or budget it does not know, before loading anything', () => {
    expect(hearth('chat', '--model', model, '--prompt', 'x', '--thinking', 'maybe')).toMatchObject({ code: 2, stderr: expect.stringContaining('--thinking must be auto, on or off, got "maybe"') });
    expect(hearth('chat', '--model', model, '--prompt', 'x', '--thinking-budget', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--thinking-budget must be an integer >= 1') });
  });
});
