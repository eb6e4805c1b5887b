/**
 * Writes the malformed-GGUF corpus: files built to break GGUF readers the
 * way published parser CVEs did (truncation, lying counts and lengths,
 * overflowing shapes, offsets past the end, wrong value types, special ids
 * outside the vocabulary, hostile Jinja templates). Hearth must refuse each.
 *
 *   npx tsx scripts/make-malformed-corpus.ts [--out DIR]     (default .cache/malformed-gguf)
 *
 * Never commit the output: it is regenerated, byte for byte, from this source.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS_DIR, writeMalformedCorpus } from './malformed/writeMalformedCorpus.js';

function main(): number {
  let out: string;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      console.log('usage: tsx scripts/make-malformed-corpus.ts [--out DIR]');
      return 0;
    }
    out = path.resolve(values.out ?? DEFAULT_CORPUS_DIR);
  } catch (error) {
    console.error(`make-malformed-corpus: ${(error as Error).message}`);
    return 2;
  }
  const { entries } = writeMalformedCorpus(out);
  const byKind = new Map<string, number>();
  for (const e of entries) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  console.log(`${entries.length} malformed GGUF files in ${out}`);
  for (const [kind, n] of byKind) console.log(`  ${kind.padEnd(14)} ${n}`);
  return 0;
}

process.exitCode = main();
