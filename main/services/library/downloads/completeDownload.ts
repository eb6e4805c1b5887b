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

/** Makes a rename durable: without the directory's fsync a power cut can undo it (POSIX; Windows has no directory handles). */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The end of a download: every part's hash checked against the expected one,
 * the header checked as GGUF, then the parts renamed to their final names
 * (later parts first, so the first part's name, which the model is known by,
 * appears last and only once the whole model is there). A mismatch deletes the
 * part: its bytes are not the file, and keeping them would only resume into
 * the same wrong result.
 */
export async function completeDownload(modelsDir: string, parts: PartState[]): Promise<void> {
  for (const part of parts) {
    if (part.expectedSha256 && part.sha256 !== part.expectedSha256) {
      for (const p of parts) await fs.promises.rm(partPathOf(modelsDir, p), { force: true });
      throw new HearthError(
        'CHECKSUM_MISMATCH',
        `${part.fileName} arrived with SHA-256 ${part.sha256?.slice(0, 12)}…, not the expected ${part.expectedSha256.slice(0, 12)}…: it was corrupted or replaced on the way. Nothing was installed and the partial file was deleted; download it again.`,
      );
    }
  }
  const pending = parts.filter((p) => fs.existsSync(partPathOf(modelsDir, p)));
  if (pending[0] === parts[0]) await inspectGguf(partPathOf(modelsDir, parts[0]!));
  for (const part of [...pending].reverse()) {
    await fs.promises.rename(partPathOf(modelsDir, part), finalPathOf(modelsDir, part));
  }
  await syncDir(modelsDir);
}
