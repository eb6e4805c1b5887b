import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HearthError, type CatalogEntry } from '../../../contract/index.js';
import { catalogEntries, parseCatalogDocument } from './CatalogDocument.js';

/**
 * Where models/catalog.json is: the checkout's root when running from source
 * (tsx), or the app's root when built (dist/main/...), packaged or not. The
 * search walks up from this file so both layouts work without configuration.
 */
export function defaultCatalogFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'models', 'catalog.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models/catalog.json');
}

/** Reads and validates the catalog; read on each call so an edited file needs no restart. */
export function loadCatalog(file: string = defaultCatalogFile()): CatalogEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new HearthError('INTERNAL', `The model catalog could not be read from ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HearthError('INTERNAL', `The model catalog ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return catalogEntries(parseCatalogDocument(raw, file));
}
