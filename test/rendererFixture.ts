import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RendererFixture {
  /** The temp folder; `secret.txt` lies here, outside the renderer. */
  dir: string;
  /** The built renderer: the given files, plus `.env` (a dotfile) and `assets/link.txt` (a symlink to the secret outside). */
  root: string;
  remove(): void;
}

/** A built renderer folder with the traps every test of static serving needs. */
export function makeRendererFixture(prefix: string, files: Record<string, string>): RendererFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  fs.writeFileSync(path.join(root, '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  return { dir, root, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
