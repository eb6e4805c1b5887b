import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../../test/fixtures.js';
import { defaultForeignRoots, scanForeignModels, type ForeignRoots } from './scanForeignModels.js';

let home: string;
let outside: string;
let roots: ForeignRoots;
const gguf = () => fs.readFileSync(fixturePath('tiny-q4_0'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function put(file: string, content: Buffer | string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function manifest(name: string, tag: string, digest: unknown, host = 'registry.ollama.ai', namespace = 'library'): void {
  put(path.join(home, '.ollama/models/manifests', host, namespace, name, tag), JSON.stringify({ layers: [{ mediaType: 'application/vnd.ollama.image.license', digest: 'sha256:00' }, { mediaType: 'application/vnd.ollama.image.model', digest }] }));
}

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scan-home-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scan-outside-'));
  roots = defaultForeignRoots(home, {}, 'linux');
});
afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('scanForeignModels', () => {
  it('finds LM Studio, Jan and Ollama models with readable names, without copying anything', () => {
    const content = gguf();
    put(path.join(home, '.lmstudio/models/lmstudio-community/Qwen-GGUF/qwen-Q4_K_M.gguf'), content);
    put(path.join(home, '.cache/lm-studio/models/old/Repo/old.gguf'), content);
    put(path.join(home, 'jan/models/llama3.2-1b-instruct/model.gguf'), content);
    put(path.join(home, '.local/share/Jan/data/llamacpp/models/qwen3/model.gguf'), content);
    const digest = sha(content);
    put(path.join(home, '.ollama/models/blobs', `sha256-${digest}`), content);
    manifest('llama3.2', '1b', `sha256:${digest}`);
    const other = fs.readFileSync(fixturePath('tiny-bpe'));
    put(path.join(home, '.ollama/models/blobs', `sha256-${sha(other)}`), other);
    manifest('mine', 'latest', `sha256:${sha(other)}`, 'hf.co', 'someone');
    // A second tag of the same blob: one file, listed once.
    manifest('llama3.2', 'latest', `sha256:${digest}`);
    const { found, rejected } = scanForeignModels(roots);
    expect(rejected).toEqual([]);
    expect(found.map((f) => `${f.app} ${f.name}`).sort()).toEqual([
      'jan llama3.2-1b-instruct',
      'jan qwen3',
      'lmstudio lmstudio-community/Qwen-GGUF/qwen-Q4_K_M',
      'lmstudio old/Repo/old',
      'ollama hf.co/someone/mine:latest',
      'ollama llama3.2:1b',
    ]);
    const blob = found.find((f) => f.name === 'llama3.2:1b')!;
    expect(blob).toMatchObject({ sha256: digest, sizeBytes: content.length });
    expect(blob.path).toBe(fs.realpathSync(path.join(home, '.ollama/models/blobs', `sha256-${digest}`)));
  });

  it('rejects digests that are not sha256:<64 hex>, so a manifest cannot name a path', () => {
    put(path.join(outside, 'secret.gguf'), gguf());
    manifest('evil', 'a', `sha256:../../../../${path.relative('/', outside)}/secret.gguf`);
    manifest('evil', 'b', '/etc/passwd');
    manifest('evil', 'c', { digest: 'sha256:abc' });
    put(path.join(home, '.ollama/models/manifests/registry.ollama.ai/library/bad/json'), '{not json');
    const { found, rejected } = scanForeignModels(roots);
    expect(found).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/is not sha256:<64 hex>/), expect.stringMatching(/not valid JSON/)]));
    expect(rejected.filter((r) => /sha256:<64 hex>/.test(r.reason))).toHaveLength(3);
  });

  it('rejects symlinks that point outside the app folder (files and blobs), and does not walk symlinked folders', () => {
    const secret = put(path.join(outside, 'elsewhere.gguf'), gguf());
    const lm = path.join(home, '.lmstudio/models/pub/repo');
    fs.mkdirSync(lm, { recursive: true });
    fs.symlinkSync(secret, path.join(lm, 'link.gguf'));
    fs.symlinkSync(outside, path.join(home, '.lmstudio/models/pub/dirlink'));
    const digest = sha(gguf());
    fs.mkdirSync(path.join(home, '.ollama/models/blobs'), { recursive: true });
    fs.symlinkSync(secret, path.join(home, '.ollama/models/blobs', `sha256-${digest}`));
    manifest('linked', 'latest', `sha256:${digest}`);
    // A link that stays inside the folder is fine.
    put(path.join(lm, 'real.gguf'), gguf());
    fs.symlinkSync(path.join(lm, 'real.gguf'), path.join(lm, 'alias.gguf'));
    const { found, rejected } = scanForeignModels(roots);
    expect(found.map((f) => f.path)).toEqual([fs.realpathSync(path.join(lm, 'real.gguf'))]);
    expect(rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/outside/), expect.stringMatching(/outside/)]);
  });

  it('skips files that only claim to be GGUF, and roots that do not exist', () => {
    put(path.join(home, '.lmstudio/models/a/b/notes.gguf'), 'not a model');
    const { found, rejected } = scanForeignModels({ ...roots, jan: [path.join(home, 'nowhere')] });
    expect(found).toEqual([]);
    expect(rejected).toEqual([{ path: expect.stringMatching(/notes\.gguf$/), reason: 'it is not a GGUF file' }]);
  });
});
