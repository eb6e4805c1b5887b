import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../contract/errors.js';
import { assertLocalModelPath } from './assertLocalModelPath.js';

function refusal(file: string): HearthError | null {
  try {
    assertLocalModelPath(file);
    return null;
  } catch (error) {
    return error as HearthError;
  }
}

describe('assertLocalModelPath', () => {
  it.each([
    ['\\\\server\\share\\model.gguf', /network share/],
    ['//server/share/model.gguf', /network share/],
    ['\\/server/share/model.gguf', /network share/],
    ['\\\\?\\UNC\\server\\share\\model.gguf', /device path/],
    ['\\\\.\\PhysicalDrive0', /device path/],
    ['//./pipe/hearth', /device path/],
    ['C:\\models\\NUL', /device name/],
    ['models/com1.gguf', /device name/],
    ['CONIN$', /device name/],
    ['/dev/zero', /devices and kernel files/],
    ['/dev/sda', /devices and kernel files/],
    ['/proc/self/mem', /devices and kernel files/],
    ['/sys/kernel/x.gguf', /devices and kernel files/],
    ['/tmp/../dev/urandom', /devices and kernel files/],
    ['model\0.gguf', /NUL character/],
  ])('refuses %s with INVALID_PARAMS', (file, reason) => {
    const error = refusal(file);
    expect(error).toBeInstanceOf(HearthError);
    expect(error!.code).toBe('INVALID_PARAMS');
    expect(error!.message).toMatch(reason);
    expect(error!.message).toMatch(/Copy the \.gguf file into a local folder/);
  });

  it('accepts local files, relative or absolute, including names that merely contain a device name', () => {
    for (const file of ['/home/me/models/qwen.gguf', 'models/qwen.gguf', 'C:\\Users\\me\\console.gguf', '/tmp/nul-model.gguf', '/developer/model.gguf']) {
      expect(refusal(file), file).toBeNull();
    }
  });

  it.skipIf(process.platform === 'win32')('follows a symlink that leads into /dev', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-path-'));
    try {
      const link = path.join(dir, 'innocent.gguf');
      fs.symlinkSync('/dev/zero', link);
      expect(refusal(link)?.message).toMatch(/devices and kernel files/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the model registry', () => {
  it('refuses a network share before reading a byte of it', async () => {
    const { createModelRegistry } = await import('./createModelRegistry.js');
    const inspected: string[] = [];
    const registry = createModelRegistry({
      // Never reached: the path is refused first.
      store: {} as never,
      modelsDir: os.tmpdir(),
      engine: {} as never,
      inspect: (file) => {
        inspected.push(file);
        throw new Error('read');
      },
    });
    await expect(registry.add('\\\\attacker.example\\share\\model.gguf')).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/network share/) });
    await expect(registry.add('//attacker.example/share/model.gguf', { mode: 'link' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(inspected).toEqual([]);
  });
});
