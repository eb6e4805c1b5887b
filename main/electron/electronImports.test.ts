import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shell stays thin: only these files may import Electron at run time
 * (they hold the app object, windows, dialogs and the utility process). Every
 * other module here is decision logic or typed wiring that must load, and be
 * tested, in plain Node, where Electron's binary is absent.
 */
const SHELL_FILES = ['main.ts', 'security.ts', 'utilityWorker.ts'];
const dir = import.meta.dirname;
const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('Electron imports in main/electron', () => {
  it('are runtime imports only in the shell files', () => {
    const runtime = modules.filter((f) => /^import\s+(?!type\b)[^;]*from\s+'electron'/m.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(runtime.sort()).toEqual([...SHELL_FILES].sort());
  });

  it.each(modules.filter((f) => !SHELL_FILES.includes(f)))('%s loads without Electron', async (file) => {
    await expect(import(`./${file.replace(/\.ts$/, '.js')}`)).resolves.toBeTypeOf('object');
  });
});
