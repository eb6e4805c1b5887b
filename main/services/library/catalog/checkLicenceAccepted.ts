import { HearthError, type CatalogEntry } from '../../../contract/index.js';

/**
 * A catalog entry whose licence restricts use (licenceNotice set) downloads
 * only once the person has seen the terms and said yes: the library's
 * "Accept and download" step, or `--accept-licence` on the command line. The
 * check sits in the downloads service so no door (UI, CLI, API) can skip it.
 */
export function checkLicenceAccepted(entry: Pick<CatalogEntry, 'id' | 'name' | 'licence' | 'licenceNotice'>, accepted: boolean | undefined): void {
  const notice = entry.licenceNotice;
  if (!notice || accepted === true) return;
  const where = notice.url ? ` The terms: ${notice.url}.` : '';
  throw new HearthError(
    'INVALID_PARAMS',
    `${entry.name} (${entry.id}) is under the ${entry.licence ?? 'model\'s own licence'}, which restricts use: ${notice.text}${where} Accept the terms to download it: "Accept and download" in the library, or hearth models download ${entry.id} --accept-licence.`,
  );
}

/** The lines the CLI prints before a restricted download: the licence, the notice and where to read it. */
export function licenceNoticeLines(entry: Pick<CatalogEntry, 'name' | 'licence' | 'licenceNotice'>): string[] {
  const notice = entry.licenceNotice;
  if (!notice) return [];
  return [`${entry.name}: ${entry.licence ?? 'licence'}`, notice.text, ...(notice.url ? [`Terms: ${notice.url}`] : [])];
}
