import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFamilyFixture } from '../../scripts/fixtures/writeFamilyFixture.js';
import type { FamilySpec } from './familySpecs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAMILY_DIR = path.join(repoRoot, '.cache/fixtures/families');

/** The family's files in the extracted source, or null when the bundle lacks one (the family is then skipped). */
export function familyFiles(source: string, spec: FamilySpec): { vocabFile: string; templateFile: string } | null {
  const vocabFile = path.join(source, 'models', `ggml-vocab-${spec.vocab}.gguf`);
  const templateFile = path.join(source, 'models/templates', spec.template);
  return fs.existsSync(vocabFile) && fs.existsSync(templateFile) ? { vocabFile, templateFile } : null;
}

function generatorKey(spec: FamilySpec, template: string, vocabFile: string): string {
  const hash = createHash('sha256').update(JSON.stringify(spec)).update(template).update(String(fs.statSync(vocabFile).size));
  for (const file of ['writeFamilyFixture.ts', 'readTokenizerKv.ts', 'planLlamaModel.ts', 'writeGguf.ts', 'fillRandomBlocks.ts', 'quantize.ts']) {
    hash.update(fs.readFileSync(path.join(repoRoot, 'scripts/fixtures', file)));
  }
  return hash.digest('hex');
}

/** Writes (once per generator version) the family's tiny model; returns its path. */
export async function ensureFamilyFixture(source: string, spec: FamilySpec): Promise<string> {
  const files = familyFiles(source, spec);
  if (!files) throw new Error(`The bundle has no ${spec.vocab} vocabulary or ${spec.template}.`);
  const template = fs.readFileSync(files.templateFile, 'utf8');
  const key = generatorKey(spec, template, files.vocabFile);
  const out = path.join(FAMILY_DIR, `${spec.id}.gguf`);
  const sidecar = `${out}.json`;
  try {
    const recorded = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { key: string; bytes: number };
    if (recorded.key === key && fs.statSync(out).size === recorded.bytes) return out;
  } catch {
    // Not written yet, or by another version of the writer.
  }
  const written = await writeFamilyFixture(out, {
    vocabFile: files.vocabFile,
    template,
    name: `Hearth ${spec.id} family fixture`,
    ...(spec.tokens ? { tokens: spec.tokens } : {}),
    ...(spec.bos ? { bos: spec.bos } : {}),
    ...(spec.eos ? { eos: spec.eos } : {}),
    ...(spec.eot ? { eot: spec.eot } : {}),
    ...(spec.addBos !== undefined ? { addBos: spec.addBos } : {}),
  });
  fs.writeFileSync(sidecar, JSON.stringify({ key, bytes: written.bytes }));
  return out;
}
