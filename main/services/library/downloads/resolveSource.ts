import { HearthError, type CatalogEntry } from '../../../contract/index.js';
import { checkFileName } from '../sources/checkFileName.js';
import type { PartState } from './fetchPart.js';
import { checkDownloadUrl } from '../sources/httpGet.js';
import { fileNameOf, hfResolveUrl, parseHfUri, withFileName } from '../sources/parseHfUri.js';
import { splitPartNames } from '../sources/splitPartNames.js';

export interface DownloadPlan {
  /** What the user asked for, as they wrote it. */
  source: string;
  catalogId: string | null;
  quantization: string | null;
  /** The first part's name: what the model is called in the cache. */
  fileName: string;
  parts: PartState[];
  /** Known in advance only from the catalog's exact sizes. */
  totalBytes: number | null;
}

export interface ResolveOptions {
  quantization?: string;
  catalog: CatalogEntry[];
  /** Hugging Face endpoint (tests point it at a local server). */
  hfEndpoint: string;
}

function newPart(url: string, fileName: string, expectedSha256: string | null = null, totalBytes: number | null = null): PartState {
  return { url, fileName, expectedSha256, shaFromCatalog: expectedSha256 !== null, totalBytes, validator: null, linkedOid: null, sha256: null };
}

/**
 * Turns what the user typed into the files to fetch: a catalog id (with an
 * optional quantization), an `hf:` URI, or an https URL (plain http only to
 * this machine). A split GGUF named by any part becomes all its parts.
 * Crafted names are refused here, before anything touches the disk or the network.
 */
export function resolveSource(source: string, options: ResolveOptions): DownloadPlan {
  const trimmed = source.trim();
  if (trimmed.startsWith('hf:')) {
    const hf = parseHfUri(trimmed);
    const names = splitPartNames(checkFileName(fileNameOf(hf), trimmed));
    const parts = names.map((name) => newPart(hfResolveUrl(withFileName(hf, checkFileName(name, trimmed)), options.hfEndpoint), name));
    return { source: trimmed, catalogId: null, quantization: options.quantization ?? null, fileName: names[0]!, parts, totalBytes: null };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    const url = checkDownloadUrl(trimmed);
    const segments = url.pathname.split('/');
    let last: string;
    try {
      last = decodeURIComponent(segments.at(-1) ?? '');
    } catch {
      throw new HearthError('INVALID_PARAMS', `The URL ${trimmed} ends in a badly encoded file name.`);
    }
    const names = splitPartNames(checkFileName(last, trimmed));
    const parts = names.map((name) => {
      const u = new URL(url);
      u.pathname = [...segments.slice(0, -1), encodeURIComponent(checkFileName(name, trimmed))].join('/');
      return newPart(u.toString(), name);
    });
    return { source: trimmed, catalogId: null, quantization: options.quantization ?? null, fileName: names[0]!, parts, totalBytes: null };
  }
  const entry = options.catalog.find((e) => e.id === trimmed);
  if (!entry) {
    throw new HearthError('NOT_FOUND', `"${trimmed}" is not in the catalog, nor an hf: URI or https URL. See \`hearth models catalog\` for the ids.`);
  }
  const file = options.quantization ? entry.files.find((f) => f.quantization.toLowerCase() === options.quantization!.toLowerCase()) : entry.files[0];
  if (!file) {
    throw new HearthError('INVALID_PARAMS', `${entry.name} has no ${options.quantization} file in the catalog; it has ${entry.files.map((f) => f.quantization).join(', ')}.`);
  }
  const hf = parseHfUri(file.uri);
  const names = splitPartNames(checkFileName(file.fileName, `the catalog entry ${entry.id}`));
  const parts = names.map((name) =>
    newPart(hfResolveUrl(withFileName(hf, name), options.hfEndpoint), name, file.parts === 1 ? file.sha256 : null, file.parts === 1 ? file.sizeBytes : null),
  );
  return { source: entry.id, catalogId: entry.id, quantization: file.quantization, fileName: names[0]!, parts, totalBytes: file.parts === 1 ? file.sizeBytes : null };
}
