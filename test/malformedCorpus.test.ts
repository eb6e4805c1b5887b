import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../main/app/dataDir.js';
import { HearthError } from '../main/contract/errors.js';
import { tracedBase } from '../scripts/malformed/tracedBase.js';
import { DEFAULT_CORPUS_DIR, malformedCases, writeMalformedCorpus, type Corpus } from '../scripts/malformed/writeMalformedCorpus.js';
import { tempServices } from './tempServices.js';

/**
 * The malformed-GGUF corpus through the real `models add` path (the model
 * registry of real services): every file refused with MODEL_INVALID, for the
 * reason it was built for, within seconds (a guard against a hang, not a speed
 * target: other test files share the cores); nothing copied into the cache,
 * nothing recorded; and the process still standing to accept a good model.
 */
const root = path.resolve(import.meta.dirname, '..');
let corpus: Corpus;
let services: Awaited<ReturnType<typeof tempServices>>;
let scratch: string;

beforeAll(async () => {
  corpus = writeMalformedCorpus(DEFAULT_CORPUS_DIR);
  services = await tempServices();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-corpus-'));
});
afterAll(async () => {
  await services?.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the malformed GGUF corpus', () => {
  it('is deterministic, large and covers every class', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(corpus.entries.map((e) => e.kind));
    for (const kind of ['truncation', 'magic', 'version', 'counts', 'string-length', 'tensor-shape', 'data-offset', 'array', 'value-type', 'vocabulary', 'merges', 'chat-template', 'structure', 'hyperparameters', 'layer-tensors']) {
      expect(kinds, kind).toContain(kind);
    }
    const again = malformedCases();
    expect(again.map((c) => c.bytes.toString('base64'))).toEqual(corpus.entries.map((e) => fs.readFileSync(path.join(corpus.dir, e.file)).toString('base64')));
  });

  it('starts from a base the registry accepts, so each refusal is caused by the one thing changed', async () => {
    const file = path.join(scratch, 'base.gguf');
    fs.writeFileSync(file, tracedBase().bytes);
    const record = await services.models.add(file, { mode: 'link' });
    expect(record).toMatchObject({ architecture: 'llama', hasChatTemplate: true });
    await services.models.remove(record.id);
    expect(services.models.list()).toEqual([]);
  });

  it('refuses every file with MODEL_INVALID, for its reason, within seconds, and adds nothing', async () => {
    const failures: string[] = [];
    let slowest = { file: '', ms: 0 };
    for (const entry of corpus.entries) {
      const started = performance.now();
      let outcome: unknown = 'accepted';
      try {
        await services.models.add(path.join(corpus.dir, entry.file));
      } catch (error) {
        outcome = error;
      }
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { file: entry.file, ms };
      if (!(outcome instanceof HearthError) || outcome.code !== 'MODEL_INVALID') {
        failures.push(`${entry.file} (${entry.what}): ${outcome instanceof Error ? `${(outcome as HearthError).code ?? outcome.name}: ${outcome.message}` : String(outcome)}`);
      } else if (!outcome.message.startsWith(`${entry.file} is not a valid GGUF model: `) || (entry.expect && !new RegExp(entry.expect).test(outcome.message))) {
        failures.push(`${entry.file} (${entry.what}): refused for another reason: ${outcome.message} (expected /${entry.expect}/)`);
      }
      if (ms > 3000) failures.push(`${entry.file} (${entry.what}): took ${Math.round(ms)} ms`);
    }
    expect(failures).toEqual([]);
    console.log(`${corpus.entries.length} malformed files refused; slowest ${slowest.file} in ${Math.round(slowest.ms)} ms`);
    const modelsDir = dataPaths(services.dataDir).models;
    expect(fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir) : []).toEqual([]);
    expect(services.store.listModels()).toEqual([]);
    // Still serving: a good model goes in after all of that.
    const good = path.join(scratch, 'good.gguf');
    fs.writeFileSync(good, tracedBase().bytes);
    await expect(services.models.add(good)).resolves.toMatchObject({ source: 'import' });
  });

  it('refuses a sample through the CLI, one line on stderr, exit code 1, nothing imported', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-corpus-cli-'));
    try {
      // One file of a few classes: each spawn starts a whole CLI.
      const sample = ['truncation', 'counts', 'tensor-shape', 'vocabulary', 'merges', 'chat-template', 'hyperparameters', 'layer-tensors'].map((kind) => corpus.entries.find((e) => e.kind === kind)!.file);
      for (const file of sample) {
        const r = spawnSync(process.execPath, [path.join(root, 'bin/hearth.mjs'), 'models', 'add', path.join(corpus.dir, file), '--data-dir', dataDir], {
          cwd: root,
          env: { ...process.env, HEARTH_ENGINE_GPU: 'off', FORCE_COLOR: '0' },
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(r.status, `${file}: ${r.stderr}`).toBe(1);
        expect(r.stderr).toContain(`${file} is not a valid GGUF model: `);
        expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      }
      const list = spawnSync(process.execPath, [path.join(root, 'bin/hearth.mjs'), 'models', 'list', '--json', '--data-dir', dataDir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(JSON.parse(list.stdout)).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, 'models')) ? fs.readdirSync(path.join(dataDir, 'models')) : []).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
