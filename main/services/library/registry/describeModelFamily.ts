import fs from 'node:fs';
import path from 'node:path';
import type { CatalogEntry, LoadedModel, ModelFamily, ModelFit, ModelRecord } from '../../../contract/index.js';
import { checkChatTemplate, type TemplateVerdict } from '../../gguf/checkChatTemplate.js';
import { readGgufHeader } from '../../gguf/readGgufHeader.js';

export interface FamilyInputs {
  fit: ModelFit | null;
  loaded: LoadedModel | undefined;
  catalog: CatalogEntry[];
  /** The chat template and general.license of the file (default: read from its header). */
  readFile?: (file: string) => Promise<{ template: string | null; licence: string | null }>;
  checkTemplate?: (template: string) => Promise<TemplateVerdict>;
}

async function readFile(file: string): Promise<{ template: string | null; licence: string | null }> {
  const header = await readGgufHeader(file);
  const str = (key: string) => {
    const value = header.metadata.get(key);
    return typeof value === 'string' && value.length > 0 ? value : null;
  };
  return { template: str('tokenizer.chat_template'), licence: str('general.license') };
}

// The template trial runs a worker: once per file version, not on every models.list.
const verdicts = new Map<string, Promise<TemplateVerdict>>();
function cachedVerdict(file: string, template: string, check: (t: string) => Promise<TemplateVerdict>): Promise<TemplateVerdict> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const key = `${file}:${stat?.size}:${stat?.mtimeMs}`;
  let verdict = verdicts.get(key);
  if (!verdict) {
    verdict = check(template);
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** The catalog entry a file came from: by its hash when known, else by its file name. */
export function catalogEntryOf(record: Pick<ModelRecord, 'path' | 'sha256'>, catalog: CatalogEntry[]): CatalogEntry | undefined {
  const name = path.basename(record.path);
  return (
    catalog.find((e) => record.sha256 !== null && e.files.some((f) => f.sha256 === record.sha256)) ??
    catalog.find((e) => e.files.some((f) => f.fileName === name))
  );
}

/**
 * The facts that help choose a model, from what is already known: the file's
 * header (template, licence), the catalog entry it belongs to (capabilities,
 * licence), the engine (the chat wrapper and context of a loaded model) and
 * the fit estimate. A template Hearth will not run (checkChatTemplate's
 * verdict, the same the engine applies) is said, with the plain-text fallback.
 */
export async function describeModelFamily(record: ModelRecord, inputs: FamilyInputs): Promise<ModelFamily> {
  const entry = catalogEntryOf(record, inputs.catalog);
  const file = fs.existsSync(record.path) ? await (inputs.readFile ?? readFile)(record.path).catch(() => null) : null;
  const template = file?.template ?? null;
  let templateFallback: string | null = null;
  if (!record.hasChatTemplate || (file && !template)) templateFallback = 'the file has no chat template; replies use plain text';
  else if (template) {
    const verdict = await cachedVerdict(record.path, template, inputs.checkTemplate ?? ((t) => checkChatTemplate(t)));
    if (!verdict.ok) templateFallback = `its chat template is not used (${verdict.reason}); replies use plain text`;
  }
  const fromTemplate = (pattern: RegExp) => (template && pattern.test(template) ? true : null);
  return {
    architecture: record.architecture,
    chatWrapper: templateFallback ? 'Plain' : (inputs.loaded?.chatWrapper ?? null),
    templateFallback,
    // The catalog's sourced value first; else what the template itself shows (its enable_thinking switch, its tools).
    thinking: entry?.capabilities?.thinking ?? (fromTemplate(/\benable_thinking\b/) ? 'hybrid' : null),
    tools: entry?.capabilities?.tools ?? fromTemplate(/\btools\b/),
    trainedContext: record.contextLength,
    contextUsed: inputs.loaded?.contextSize ?? inputs.fit?.contextSize ?? null,
    licence: entry?.licence ?? file?.licence ?? null,
    catalogId: entry?.id ?? null,
  };
}
