import { spawn as nodeSpawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HearthError } from '../../contract/errors.js';
import type { DocSource } from '../../contract/documents.js';
import type { Documents } from './createDocuments.js';

/** Hands a file to the system's app for its type; rejects when that could not even start. */
export type OpenPath = (file: string) => Promise<void>;

/** The collection file at this absolute path, indexed or skipped; null when no collection has it. */
export function findSource(documents: Pick<Documents, 'list' | 'sources'>, file: string): DocSource | null {
  for (const collection of documents.list()) {
    const found = documents.sources(collection.id).find((s) => s.path === file);
    if (found) return found;
  }
  return null;
}

/**
 * Opens a file a collection holds. The path comes from the renderer, which is
 * untrusted (a reply is rendered there), so only the files Hearth indexed are
 * opened: anything else would make "open" a way to run any file on the disk.
 */
export async function openSource(documents: Pick<Documents, 'list' | 'sources'>, file: string, openPath: OpenPath): Promise<void> {
  if (!path.isAbsolute(file)) throw new HearthError('INVALID_PARAMS', `documents.open needs an absolute path, got ${JSON.stringify(file.slice(0, 300))}.`);
  const target = path.resolve(file);
  const source = findSource(documents, target);
  if (!source) throw new HearthError('NOT_FOUND', `${target.slice(0, 300)} is not a file of any collection: Hearth opens only the files it indexed. Add it to a collection on the Documents page first.`);
  if (!fs.existsSync(target)) throw new HearthError('FILE_NOT_FOUND', `${target.slice(0, 300)} is no longer there: it was moved or deleted. Sync the collection to update its files.`);
  await openPath(target);
}

export interface SystemOpenerOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  spawn?: typeof nodeSpawn;
}

/** The command that opens a file with its default app on this platform; HEARTH_OPEN_COMMAND (a program, given the path as its one argument) overrides it. */
export function openCommand(file: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  if (env.HEARTH_OPEN_COMMAND) return { command: env.HEARTH_OPEN_COMMAND, args: [file] };
  if (platform === 'darwin') return { command: 'open', args: [file] };
  // No cmd.exe `start`: a path may hold characters cmd would interpret. rundll32 takes it as one argument.
  if (platform === 'win32') return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', file] };
  return { command: 'xdg-open', args: [file] };
}

/**
 * Browser mode's opener: the platform's opener, run without a shell and left
 * to run on its own. It resolves once the program started; a missing opener
 * is an error the user can act on.
 */
export function systemOpener(options: SystemOpenerOptions = {}): OpenPath {
  const spawn = options.spawn ?? nodeSpawn;
  return (file) =>
    new Promise<void>((resolve, reject) => {
      const { command, args } = openCommand(file, options.platform ?? process.platform, options.env ?? process.env);
      const child = spawn(command, args, { stdio: 'ignore', detached: true, shell: false });
      child.once('error', (error) =>
        reject(new HearthError('INTERNAL', `Could not open ${file.slice(0, 300)}: ${command} did not start (${error.message}). Open the file from its folder instead.`)),
      );
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}
