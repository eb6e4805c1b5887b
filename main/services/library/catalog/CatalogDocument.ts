import { z } from 'zod';
import { CatalogEntry, CatalogFile, HearthError, LicenceNotice, ModelCapabilities } from '../../../contract/index.js';
import { checkFileName } from '../sources/checkFileName.js';
import { fileNameOf, parseHfUri } from '../sources/parseHfUri.js';
import { splitPartNames } from '../sources/splitPartNames.js';

/**
 * models/catalog.json: the curated models, as data. Entries are the contract's
 * CatalogEntry plus the sources their facts came from and the reference chat
 * template (kept in the file for review and tests, not sent to the UI).
 */
export const CatalogDocumentEntry = CatalogEntry.extend({
  files: z.array(CatalogFile.extend({ approxSizeBytes: z.number().int().positive().nullable() })).min(1),
  // Required in the file, so a new entry cannot leave them out by accident.
  capabilities: ModelCapabilities,
  licenceNotice: LicenceNotice.nullable(),
  /** The family's reference template in llama.cpp's models/templates (the source of `tools`), or null. */
  chatTemplate: z.string().regex(/^[\w.-]+\.jinja$/).nullable(),
  sources: z.array(z.string().min(1)).min(1),
});

export const CatalogDocument = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  entries: z.array(CatalogDocumentEntry).min(1),
});
export type CatalogDocument = z.infer<typeof CatalogDocument>;

/** Licences known to restrict use: their entries must carry a notice. */
const RESTRICTING_LICENCE = /Gemma Terms|Research Licen[cs]e/i;

/** Beyond the shapes: what makes an entry downloadable and unambiguous. Returns the problems found. */
function crossCheck(doc: CatalogDocument): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entry of doc.entries) {
    const at = `entry ${entry.id}`;
    if (ids.has(entry.id)) problems.push(`${at}: the id appears twice`);
    ids.add(entry.id);
    // A restricting licence that is not shown before download is the mistake this guards against.
    if (entry.licence && RESTRICTING_LICENCE.test(entry.licence) && !entry.licenceNotice) {
      problems.push(`${at}: the ${entry.licence} restricts use and needs a licenceNotice`);
    }
    if (entry.licenceNotice && !entry.licence) problems.push(`${at}: a licenceNotice needs the licence it is about`);
    const quants = new Set<string>();
    for (const file of entry.files) {
      const where = `${at}, ${file.quantization}`;
      if (quants.has(file.quantization)) problems.push(`${where}: the quantization appears twice`);
      quants.add(file.quantization);
      try {
        const hf = parseHfUri(file.uri);
        if (fileNameOf(hf) !== file.fileName) problems.push(`${where}: the uri names ${fileNameOf(hf)}, not ${file.fileName}`);
        checkFileName(file.fileName, where);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
      const parts = splitPartNames(file.fileName);
      if (parts.length !== file.parts) problems.push(`${where}: parts is ${file.parts} but the file name implies ${parts.length}`);
      if (file.parts > 1 && parts[0] !== file.fileName) problems.push(`${where}: a split file must be listed by its first part`);
      // One hash cannot cover several parts: each part's comes from the server.
      if (file.parts > 1 && file.sha256) problems.push(`${where}: sha256 is only for single-file models`);
    }
  }
  return problems;
}

/** Parses and checks the catalog; every problem is listed in one INTERNAL error (a broken catalog is a build bug). */
export function parseCatalogDocument(raw: unknown, origin: string): CatalogDocument {
  const parsed = CatalogDocument.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new HearthError('INTERNAL', `The model catalog ${origin} is invalid: ${issues.join('; ')}`);
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new HearthError('INTERNAL', `The model catalog ${origin} is invalid: ${problems.slice(0, 5).join('; ')}`);
  return parsed.data;
}

/** What the UI and the downloads service see: the contract's shape, without the sources. */
export function catalogEntries(doc: CatalogDocument): CatalogEntry[] {
  return doc.entries.map(({ sources: _sources, chatTemplate: _template, ...entry }) => entry);
}
