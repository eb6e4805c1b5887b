import type { Download } from '../../contract/index.js';
import type { CatalogService } from './catalog/createCatalogService.js';
import type { Downloads } from './downloads/createDownloads.js';

/**
 * "Keep everything offline-ready": queues the catalog models the enabled
 * domain profiles prefer that are not installed yet (already queued or
 * running ones are returned as they are). Ids that are not catalog entries
 * (a profile may name an installed model directly) need nothing.
 */
export function prepareOffline(wanted: string[], catalog: Pick<CatalogService, 'entries' | 'installed'>, downloads: Pick<Downloads, 'start'>): Download[] {
  const entries = catalog.entries();
  const queued: Download[] = [];
  for (const id of new Set(wanted)) {
    const entry = entries.find((e) => e.id === id);
    if (!entry || catalog.installed(entry).length > 0) continue;
    queued.push(downloads.start(entry.id));
  }
  return queued;
}

/**
 * What a set of preference lists (each profile's fast and standard tier, best
 * first) needs for offline use: nothing for a list that already has an
 * installed model, else its first choice.
 */
export function preferredMissing(lists: string[][], isInstalled: (id: string) => boolean): string[] {
  return lists.filter((list) => list.length > 0 && !list.some(isInstalled)).map((list) => list[0]!);
}
