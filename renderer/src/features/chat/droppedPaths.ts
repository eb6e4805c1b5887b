/** What a drop carries that can name files: the uri list a file manager puts there, and the File objects. */
export interface DroppedData {
  uriList: string;
  files: ReadonlyArray<File>;
}

/** A file: URI as an absolute path (file:///C:/x -> C:/x on Windows); null for any other URI. */
export function fileUriToPath(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'file:') return null;
  const pathname = decodeURIComponent(url.pathname);
  if (/^\/[A-Za-z]:\//.test(pathname)) return pathname.slice(1);
  return url.host ? `//${url.host}${pathname}` : pathname;
}

/**
 * Absolute paths of the files in a drop. Browsers do not tell a page where a
 * dropped File lives, but file managers also put file: URIs in text/uri-list;
 * the desktop shell may give a File its path (`path`, older Electron).
 */
export function droppedPaths({ uriList, files }: DroppedData): string[] {
  const out: string[] = [];
  for (const line of uriList.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const path = fileUriToPath(line);
    if (path) out.push(path);
  }
  for (const file of files) {
    const path = (file as File & { path?: unknown }).path;
    if (typeof path === 'string' && path) out.push(path);
  }
  return [...new Set(out)];
}
