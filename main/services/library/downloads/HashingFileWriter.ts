import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { HearthError } from '../../../contract/index.js';

/**
 * Appends to an open part file and feeds the same bytes to the running
 * SHA-256 only once they are written, so after any failure the hash covers
 * exactly the bytes in the file and a resume can continue it. Chunks queued
 * while a write is in flight go out together in one writev.
 */
export class HashingFileWriter extends Writable {
  written = 0;
  /** The file system's error, when writing failed (as opposed to the source failing). */
  failure: NodeJS.ErrnoException | null = null;

  constructor(
    private readonly handle: FileHandle,
    private position: number,
    private readonly hash: Hash,
    private readonly onWritten: (bytes: number) => void,
    /** The file's known size: a server sending past it (no Content-Length to stop it) is refused before the extra bytes are written. */
    private readonly limit: { bytes: number; what: string } | null = null,
  ) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    const buffers = chunks.map((c) => c.chunk);
    this.writeAll(buffers).then(() => callback(), (error: NodeJS.ErrnoException) => callback(error instanceof HearthError ? error : (this.failure = error)));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeAll([chunk]).then(() => callback(), (error: NodeJS.ErrnoException) => callback(error instanceof HearthError ? error : (this.failure = error)));
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    const data = buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
    if (this.limit && this.position + data.length > this.limit.bytes) {
      throw new HearthError('DOWNLOAD_FAILED', `The server sent more than the ${this.limit.bytes} bytes ${this.limit.what} says the file has; the extra bytes were not written. Try again later, or report the source.`);
    }
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset, this.position);
      // Hash what reached the file, piece by piece, so a failure part-way leaves both in step.
      this.hash.update(data.subarray(offset, offset + bytesWritten));
      offset += bytesWritten;
      this.position += bytesWritten;
      this.written += bytesWritten;
      this.onWritten(bytesWritten);
    }
  }
}
