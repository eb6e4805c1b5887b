import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HearthError } from '../../../contract/index.js';
import { inspectGguf } from '../../gguf/readGgufHeader.js';
import type { PartState } from './fetchPart.js';

export function partPathOf(modelsDir: string, part: Pick<PartState, 'fileName'>): string {
  return path.join(modelsDir, `${part.fileName}.part`);
}

export function finalPathOf(modelsDir: string, part: Pick<PartState, 'fileName'>): string {
  return path.join(modelsDir, part.fileName);
}

/** Free bytes for an unprivileged user in the folder's file system. */
export async function statfsFree(dir: string): Promise<number> {
  const s = await fs.promises.statfs(dir);
  return s.bavail * s.bsize;
}

/** Deletes a download's part files (with onlyEmpty, just the ones that never got a byte). */
export async function removePartFiles(modelsDir: string, parts: Array<Pick<PartState, 'fileName'>>, options: { onlyEmpty?: boolean } = {}): Promise<void> {
  for (const part of parts) {
    const file = partPathOf(modelsDir, part);
    if (options.onlyEmpty && !(fs.existsSync(file) && fs.statSync(file).size === 0)) continue;
    await fs.promises.rm(file, { force: true });
  }
}

/** SHA-256 of a whole file, streamed; abortable between chunks. */
export async function hashFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** fsync of a file or (POSIX) a folder: its data, or the names in it, reach the disk. */
async function syncPath(target: string): Promise<void> {
  const handle = await fs.promises.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file operations of the last step, injectable so tests can see their order and alter files between them. */
export interface CompleteIo {
  /** SHA-256 of the file as it is on disk now. */
  hash(file: string): Promise<string>;
  /** fsync the file's data before its rename makes it the model. */
  syncFile(file: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Makes the renames durable: without the directory's fsync a power cut can undo them (no-op on Windows, which has no directory handles). */
  syncDir(dir: string): Promise<void>;
}

export const DEFAULT_COMPLETE_IO: CompleteIo = {
  hash: (file) => hashFile(file),
  syncFile: syncPath,
  rename: (from, to) => fs.promises.rename(from, to),
  syncDir: (dir) => (process.platform === 'win32' ? Promise.resolve() : syncPath(dir)),
};

function mismatch(fileName: string, got: string, expected: string, what: string): HearthError {
  return new HearthError(
    'CHECKSUM_MISMATCH',
    `${fileName} ${what} SHA-256 ${got.slice(0, 12)}…, not the expected ${expected.slice(0, 12)}…: it was corrupted or replaced. Nothing was installed and the partial file was deleted; download it again.`,
  );
}

/**
 * The end of a download: every part's hash checked against the expected one,
 * then each part file fsynced and hashed again AS IT IS ON DISK (the stream's
 * hash says what arrived, not what another writer or a bad disk left in the
 * file), the header checked as GGUF, and the parts renamed to their final
 * names (later parts first, so the first part's name, which the model is known
 * by, appears last and only once the whole model is there). A mismatch deletes
 * the parts: their bytes are not the file, and keeping them would only resume
 * into the same wrong result. Each part's sha256 ends as the on-disk hash.
 */
export async function completeDownload(modelsDir: string, parts: PartState[], io: CompleteIo = DEFAULT_COMPLETE_IO): Promise<void> {
  const fail = async (error: HearthError): Promise<never> => {
    for (const p of parts) await fs.promises.rm(partPathOf(modelsDir, p), { force: true });
    throw error;
  };
  for (const part of parts) {
    if (part.expectedSha256 && part.sha256 !== part.expectedSha256) await fail(mismatch(part.fileName, part.sha256 ?? '?', part.expectedSha256, 'arrived with'));
  }
  const pending = parts.filter((p) => fs.existsSync(partPathOf(modelsDir, p)));
  for (const part of pending) {
    const file = partPathOf(modelsDir, part);
    await io.syncFile(file);
    const onDisk = await io.hash(file);
    const expected = part.expectedSha256 ?? part.sha256;
    if (expected && onDisk !== expected) await fail(mismatch(part.fileName, onDisk, expected, 'holds on disk'));
    part.sha256 = onDisk;
  }
  if (pending[0] === parts[0]) await inspectGguf(partPathOf(modelsDir, parts[0]!));
  for (const part of [...pending].reverse()) {
    await io.rename(partPathOf(modelsDir, part), finalPathOf(modelsDir, part));
  }
  await io.syncDir(modelsDir);
}
