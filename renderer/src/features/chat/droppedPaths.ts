/** What a drop carries that can name files: the uri list a file manager puts there, and the File objects. */
export interface DroppedData {
  uriList: string;
  files: ReadonlyArray<File>;
  /** The desktop shell's answer to where a File lives (the preload's pathForFile); absent in a browser. */
  pathOf?: (file: File) => string;
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
 * the desktop shell knows where a File lives (`pathOf`: Electron's webUtils
 * through the preload; `path` in Electron before 32).
 */
export function droppedPaths({ uriList, files, pathOf }: DroppedData): string[] {
  const out: string[] = [];
  for (const line of uriList.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const path = fileUriToPath(line);
    if (path) out.push(path);
  }
  for (const file of files) {
    const path = pathOf?.(file) || (file as File & { path?: unknown }).path;
    if (typeof path === 'string' && path) out.push(path);
  }
  return [...new Set(out)];
}
