import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '../../contract/errors.js';
import { createRng, type Rng } from '../../../scripts/fixtures/createRng.js';
import { gguf } from '../../../scripts/fixtures/encodeGgufHeader.js';
import { minimalGguf } from '../../../scripts/fixtures/minimalGguf.js';
import { ensureFixtureModels, fixturePath } from '../../../test/fixtures.js';
import { DEFAULT_GGUF_LIMITS } from './ggufLimits.js';
import { inspectGguf, readGgufHeader } from './readGgufHeader.js';

const EXTREMES = [0n, 1n, 0xffffffffn, 0x100000000n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n];

/** One corruption of the kind parser CVEs are made of: a flipped byte, an extreme u64, a cut. */
function mutate(base: Buffer, headerEnd: number, rng: Rng): Buffer {
  const out = Buffer.from(base);
  const at = rng.nextU32() % headerEnd;
  switch (rng.nextU32() % 4) {
    case 0:
      out[at] = rng.nextU32() & 0xff;
      return out;
    case 1:
      if (at + 8 <= out.length) out.writeBigUInt64LE(EXTREMES[rng.nextU32() % EXTREMES.length]!, at);
      return out;
    case 2:
      out.writeUInt32LE(rng.nextU32() % 64, Math.min(at, out.length - 4));
      return out;
    default:
      return out.subarray(0, at);
  }
}

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-gguf-fuzz-'));
  await ensureFixtureModels(['tiny']);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readGgufHeader under random corruption', () => {
  it.each([
    ['the minimal model', 300],
    ['the tiny fixture', 150],
  ])('either reads %s or refuses it with MODEL_INVALID, fast', async (label, count) => {
    const base = label === 'the tiny fixture' ? fs.readFileSync(fixturePath('tiny')) : minimalGguf();
    const headerEnd = (await readGgufHeader(label === 'the tiny fixture' ? fixturePath('tiny') : writeBase(base))).dataOffset;
    const rng = createRng(label.length);
    const outcomes = { read: 0, refused: 0 };
    let slowest = 0;
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `mutant-${i}.gguf`);
      fs.writeFileSync(file, mutate(base, headerEnd, rng));
      const started = performance.now();
      try {
        await inspectGguf(file);
        outcomes.read++;
      } catch (error) {
        if (!(error instanceof HearthError) || error.code !== 'MODEL_INVALID') {
          throw new Error(`mutant ${i} failed with something other than MODEL_INVALID: ${String(error)}`, { cause: error });
        }
        expect(error.message).toMatch(/^mutant-\d+\.gguf is not a valid GGUF model: .+\.$/);
        outcomes.refused++;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(slowest).toBeLessThan(1000);
    // Most corruptions of a header must be caught; some (a byte in a name, a score) are harmless.
    expect(outcomes.refused).toBeGreaterThan(count / 3);
  });
});

describe('readGgufHeader at the limits', () => {
  it.each([
    ['bytes', () => gguf.arr('u8', new Array<number>(DEFAULT_GGUF_LIMITS.maxArrayLength).fill(1))],
    ['empty strings', () => gguf.arr('string', new Array<string>(DEFAULT_GGUF_LIMITS.maxArrayLength).fill(''))],
  ])('reads the longest array of %s it allows within a second', async (_label, array) => {
    const file = path.join(dir, 'longest.gguf');
    fs.writeFileSync(file, minimalGguf({ set: { 'x.longest': array() } }));
    const started = performance.now();
    const header = await readGgufHeader(file);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(header.metadata.get('x.longest')).toHaveLength(DEFAULT_GGUF_LIMITS.maxArrayLength);
  });
});

function writeBase(base: Buffer): string {
  const file = path.join(dir, 'base.gguf');
  fs.writeFileSync(file, base);
  return file;
}
