import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { HearthError } from '../../contract/errors.js';
import { invalidGguf } from './invalidGguf.js';

/**
 * Sequential little-endian reads from a file through one bounded window, so
 * the header of a model of any size costs a few chunk reads and no more
 * memory than the values it really holds. Reads past the end, or past the
 * header limit, become MODEL_INVALID errors that say where the file ended.
 *
 * Callers check `available` and `await fill(n)` only when short: the hot
 * loops over vocabulary arrays stay synchronous.
 */
export class FileCursor {
  private window: Buffer;
  /** File position of window[0]. */
  private windowStart = 0;
  private windowLength = 0;
  /** File position of the next byte to take. */
  pos = 0;
  /** What is being read, for the truncation message ("the metadata (key general.name)"). */
  section = 'the header';

  constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    readonly fileSize: number,
    private readonly chunkBytes: number,
    private readonly maxPosition: number,
    private readonly signal?: AbortSignal,
  ) {
    this.window = Buffer.allocUnsafe(chunkBytes);
  }

  get available(): number {
    return this.windowStart + this.windowLength - this.pos;
  }

  get remaining(): number {
    return this.fileSize - this.pos;
  }

  fail(problem: string): never {
    throw invalidGguf(this.file, problem);
  }

  /** Makes the next `n` bytes (at most one chunk) available, or fails naming the section the file ends in. */
  async fill(n: number): Promise<void> {
    if (this.signal?.aborted) throw new HearthError('ABORTED', `Reading ${path.basename(this.file)} was cancelled.`);
    if (n > this.chunkBytes) throw new Error(`FileCursor.fill(${n}) exceeds the chunk size ${this.chunkBytes}.`);
    if (this.pos + n > this.fileSize) {
      this.fail(`the file ends inside ${this.section} (at byte ${this.pos} of ${this.fileSize})`);
    }
    if (this.pos + n > this.maxPosition) {
      this.fail(`its header runs past the limit of ${this.maxPosition} bytes (at byte ${this.pos}, in ${this.section})`);
    }
    if (this.available >= n) return;
    const keep = this.available;
    this.window.copy(this.window, 0, this.pos - this.windowStart, this.pos - this.windowStart + keep);
    this.windowStart = this.pos;
    this.windowLength = keep;
    const want = Math.min(this.chunkBytes - keep, this.fileSize - (this.pos + keep));
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(this.window, keep + got, want - got, this.pos + keep + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.windowLength += got;
    if (this.available < n) {
      // The file shrank while we read it.
      this.fail(`the file ends inside ${this.section} (at byte ${this.windowStart + this.windowLength} of ${this.fileSize})`);
    }
  }

  /** A copy of up to `n` buffered bytes, without consuming them. */
  peek(n: number): Buffer {
    const offset = this.pos - this.windowStart;
    return Buffer.from(this.window.subarray(offset, offset + Math.min(n, this.available)));
  }

  private at(n: number): number {
    const offset = this.pos - this.windowStart;
    this.pos += n;
    return offset;
  }

  u8(): number { return this.window.readUInt8(this.at(1)); }
  i8(): number { return this.window.readInt8(this.at(1)); }
  u16(): number { return this.window.readUInt16LE(this.at(2)); }
  i16(): number { return this.window.readInt16LE(this.at(2)); }
  u32(): number { return this.window.readUInt32LE(this.at(4)); }
  i32(): number { return this.window.readInt32LE(this.at(4)); }
  f32(): number { return this.window.readFloatLE(this.at(4)); }
  f64(): number { return this.window.readDoubleLE(this.at(8)); }
  u64(): bigint { return this.window.readBigUInt64LE(this.at(8)); }
  i64(): bigint { return this.window.readBigInt64LE(this.at(8)); }

  /**
   * A u64 length read as two halves: real lengths fit in the low 32 bits, so
   * the common case avoids BigInt; anything larger comes back as a bigint for
   * the caller to refuse (it never becomes a lossy number).
   */
  length(): number | bigint {
    const offset = this.at(8);
    const high = this.window.readUInt32LE(offset + 4);
    return high === 0 ? this.window.readUInt32LE(offset) : this.window.readBigUInt64LE(offset);
  }

  /** The next u64 length without consuming it, saturated to a number (callers only compare it with the window). */
  peekLength(): number {
    const offset = this.pos - this.windowStart;
    return this.window.readUInt32LE(offset + 4) === 0 ? this.window.readUInt32LE(offset) : Number.MAX_SAFE_INTEGER;
  }

  /** `n` bytes already in the window, as UTF-8. */
  textInWindow(n: number): string {
    if (n === 0) return '';
    const start = this.at(n);
    return this.window.toString('utf8', start, start + n);
  }

  /** `n` bytes as UTF-8; `n` has been checked against the remaining bytes and the caller's cap. */
  async text(n: number): Promise<string> {
    if (n <= this.chunkBytes) {
      if (n > this.available) await this.fill(n);
      const start = this.at(n);
      return this.window.toString('utf8', start, start + n);
    }
    // Longer than a chunk (a big chat template): read it in pieces into its own buffer.
    const out = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const piece = Math.min(this.chunkBytes, n - done);
      await this.fill(piece);
      const start = this.at(piece);
      this.window.copy(out, done, start, start + piece);
      done += piece;
    }
    return out.toString('utf8');
  }
}
